// Debian's Chromium with the built extension, driven WITHOUT Playwright, for what Playwright cannot
// show: Chromium refuses to prerender a page while a DevTools client is attached to its tab the way
// Playwright attaches to every page ("PrerenderingDisabledByDevTools"; its routes disable it too).
// Here the only DevTools session is on the extension's service worker, over --remote-debugging-pipe
// (fd 3 in, fd 4 out, messages ending in NUL); the pages run as they would for a person.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { CHROMIUM_PATH, EXTENSION_DIR } from './launch';

export interface RawChromium {
  /** Runs `expression` (a JavaScript expression, awaited) in the extension's service worker; its value as JSON. */
  inWorker<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}

interface Reply {
  id?: number;
  result?: Record<string, unknown>;
  error?: { message: string };
}

/** Launches headless Chromium with the extension and `args`, and attaches to its service worker only. */
export async function launchRawChromium(args: string[], timeout = 15_000): Promise<RawChromium> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json')))
    throw new Error('The built extension is missing: run wxt build.');
  const profile = await mkdtemp(join(tmpdir(), 'paper-lens-raw-'));
  const child: ChildProcess = spawn(
    CHROMIUM_PATH,
    [
      '--headless',
      '--remote-debugging-pipe',
      `--user-data-dir=${profile}`,
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...args,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
  );
  const input = child.stdio[3] as Writable;
  const output = child.stdio[4] as Readable;
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  let buffer = '';
  let nextId = 1;
  output.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    for (let end = buffer.indexOf('\0'); end >= 0; end = buffer.indexOf('\0')) {
      const reply = JSON.parse(buffer.slice(0, end)) as Reply;
      buffer = buffer.slice(end + 1);
      if (reply.id !== undefined) pending.get(reply.id)?.resolve(reply); // events are not needed here
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => {
    for (const { reject } of pending.values()) reject(new Error('Chromium exited'));
  });
  const send = async (method: string, params: object = {}, sessionId?: string) => {
    const id = nextId++;
    const reply = await new Promise<Reply>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      input.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
    pending.delete(id);
    if (reply.error) throw new Error(`${method}: ${reply.error.message}`);
    return reply.result ?? {};
  };
  const close = async () => {
    await send('Browser.close').catch(() => undefined);
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
    await rm(profile, { recursive: true, force: true });
  };

  try {
    let sessionId: string | undefined;
    for (const start = Date.now(); !sessionId; await new Promise((r) => setTimeout(r, 100))) {
      if (Date.now() - start > timeout) throw new Error(`no extension service worker within ${timeout} ms`);
      const { targetInfos } = (await send('Target.getTargets')) as {
        targetInfos: { targetId: string; type: string; url: string }[];
      };
      const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
      if (worker)
        ({ sessionId } = (await send('Target.attachToTarget', { targetId: worker.targetId, flatten: true })) as {
          sessionId: string;
        });
    }
    const inWorker = async <T>(expression: string): Promise<T> => {
      const { result, exceptionDetails } = (await send(
        'Runtime.evaluate',
        { expression, awaitPromise: true, returnByValue: true },
        sessionId,
      )) as { result: { value?: T }; exceptionDetails?: { exception?: { description?: string }; text: string } };
      if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
      return result.value as T;
    };
    // A worker caught as it starts has no extension APIs yet: wait until it has.
    for (const start = Date.now(); ; await new Promise((r) => setTimeout(r, 100))) {
      if ((await inWorker<string>('typeof chrome?.storage?.session').catch(() => '')) === 'object') break;
      if (Date.now() - start > timeout)
        throw new Error(`the service worker had no extension APIs within ${timeout} ms`);
    }
    return { inWorker, close };
  } catch (error) {
    await close();
    throw error;
  }
}
