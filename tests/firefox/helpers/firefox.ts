// Launches Debian's Firefox ESR with the built extension (.output/firefox-mv2) for the Firefox suite.
// Facts behind it: docs/browser-testing.md (shared). puppeteer-core drives the browser over WebDriver
// BiDi and installs the build as a temporary add-on; BiDi refuses to navigate to moz-extension:// pages,
// so the extension's background page opens them (through Firefox's remote debugging protocol), and
// once open BiDi drives them like any tab.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { RdpClient, type FrameTarget, type Packet } from './rdp';

export const FIREFOX_PATH = '/usr/bin/firefox-esr';

/** The unpacked Firefox MV2 build. */
export const FIREFOX_EXTENSION_DIR = resolve(fileURLToPath(new URL('../../../.output/firefox-mv2', import.meta.url)));

/** Where the suite writes screenshots; git-ignored. */
export const FIREFOX_ARTIFACTS_DIR = resolve(fileURLToPath(new URL('../../e2e/artifacts/firefox', import.meta.url)));

/**
 * The extension's internal UUID, pinned through `extensions.webextensions.uuids` so its pages live at a
 * known moz-extension:// origin (Firefox otherwise draws a random one per profile).
 */
export const EXTENSION_UUID = '6b1f3c0e-2a4d-4e8b-9c57-0d3e8f1a7b42';

/** URL schemes that never leave the browser. */
const LOCAL_SCHEMES = ['moz-extension:', 'data:', 'blob:', 'about:'];

export interface RecordedRequest {
  url: string;
  method: string;
  /** Served from a fixture registered with `routeFixture`: it never reached the network. */
  routed: boolean;
}

