// Launches Debian's Chromium with the built extension (.output/chrome-mv3), for the e2e tests and the bench.
// Facts behind the flags: docs/browser-testing.md (shared). Extensions load only in a persistent
// context; Playwright's --disable-extensions is countered by --disable-extensions-except/--load-extension;
// the networking flags stop Chromium from calling home on a machine without a network.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Request, type Route, type Worker } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The unpacked Chrome MV3 build, as an absolute path (the extension id depends on it). */
export const EXTENSION_DIR = resolve(fileURLToPath(new URL('../../.output/chrome-mv3', import.meta.url)));

/** Where tests write screenshots; git-ignored. */
export const ARTIFACTS_DIR = resolve(fileURLToPath(new URL('../../tests/e2e/artifacts', import.meta.url)));

const SERVICE_WORKER_TIMEOUT = 15_000;

/** URL schemes that never leave the browser. */
const LOCAL_SCHEMES = ['chrome-extension:', 'data:', 'blob:'];

export interface RecordedRequest {
  url: string;
  method: string;
  resourceType: string;
  /** The URL of the frame (as it was when the request started) or service worker that made it. */
  initiator: string | null;
  /** Served by a route registered through `routeFixture`, so it never reached the network. */
  routed: boolean;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  /** The extension's id, read from its service worker's URL. */
  extensionId: string;
  /**
   * The extension's service worker. Playwright keeps this object across `stopServiceWorker` and the
   * restart that follows (it then evaluates in the fresh worker). Do not evaluate in it while it is stopped.
   */
  worker: Worker;
  /** Every request the context made since launch, in order. */
  requests: RecordedRequest[];
  /** Uncaught errors thrown in the context's pages. */
  pageErrors: string[];
  /** `chrome-extension://<id>/<path>` */
  extensionUrl(path: string): string;
  /** A new tab showing an extension page, loaded. */
  openExtensionPage(path: string): Promise<Page>;
  /** Serves `body` as HTML for every URL matching `url` (a Playwright glob or RegExp); such requests count as local. */
  routeFixture(url: string | RegExp, body: string, contentType?: string): Promise<void>;
  /** Requests that would have left the browser: not chrome-extension:, data:, blob: and not a routed fixture. */
  externalRequests(): RecordedRequest[];
  /** The browser profile this launch runs on. */
  userDataDir: string;
  /** Closes the browser; the profile is deleted unless it was handed to `launchExtension`. */
  close(): Promise<void>;
  /**
   * Closes the browser, keeping its profile, and launches it again on that profile (as a person
   * restarting the browser): extension storage survives. The new launch owns the profile from then on.
   * Routes registered with `routeFixture` are not carried over.
   */
  restart(): Promise<ExtensionBrowser>;
}

/** How to launch: by default on a fresh profile that `close()` deletes. */
export interface LaunchOptions {
  /** An existing profile to launch on; `close()` leaves it in place unless `deleteProfileOnClose`. */
  userDataDir?: string;
  deleteProfileOnClose?: boolean;
  /** The unpacked extension to load; EXTENSION_DIR (the Chrome MV3 build) unless given. */
  extensionDir?: string;
  /** More Chromium switches, e.g. --enable-unsafe-extension-debugging for `triggerAction`. */
  args?: string[];
}

function isExtensionWorker(worker: Worker): boolean {
  return worker.url().startsWith('chrome-extension://');
}

async function waitForExtensionWorker(context: BrowserContext, extensionDir = EXTENSION_DIR): Promise<Worker> {
  const running = context.serviceWorkers().find(isExtensionWorker);
  if (running) return running;
  try {
    return await context.waitForEvent('serviceworker', {
      predicate: isExtensionWorker,
      timeout: SERVICE_WORKER_TIMEOUT,
    });
  } catch (error) {
    throw new Error(
      `the extension's service worker did not start within ${SERVICE_WORKER_TIMEOUT / 1000} s ` +
        `(is ${extensionDir}/manifest.json a valid MV3 build?): ${String(error)}`,
      { cause: error },
    );
  }
}

