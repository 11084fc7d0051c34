// Issue #14, point 5, in Debian's Chromium with the BUILT extension and a real prerender: an arXiv
// listing whose Speculation Rules prerender an abstract page. Playwright cannot be used here (Chromium
// does not prerender in a tab a DevTools client is attached to the way Playwright attaches, and its
// routes disable prerendering too), so the pages come from an HTTPS server on 127.0.0.1 that arxiv.org
// is mapped to, with a certificate made for the test, and the test reads the background through its
// service worker alone (tools/browser/raw-chromium.ts). Every other host fails to resolve: nothing
// can leave the machine, and the server's log shows every request the pages made.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchRawChromium, type RawChromium } from '../../tools/browser/raw-chromium';
import { fixture, fixtureHtml } from './helpers/fixtures';

const LIST = fixture('arxiv-list-new.html');
const ABS = fixture('arxiv-abs.html');
const LIST_PATH = new URL(LIST.url).pathname;
const ABS_PATH = new URL(ABS.url).pathname;
const DEADLINE_MS = 10_000;

/** The listing, prerendering the abstract page, and following a link to it when the test says so. */
const listingPage = fixtureHtml(LIST.file).replace(
  '</head>',
  `<script type="speculationrules">{"prerender":[{"source":"list","urls":["${ABS_PATH}"]}]}</script>` +
    `<script>fetch('/go').then(() => { location.href = '${ABS_PATH}'; });</script></head>`,
);
/** The abstract page, telling the server whether it loaded prerendered and when it was shown. */
const absPage = fixtureHtml(ABS.file).replace(
  '</head>',
  `<script>fetch('/loaded?prerendering=' + document.prerendering);` +
    `document.addEventListener('prerenderingchange', () => fetch('/shown'));</script></head>`,
);

/** Runs openssl, or says plainly that the test needs it. */
function openssl(args: string[]): void {
  try {
    execFileSync('openssl', args, { stdio: 'ignore' });
  } catch (error) {
    throw new Error(`openssl could not make the test's certificate (apt-get install openssl): ${String(error)}`, {
      cause: error,
    });
  }
}

interface StoredReport {
  url: string;
  papers: { title: string; arxivId: string | null }[];
}

let server: Server;
let chromium: RawChromium;
let certDir: string;
/** Every request the server answered: path, and "prerender" when the browser said it was one. */
const served: string[] = [];
let releaseGo: () => void = () => undefined;

beforeAll(async () => {
  certDir = await mkdtemp(join(tmpdir(), 'paper-lens-cert-'));
  const [key, cert] = [join(certDir, 'key.pem'), join(certDir, 'cert.pem')];
  // An EC key is made in milliseconds; Chromium takes it with --ignore-certificate-errors.
  const subject = ['-subj', '/CN=arxiv.org', '-addext', 'subjectAltName=DNS:arxiv.org'];
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(['req', '-x509', ...ecKey, '-keyout', key, '-out', cert, '-days', '1', ...subject]);
  const go = new Promise<void>((resolve) => (releaseGo = resolve));
  server = createServer({ key: await readFile(key), cert: await readFile(cert) }, (request, response) => {
    const path = request.url ?? '';
    served.push(`${path}${String(request.headers['sec-purpose'] ?? '').includes('prerender') ? ' prerender' : ''}`);
    const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    if (path === LIST_PATH) response.writeHead(200, headers).end(listingPage);
    else if (path === ABS_PATH) response.writeHead(200, headers).end(absPage);
    else if (path === '/go') void go.then(() => response.writeHead(204).end());
    else response.writeHead(path.startsWith('/loaded') || path === '/shown' ? 204 : 404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  chromium = await launchRawChromium([
    `--host-resolver-rules=MAP arxiv.org 127.0.0.1:${port}, MAP * ~NOTFOUND`,
    '--ignore-certificate-errors',
  ]);
});

afterAll(async () => {
  releaseGo();
  await chromium?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await rm(certDir, { recursive: true, force: true });
});

/** The session storage the background keeps tab reports in, by key. */
const session = () => chromium.inWorker<Record<string, StoredReport>>('chrome.storage.session.get(null)');

/** Polls `read` until `done` holds of its value; fails with the last value after the deadline. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  let value = await read();
  for (const start = Date.now(); !done(value); value = await read()) {
    if (Date.now() - start > DEADLINE_MS) {
      // The server's log tells a prerender Chromium refused (no "prerender" request) from one that did not report.
      throw new Error(`${what} did not happen: ${JSON.stringify(value)}; requests served: ${JSON.stringify(served)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return value;
}

/** A report's URL and the arXiv ids of its papers, in id order. */
const summary = (report: StoredReport | undefined) =>
  report && { url: report.url, arxivIds: report.papers.map((paper) => paper.arxivId).sort() };

describe('a prerendered page', () => {
  it('reports its papers under its own URL, leaving the tab its listing until the tab shows the page', async () => {
    const tabId = await chromium.inWorker<number>(
      `chrome.tabs.query({}).then(([tab]) => chrome.tabs.update(tab.id, { url: ${JSON.stringify(LIST.url)} })).then((tab) => tab.id)`,
    );
    const listing = { url: LIST.url, arxivIds: LIST.papers.map((paper) => paper.arxivId).sort() };
    const abs = { url: ABS.url, arxivIds: ['2403.03507'] };

    // Both pages have reported: the listing as the tab's page, the prerendered abstract page aside under its URL.
    const before = await until(
      session,
      (s) => s[`tab-${tabId}`] !== undefined && s[`prerender-${tabId}`] !== undefined,
      'the listing and the prerendered page reporting',
    );
    expect(served).toContain(`${ABS_PATH} prerender`);
    await until(
      async () => served,
      (log) => log.some((path) => path.startsWith('/loaded')),
      'the page loading',
    );
    // The page's own request went out as part of the prerender, and the page knew it was prerendered.
    expect(served).toContain('/loaded?prerendering=true prerender');
    expect(summary(before[`tab-${tabId}`])).toEqual(listing);
    expect(summary(before[`prerender-${tabId}`])).toEqual(abs);
    expect(await chromium.inWorker(`chrome.action.getBadgeText({ tabId: ${tabId} })`)).toBe(
      String(LIST.papers.filter((paper) => paper.corpusTitle).length),
    );

    // The listing follows its link: the tab shows the prerendered page, and its report becomes the tab's.
    releaseGo();
    const after = await until(
      session,
      (s) => s[`tab-${tabId}`]?.url === ABS.url && s[`prerender-${tabId}`] === undefined,
      'the tab showing the prerendered page',
    );
    expect(summary(after[`tab-${tabId}`])).toEqual(abs);
    expect(after[`tab-${tabId}`]!.papers.map((paper) => paper.title)).toEqual([ABS.papers[0]!.title]);
    expect(await chromium.inWorker(`chrome.action.getBadgeText({ tabId: ${tabId} })`)).toBe('1');
    // Shown from the prerender, not loaded again; and the pages asked this machine for nothing else.
    await until(
      async () => served,
      (log) => log.includes('/shown'),
      'the prerendered page being shown',
    );
    // (in whatever order the browser made them: the listing's link waits on /go from the start).
    expect(served.filter((path) => path !== '/favicon.ico').sort()).toEqual(
      [LIST_PATH, `${ABS_PATH} prerender`, '/go', '/loaded?prerendering=true prerender', '/shown'].sort(),
    );
  });
});