export interface FirefoxExtension {
  browser: Browser;
  /** The add-on id from the built manifest (browser_specific_settings.gecko.id). */
  geckoId: string;
  /** `moz-extension://<EXTENSION_UUID>` */
  origin: string;
  /** Requests seen over BiDi in every tab since launch (not the background page's: BiDi cannot see those). */
  requests: RecordedRequest[];
  /** Serves `body` as HTML at exactly `url` in tabs opened with `openPage`. */
  routeFixture(url: string, body: string): void;
  /** A new tab showing `url` (a routed fixture), loaded. */
  openPage(url: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** An extension page (`popup.html?tab=3`) opened in a new tab by the background page, loaded. */
  openExtensionPage(path: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** Runs `body` (the body of an async function, `browser` in scope) in the background page; returns its JSON result. */
  inBackground<T>(body: string): Promise<T>;
  /** Switches `prefers-color-scheme` for every page, as the system theme would. */
  setColorScheme(scheme: 'light' | 'dark'): Promise<void>;
  /** Requests that would have left the browser: not local schemes and not routed fixtures. */
  externalRequests(): RecordedRequest[];
  /** Where Firefox saves downloads (exports), without asking. */
  downloadDir: string;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Evaluates `text` in a console actor, awaiting a promise result, and returns the result grip's value. */
async function evaluate(rdp: RdpClient, consoleActor: string, text: string): Promise<unknown> {
  const done = await rdp.evaluateJSAsync(consoleActor, text);
  if (done.hasException || done.topLevelAwaitRejected) {
    throw new Error(`evaluation failed: ${String(done.exceptionMessage ?? 'the promise rejected')}\n${text}`);
  }
  const result = done.result as Packet | string | number | boolean | null | undefined;
  // Strings over the console's limit come as a long-string grip, read in one more request.
  if (result && typeof result === 'object' && result.type === 'longString') {
    return (await rdp.request(result.actor as string, 'substring', { start: 0, end: result.length })).substring;
  }
  return result;
}

/** Launches Firefox ESR headless with the built extension installed as a temporary add-on. */
export async function launchFirefox(): Promise<FirefoxExtension> {
  const manifestPath = join(FIREFOX_EXTENSION_DIR, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new Error(`The Firefox build is missing (no ${manifestPath}): run npm run build first.`);
  }
  if (!existsSync(FIREFOX_PATH)) {
    throw new Error(`${FIREFOX_PATH} is missing: run node scripts/ensure-firefox.mjs to install Debian's firefox-esr.`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    browser_specific_settings: { gecko: { id: string } };
  };
  const geckoId = manifest.browser_specific_settings.gecko.id;
  const origin = `moz-extension://${EXTENSION_UUID}`;
  const port = await freePort();
  const downloads = await mkdtemp(join(tmpdir(), 'paper-lens-firefox-downloads-'));

  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    args: ['--start-debugger-server', String(port)],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: EXTENSION_UUID }),
      'devtools.debugger.remote-enabled': true,
      'devtools.chrome.enabled': true,
      'devtools.debugger.prompt-connection': false,
      // Firefox itself asks every site for its favicon; that request is the browser's, not Paper Lens's.
      'browser.chrome.site_icons': false,
      'layout.css.prefers-color-scheme.content-override': 1,
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
    },
  });
  let rdp: RdpClient | undefined;
  const close = async () => {
    rdp?.close();
    await browser.close();
    await rm(downloads, { recursive: true, force: true });
  };

  try {
    await browser.installExtension(FIREFOX_EXTENSION_DIR);
    rdp = await RdpClient.connect(port);
  } catch (error) {
    await close();
    throw error;
  }
  const client = rdp;

  // The add-on's documents (background page, extension tabs) as the watcher reports them.
  const frames = new Map<string, FrameTarget>();
  client.onPacket((packet) => {
    const target = packet.target as FrameTarget | undefined;
    if (packet.type === 'target-available-form' && target) frames.set(target.actor, target);
    if (packet.type === 'target-destroyed-form' && target) frames.delete(target.actor);
  });
  const { addons } = (await client.request('root', 'listAddons')) as unknown as {
    addons: { actor: string; id: string }[];
  };
  const addon = addons.find((entry) => entry.id === geckoId);
  if (!addon) throw new Error(`the add-on ${geckoId} is not installed`);
  const watcher = await client.request(addon.actor, 'getWatcher');
  await client.request(watcher.actor as string, 'watchTargets', { targetType: 'frame' });

  const backgroundUrl = `${origin}/_generated_background_page.html`;
  const backgroundConsole = () => {
    const target = [...frames.values()].find((frame) => frame.url === backgroundUrl);
    if (!target) throw new Error(`no background page at ${backgroundUrl}`);
    return target.consoleActor;
  };
  const inBackground = async <T>(body: string): Promise<T> => {
    const text = await evaluate(
      client,
      backgroundConsole(),
      `(async () => JSON.stringify(await (async () => {${body}})()))()`,
    );
    return (
      text === undefined || (typeof text === 'object' && text !== null) ? undefined : JSON.parse(String(text))
    ) as T;
  };

  const parentConsole = async () => {
    const { processDescriptor } = (await client.request('root', 'getProcess', { id: 0 })) as unknown as {
      processDescriptor: { actor: string };
    };
    const { process } = (await client.request(processDescriptor.actor, 'getTarget')) as unknown as {
      process: { consoleActor: string };
    };
    return process.consoleActor;
  };

  const requests: RecordedRequest[] = [];
  const routes = new Map<string, string>();
  const watched = new WeakSet<Page>();
  const intercepted = new WeakSet<Page>();
  /** Records every request of a tab; in tabs opened by `openPage`, serves routes and stops the rest. */
  const watch = (page: Page) => {
    if (watched.has(page)) return;
    watched.add(page);
    page.on('request', (request) => {
      const body = routes.get(request.url());
      const local = LOCAL_SCHEMES.some((scheme) => request.url().startsWith(scheme));
      requests.push({
        url: request.url(),
        method: request.method(),
        routed: body !== undefined,
      });
      if (!intercepted.has(page) || request.isInterceptResolutionHandled()) return;
      if (body !== undefined) void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body });
      else if (local) void request.continue();
      else void request.abort('blockedbyclient');
    });
  };
  browser.on('targetcreated', (target) => {
    // Only tabs: a worker's target (the popup's import worker) has no page, and asking throws.
    if (target.type() !== 'page') return;
    void target.page().then((page) => page && watch(page));
  });

  const waitForNewPage = async (before: Set<Page>, url: string): Promise<Page> => {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      for (const page of await browser.pages()) {
        if (before.has(page)) continue;
        // BiDi does not report the extension tab's navigation: page.url() may still say about:blank.
        const href = await page.evaluate(() => location.href).catch(() => '');
        if (href === url) return page;
      }
      await new Promise((resolveWait) => setTimeout(resolveWait, 50));
    }
    throw new Error(`no tab showed ${url} within 15 s`);
  };

  return {
    browser,
    geckoId,
    origin,
    requests,
    routeFixture(url, body) {
      routes.set(url, body);
    },
    async openPage(url, viewport = { width: 1280, height: 900 }) {
      const page = await browser.newPage();
      page.setDefaultTimeout(15_000);
      intercepted.add(page);
      watch(page);
      await page.setRequestInterception(true);
      await page.setViewport(viewport);
      await page.goto(url);
      return page;
    },
    async openExtensionPage(path, viewport = { width: 440, height: 600 }) {
      const url = `${origin}/${path.replace(/^\//, '')}`;
      const before = new Set(await browser.pages());
      await inBackground(`await browser.tabs.create({ url: ${JSON.stringify(url)} }); return null;`);
      const page = await waitForNewPage(before, url);
      page.setDefaultTimeout(15_000);
      watch(page);
      await page.setViewport(viewport);
      await page.waitForFunction(() => document.readyState === 'complete');
      return page;
    },
    inBackground,
    async setColorScheme(scheme) {
      const value = scheme === 'dark' ? 0 : 1;
      await evaluate(
        client,
        await parentConsole(),
        `Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', ${value})`,
      );
    },
    externalRequests() {
      return requests.filter(
        (request) => !request.routed && !LOCAL_SCHEMES.some((scheme) => request.url.startsWith(scheme)),
      );
    },
    downloadDir: downloads,
    close,
  };
}
