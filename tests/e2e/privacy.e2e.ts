// Issue #6, points 4 and 5, against the BUILT extension in Debian's Chromium: the background answers a
// malformed message with an error and a web page cannot reach it at all; the manifests ask for the
// narrowest permissions and keep a strict CSP, which in the running popup refuses eval, inline script
// and any request to another host, while the popup still does all it does (lazy chunks, blob export).
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_DIR, launchExtension, type ExtensionBrowser } from '../../tools/browser/launch';
import { fixture, fixtureHtml } from './helpers/fixtures';

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; object-src 'none'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const HOSTS = ['https://arxiv.org/*', 'https://huggingface.co/*'];
const CONTENT_SCRIPTS = [{ matches: HOSTS, run_at: 'document_idle', js: ['content-scripts/content.js'] }];
const FIREFOX_DIR = resolve(EXTENSION_DIR, '../firefox-mv2');
const POLL = { timeout: 15_000, interval: 50 };
const QUERY = 'continual pre-training';
const TITLE = 'Continual Pre-Training of Large Language Models: How to (re)warm your model?';
const ABS = fixture('arxiv-abs.html');

type Manifest = Record<string, unknown> & { browser_specific_settings?: { gecko?: Record<string, unknown> } };
type Chrome = {
  runtime: {
    sendMessage(message: unknown, callback: (answer: unknown) => void): void;
    lastError?: { message?: string };
    getManifest(): Manifest;
  };
  storage: { local: { get(): Promise<Record<string, unknown>> } };
};

let browser: ExtensionBrowser;
let tempDir: string;
const openPages: Page[] = [];
/** Requests that reached Playwright's router for a host the CSP should have stopped first. */
const tripwire: string[] = [];

beforeAll(async () => {
  browser = await launchExtension();
  tempDir = await mkdtemp(join(tmpdir(), 'paper-lens-privacy-'));
  await browser.routeFixture(ABS.url, fixtureHtml(ABS.file));
  await browser.context.route(/^https:\/\/example\.com\//, async (route) => {
    tripwire.push(route.request().url());
    await route.abort();
  });
});

afterEach(async () => {
  await Promise.all(openPages.splice(0).map((page) => page.close()));
});

afterAll(async () => {
  await browser?.close();
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
});

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

/** Opens the popup with a listener for CSP violations installed before any of its scripts run. */
async function openPopup(): Promise<{ page: Page; violations: () => Promise<string[]> }> {
  const page = await browser.context.newPage();
  openPages.push(page);
  // Chrome enforces its own minimum extension policy beside the manifest's: each event says which one.
  await page.addInitScript((manifestCsp) => {
    const seen: string[] = [];
    (globalThis as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      const policy = event.originalPolicy === manifestCsp ? 'manifest' : 'chrome';
      seen.push(`${policy}: ${event.effectiveDirective} ${event.blockedURI} (${event.disposition})`);
    });
  }, CSP);
  await page.goto(browser.extensionUrl('popup.html'));
  await page.getByRole('searchbox', { name: 'Search the corpus' }).waitFor();
  const violations = () =>
    page.evaluate(() => [...(globalThis as unknown as { cspViolations: string[] }).cspViolations]);
  return { page, violations };
}

/** Sends raw messages from an extension page over chrome.runtime.sendMessage; returns each answer. */
function sendRaw(page: Page, messages: unknown[]): Promise<unknown[]> {
  return page.evaluate(
    (list) =>
      Promise.all(
        list.map(
          (message) =>
            new Promise((done) => {
              const { runtime } = (globalThis as unknown as { chrome: Chrome }).chrome;
              // A JSON text stands for a message whose own "__proto__" key only JSON.parse can make.
              const sent = typeof message === 'string' && message.startsWith('{') ? JSON.parse(message) : message;
              runtime.sendMessage(sent, (answer) =>
                done(runtime.lastError ? { lastError: runtime.lastError.message } : answer),
              );
            }),
        ),
      ),
    messages,
  );
}

/** A message in @webext-core/messaging's wire format (lib/messaging/call.ts sends exactly these). */
const envelope = (type: string, data?: unknown) => ({ id: 1, type, data, timestamp: Date.now() });
const refused = (message: string) => ({
  err: { name: 'BadRequestError', message: `bad request: ${message}`, stack: '' },
});