/** Launches Chromium headless with the built extension loaded, on a fresh profile unless one is given. */
export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`The built extension is missing (no ${extensionDir}/manifest.json): run npm run build first.`);
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} is missing: run node scripts/ensure-chromium.mjs (npm run test:e2e does it) to install Debian's chromium.`,
    );
  }

  const ownsProfile = options.userDataDir === undefined || options.deleteProfileOnClose === true;
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'paper-lens-e2e-')));
  const removeProfile = () => (ownsProfile ? rm(userDataDir, { recursive: true, force: true }) : Promise.resolve());
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      viewport: { width: 440, height: 600 },
      colorScheme: 'light',
      args: [
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        ...(options.args ?? []),
      ],
    });
  } catch (error) {
    await removeProfile();
    throw error;
  }

  // Playwright actions wait forever by default; a test should fail with a message instead.
  context.setDefaultTimeout(15_000);

  const requests: RecordedRequest[] = [];
  const pageErrors: string[] = [];
  const routedRequests = new WeakSet<Request>();
  const recordedByRequest = new WeakMap<Request, RecordedRequest>();

  context.on('request', (request) => {
    const frame = (() => {
      try {
        return request.frame().url();
      } catch {
        return null; // requests from service workers have no frame
      }
    })();
    const recorded: RecordedRequest = {
      url: request.url(),
      method: request.method(),
      resourceType: request.resourceType(),
      initiator: frame ?? request.serviceWorker()?.url() ?? null,
      routed: routedRequests.has(request),
    };
    recordedByRequest.set(request, recorded);
    requests.push(recorded);
  });
  context.on('weberror', (webError) => {
    const error = webError.error();
    pageErrors.push(`${webError.page()?.url() ?? '(no page)'}: ${error.stack ?? error.message}`);
  });

  const markRouted = (route: Route) => {
    const request = route.request();
    routedRequests.add(request);
    const recorded = recordedByRequest.get(request);
    if (recorded) recorded.routed = true;
  };

  let closed = false;
  let keepProfile = !ownsProfile;
  const close = async () => {
    if (closed) return;
    closed = true;
    try {
      await context.close();
    } finally {
      if (!keepProfile) await rm(userDataDir, { recursive: true, force: true });
    }
  };
  const restart = async () => {
    keepProfile = true;
    await close();
    return launchExtension({ userDataDir, deleteProfileOnClose: ownsProfile, extensionDir, args: options.args });
  };

  let worker: Worker;
  try {
    worker = await waitForExtensionWorker(context, extensionDir);
  } catch (error) {
    await close();
    throw error;
  }
  const extensionId = new URL(worker.url()).host;
  const extensionUrl = (path: string) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;

  return {
    context,
    extensionId,
    worker,
    requests,
    pageErrors,
    extensionUrl,
    async openExtensionPage(path) {
      const page = await context.newPage();
      await page.goto(extensionUrl(path));
      return page;
    },
    async routeFixture(url, body, contentType = 'text/html; charset=utf-8') {
      await context.route(url, async (route) => {
        markRouted(route);
        await route.fulfill({ status: 200, contentType, body });
      });
    },
    externalRequests() {
      return requests.filter(
        (request) => !request.routed && !LOCAL_SCHEMES.some((scheme) => request.url.startsWith(scheme)),
      );
    },
    userDataDir,
    close,
    restart,
  };
}

/**
 * Stops the extension's service worker the way Chrome does when it is idle, and waits until Chrome
 * reports it stopped. Playwright fires no event for this, so it goes through CDP (ServiceWorker domain)
 * on `page`, which must be a page of the same browser context (an extension page works).
 * The next message to the background starts a fresh worker: module state is gone.
 */
export async function stopServiceWorker(browser: ExtensionBrowser, page: Page, timeout = 10_000): Promise<void> {
  const prefix = `chrome-extension://${browser.extensionId}/`;
  const statuses = new Map<string, string>();
  const allStopped = () => statuses.size > 0 && [...statuses.values()].every((status) => status === 'stopped');
  const cdp = await browser.context.newCDPSession(page);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const stopped = new Promise<void>((resolveStopped, rejectStopped) => {
      timer = setTimeout(() => {
        const seen = [...statuses.entries()].map(([id, status]) => `version ${id}: ${status}`).join(', ');
        rejectStopped(
          new Error(`the service worker did not stop within ${timeout} ms (${seen || 'no version reported'})`),
        );
      }, timeout);
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        for (const version of versions) {
          if (version.scriptURL.startsWith(prefix)) statuses.set(version.versionId, version.runningStatus);
        }
        if (allStopped()) resolveStopped();
      });
    });
    stopped.catch(() => {}); // awaited below; this only keeps a failed `send` from leaving it unhandled
    // Enabling the domain reports every current version (a running worker as running); the stop
    // request then moves it through stopping to stopped.
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await stopped;
  } finally {
    clearTimeout(timer);
    await cdp.detach().catch(() => {});
  }
}