describe('privacy', () => {
  it('the Chrome manifest asks for storage, contextMenus, activeTab, scripting and the two hosts only, with the strict CSP', () => {
    const manifest = readManifest(EXTENSION_DIR);
    // activeTab and scripting let the popup read a page of another site once, when the reader opens it there.
    expect(manifest.permissions).toEqual(['storage', 'contextMenus', 'activeTab', 'scripting']);
    expect(manifest.host_permissions).toEqual(HOSTS);
    expect(manifest.content_scripts).toEqual(CONTENT_SCRIPTS);
    expect(manifest.content_security_policy).toEqual({ extension_pages: CSP });
    for (const key of [
      'optional_permissions',
      'optional_host_permissions',
      'externally_connectable',
      'web_accessible_resources',
    ]) {
      expect(manifest[key], key).toBeUndefined();
    }
    expect(JSON.stringify(manifest)).not.toMatch(/<all_urls>|\*:\/\/\*/);
  });

  it('the Firefox manifest asks for the same, keeps the same CSP and declares no data collection', () => {
    const manifest = readManifest(FIREFOX_DIR);
    expect(manifest.permissions).toEqual(['storage', 'contextMenus', 'activeTab', 'scripting', ...HOSTS]);
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.content_scripts).toEqual(CONTENT_SCRIPTS);
    expect(manifest.content_security_policy).toBe(CSP);
    expect(manifest.browser_specific_settings?.gecko?.data_collection_permissions).toEqual({ required: ['none'] });
    for (const key of ['optional_permissions', 'externally_connectable', 'web_accessible_resources']) {
      expect(manifest[key], key).toBeUndefined();
    }
    expect(JSON.stringify(manifest)).not.toMatch(/<all_urls>|\*:\/\/\*/);
  });

  it('the running popup refuses eval, new Function, inline script and fetch to another host', async () => {
    const { page, violations } = await openPopup();
    expect(
      await page.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.runtime.getManifest()),
    ).toMatchObject({ content_security_policy: { extension_pages: CSP } });
    expect(await violations()).toEqual([]);

    // A DevTools evaluation (page.evaluate) may itself eval: the attempts run in a task of the page's own.
    const outcome = await page.evaluate(
      () =>
        new Promise((done) =>
          setTimeout(async () => {
            // Defined in here: this function is serialized into the page whole.
            // oxlint-disable-next-line unicorn/consistent-function-scoping
            const attempt = (run: () => unknown) => {
              try {
                return `ran: ${String(run())}`;
              } catch (error) {
                return `${(error as Error).name}: ${(error as Error).message}`;
              }
            };
            // Trying eval is the point: the CSP must refuse it.
            // oxlint-disable-next-line no-eval
            const evaluate = globalThis.eval;
            const evalResult = attempt(() => evaluate('1 + 1'));
            const functionResult = attempt(() => new Function('return 2')());
            const script = document.createElement('script');
            script.textContent = 'globalThis.inlineScriptRan = true;';
            document.head.append(script);
            let fetchResult: string;
            try {
              fetchResult = `fetched: ${(await fetch('https://example.com/')).status}`;
            } catch (error) {
              fetchResult = `${(error as Error).name}: ${(error as Error).message}`;
            }
            // securitypolicyviolation events are queued as tasks: let them arrive.
            await new Promise((wait) => setTimeout(wait, 200));
            const inlineRan = (globalThis as unknown as { inlineScriptRan?: boolean }).inlineScriptRan ?? false;
            done({ evalResult, functionResult, inlineRan, fetchResult });
          }, 0),
        ),
    );
    const refusedEval = expect.stringMatching(
      /^EvalError: Evaluating a string as JavaScript violates the following Content Security Policy directive because 'unsafe-eval' is not an allowed source of script: script-src 'self'/,
    );
    expect(outcome).toEqual({
      evalResult: refusedEval,
      functionResult: refusedEval,
      inlineRan: false,
      fetchResult: 'TypeError: Failed to fetch',
    });
    // The request to another host is stopped by the manifest's connect-src alone.
    expect(await violations()).toEqual([
      'manifest: script-src eval (enforce)',
      'chrome: script-src eval (enforce)',
      'manifest: script-src eval (enforce)',
      'chrome: script-src eval (enforce)',
      'manifest: script-src-elem inline (enforce)',
      'chrome: script-src-elem inline (enforce)',
      'manifest: connect-src https://example.com/ (enforce)',
    ]);
    expect(tripwire).toEqual([]);
    expect(browser.externalRequests()).toEqual([]);
  });

  it('the popup still searches, opens a paper, saves, exports through a blob link and imports, with no CSP violation', async () => {
    const { page, violations } = await openPopup();
    const csp: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) csp.push(message.text());
    });
    await page.getByRole('searchbox').fill(QUERY);
    const results = page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
    await expect.poll(() => results.locator('.pl-title').allInnerTexts(), POLL).toContain(TITLE);
    const row = results.filter({ hasText: TITLE });
    await row.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => row.getByRole('button', { name: 'Remove', exact: true }).count(), POLL).toBe(1);
    // Opening a paper loads the related-work model in the background (connect-src 'self').
    await page.getByRole('searchbox').press('Enter');
    const related = page.getByRole('region', { name: 'Related work' }).getByRole('listitem');
    await expect.poll(() => related.count(), POLL).toBe(8);
    await page.getByRole('button', { name: '← Back to results' }).click();

    // The Saved tab's tools are a lazy chunk; export is a blob: link; import loads another lazy chunk.
    await page.getByRole('tab', { name: 'Saved', exact: true }).click();
    const exportJson = page.getByRole('button', { name: 'Export JSON', exact: true });
    const [download] = await Promise.all([page.waitForEvent('download'), exportJson.click()]);
    expect(download.url()).toMatch(new RegExp(`^blob:chrome-extension://${browser.extensionId}/`));
    const file = join(tempDir, download.suggestedFilename());
    await download.saveAs(file);
    const exported = JSON.parse(await readFile(file, 'utf8')) as { papers: { title: string }[] };
    expect(exported.papers.map((paper) => paper.title)).toEqual([TITLE]);
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Import', exact: true }).click(),
    ]);
    await chooser.setFiles(file);
    const preview = page.getByRole('status').filter({ hasText: 'to add' });
    await expect
      .poll(() => preview.locator('p').innerText(), POLL)
      .toBe('paper-lens-list.json: 0 to add, 0 to update, 1 already in your list, 1 linked to corpus papers.');

    expect(await violations()).toEqual([]);
    expect(csp).toEqual([]);
  });

  it('answers malformed messages from an extension page with exact errors, and changes nothing', async () => {
    const { page } = await openPopup();
    const storage = () => page.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get());
    const before = await storage();
    const answers = await sendRaw(page, [
      envelope('stats'),
      'hello',
      envelope('constructor'),
      envelope('__proto__'),
      { ...envelope('stats'), sender: { id: 'forged', tab: { id: 1 } } },
      envelope('search', { query: 'q', k: '5' }),
      envelope('search', { query: 'q'.repeat(501), k: 5 }),
      JSON.stringify({ ...envelope('savePaper'), data: { title: 'x' } }).replace(
        '"title"',
        '"__proto__":{"x":1},"title"',
      ),
      envelope('reportPage', { kind: 'arxiv-abs', papers: [] }),
      envelope('describeTab', -1), // removed: the popup describes tabs itself
      envelope('applyImport', {
        id: 'a',
        basis: 'b',
        unchanged: 0,
        parts: 1,
        add: [{ title: 'x', extra: 1 }],
        update: [],
      }),
    ]);
    const [stats, ...rest] = answers as [{ res?: { papers?: unknown } }, ...unknown[]];
    expect(Object.keys(stats)).toEqual(['res']); // the well-formed message: proves the wire format
    expect(stats.res?.papers).toBeGreaterThan(400);
    expect(rest).toEqual([
      refused('message must be an object'),
      refused('unknown message type "constructor"'),
      refused('unknown message type "__proto__"'),
      refused('message has an unknown field "sender"'),
      refused('k must be a whole number from 1 to 100'),
      refused('query is longer than 500 characters'),
      refused('paper has an unknown field "__proto__"'),
      refused('reportPage comes from a page only'),
      refused('unknown message type "describeTab"'),
      refused('add[0] has an unknown field "extra"'),
    ]);
    expect(await storage()).toEqual(before);
    expect(await browser.worker.evaluate(() => Object.keys(Object.prototype))).toEqual([]);
  });

  it('a web page cannot reach the extension: no chrome.runtime in its main world, no extension file', async () => {
    const page = await browser.context.newPage();
    openPages.push(page);
    await page.goto(ABS.url);
    await page.locator('[data-paper-lens-host="badge"]').first().waitFor(); // the content script did run
    const reached = await page.evaluate(async (id) => {
      const chrome = (globalThis as unknown as { chrome?: { runtime?: Chrome['runtime'] } }).chrome;
      let sendError: string | null = null;
      try {
        (chrome!.runtime as unknown as { sendMessage(id: string, message: unknown): void }).sendMessage(id, {
          id: 1,
          type: 'stats',
          timestamp: 1,
        });
      } catch (error) {
        sendError = `${(error as Error).name}: ${(error as Error).message}`;
      }
      let fetchError: string | null = null;
      try {
        await fetch(`chrome-extension://${id}/manifest.json`);
      } catch (error) {
        fetchError = `${(error as Error).name}: ${(error as Error).message}`;
      }
      return { chrome: typeof chrome, runtime: typeof chrome?.runtime, sendError, fetchError };
    }, browser.extensionId);
    expect(reached).toEqual({
      chrome: 'object',
      runtime: 'undefined',
      sendError: "TypeError: Cannot read properties of undefined (reading 'sendMessage')",
      fetchError: 'TypeError: Failed to fetch',
    });
  });

  // Runs last: covers every page and message of this file.
  it('made no request that left the browser and threw no uncaught page errors', () => {
    const external = browser
      .externalRequests()
      .map((request) => `${request.method} ${request.url} (${request.initiator})`);
    expect(external, `requests that left the browser:\n${external.join('\n')}`).toEqual([]);
    expect(tripwire).toEqual([]);
    expect(browser.requests.some((request) => request.url === ABS.url)).toBe(true);
    expect(browser.pageErrors, `uncaught page errors:\n${browser.pageErrors.join('\n')}`).toEqual([]);
  });
});
