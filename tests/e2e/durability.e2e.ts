// Issue #6, promise 1: "The reading list loses nothing." Against the BUILT extension in Debian's Chromium:
// four content-script tabs (two arXiv listings, the Hugging Face daily and trending pages) and the popup
// issue 500 saves and removes at once, the service worker is stopped twice in the middle, and the stored
// list must then be exactly the list computed here: same keys, no duplicates, untouched entries byte for
// byte. Then the browser is closed and started again on the same profile, and the list is compared again.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityKeys } from '../../lib/reading-list/paper-identity';
import type { SavedPaper } from '../../lib/reading-list/saved-list';
import { matchKey } from '../../lib/text/normalize';
import { arxivListingHtml, type ListingEntry } from '../../tools/browser/arxiv-listing';
import { paperTitled, realPapers, realService } from '../helpers/corpus';
import { launchExtension, stopServiceWorker, type ExtensionBrowser } from '../../tools/browser/launch';
import { BADGE } from './helpers/badges';
import { fixture, fixtureHtml, type ChromeApi } from './helpers/fixtures';
import { seededRandom } from '../../scripts/lib/seeded-random';

const TOTAL_OPS = 500;
const STOP_AT = [120, 280];
const POLL = { timeout: 20_000, interval: 50 };
const QUERY = 'language models';
const POPUP_PAPERS = 12;
const LISTING_CORPUS = 15;
const LISTING_OTHER = 15;

/** One paper the storm toggles: how its page names it, and the entry it must end as. */
interface Target {
  source: string;
  /** The badge's data-paper-lens-title, or the popup row's title. */
  find: string;
  key: string;
  title: string;
  /** The corpus id the page's badge must have matched (null: not in the corpus). */
  match: string | null;
  clicks: number;
}

/** 1 to 10 clicks a paper, adjusted so that the whole storm is exactly `total` clicks. */
function spreadClicks(targets: Omit<Target, 'clicks'>[], total: number, next: () => number): Target[] {
  const clicks = targets.map(() => 1 + Math.floor(next() * 10));
  let sum = clicks.reduce((a, b) => a + b, 0);
  while (sum !== total) {
    const i = Math.floor(next() * clicks.length);
    const step = sum < total ? 1 : clicks[i]! > 1 ? -1 : 0;
    clicks[i]! += step;
    sum += step;
  }
  return targets.map((target, i) => ({ ...target, clicks: clicks[i]! }));
}

/** The entry a badge saves: the corpus paper when its title matched one, else the arXiv id (never a title). */
function fromPage(source: string, title: string, arxivId: string, corpusTitle: string | null): Omit<Target, 'clicks'> {
  if (corpusTitle) {
    const paper = paperTitled(corpusTitle);
    return { source, find: title, key: `corpus:${paper.id}`, title: paper.title, match: paper.id };
  }
  return { source, find: title, key: `arxiv:${arxivId}`, title, match: null };
}

/** Entries saved before the storm that no click touches: they must come through byte for byte. */
function bystanders(): SavedPaper[] {
  return Array.from({ length: 20 }, (_, i) => ({
    key: `title:${matchKey(`Bystander note ${i} on durable lists`)}`,
    title: `Bystander note ${i} on durable lists`,
    corpusId: null,
    arxivId: null,
    url: null,
    savedAt: 1_600_000_000_000 - i * 60_000,
    tags: i % 3 === 0 ? ['keep', `group-${i % 4}`] : [],
    note: i % 2 === 0 ? `Written before the storm, "quoted", line ${i}\nsecond line` : '',
    read: i % 5 === 0,
  }));
}

// --- in-page clickers (run in the page's main world; the badges' shadow roots are open) ---

interface LanePlan {
  kind: 'badge' | 'popup';
  lanes: { find: string; clicks: number }[];
}
interface LaneResult {
  done: number;
  failures: string[];
}

/**
 * Every paper is a lane: click its toggle, wait until the page shows the new state (read from storage),
 * click again, as a person does. All lanes of a page run at once. Counts clicks in window.plDone.
 */
function runLanes(plan: LanePlan): Promise<LaneResult> {
  const w = window as unknown as { plDone: number };
  w.plDone = 0;
  const failures: string[] = [];
  const button = (find: string): HTMLButtonElement | null => {
    if (plan.kind === 'badge') {
      // Inline badges are hosts in the page; a listing's are buttons in the badge layer's shadow root.
      const layers = [...document.querySelectorAll('[data-paper-lens-host="layer"]')];
      const host = [
        ...document.querySelectorAll('[data-paper-lens-host="badge"]'),
        ...layers.flatMap((layer) => [...(layer.shadowRoot?.querySelectorAll('[data-paper-lens-host="badge"]') ?? [])]),
      ].find((h) => h.getAttribute('data-paper-lens-title') === find);
      if (host?.getAttribute('role') === 'button') return host as HTMLButtonElement;
      return host?.shadowRoot?.querySelector('[role="button"]') ?? null;
    }
    const row = [...document.querySelectorAll('[aria-label="Search results"] li')].find(
      (li) => li.querySelector('.pl-title')?.textContent === find,
    );
    return row?.querySelector('button.pl-save') ?? null;
  };
  /** A badge's name starts with what it shows: 'Saved: …', 'In corpus: …', or a change on its way ('Saving…'). */
  const stateOf = (target: HTMLButtonElement): boolean | null => {
    const label = target.getAttribute('aria-label') ?? '';
    if (plan.kind === 'popup') return label === 'Remove';
    if (label.startsWith('Saved: Remove from Paper Lens')) return true;
    return /^(In corpus|Not in corpus): Save to Paper Lens/.test(label) ? false : null;
  };
  const isSaved = (target: HTMLButtonElement) => stateOf(target) === true;
  /** Resolves true when the button shows the other state (the page re-rendered from storage), false after `ms`. */
  const flipped = (target: HTMLButtonElement, before: boolean, ms: number) =>
    new Promise<boolean>((resolve) => {
      const observer = new MutationObserver(() => stateOf(target) === !before && finish(true));
      const timer = setTimeout(() => finish(false), ms);
      function finish(changed: boolean) {
        observer.disconnect();
        clearTimeout(timer);
        resolve(changed);
      }
      observer.observe(target, { attributes: true, attributeFilter: ['aria-label'] });
    });
  const lane = async ({ find, clicks }: { find: string; clicks: number }) => {
    for (let i = 0; i < clicks; i++) {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
      const target = button(find);
      if (!target) return void failures.push(`${find}: no button`);
      const before = isSaved(target);
      const changed = flipped(target, before, 25_000);
      target.click();
      if (!(await changed)) return void failures.push(`${find}: click ${i + 1} never took effect`);
      w.plDone++;
      (window as unknown as { plTick?: () => void }).plTick?.();
    }
  };
  return Promise.all(plan.lanes.map(lane)).then(() => ({ done: w.plDone, failures }));
}

// --- the test ---

let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchExtension();
});

afterAll(async () => {
  await browser?.close();
});

async function storedList(page: Page): Promise<SavedPaper[]> {
  return page.evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: ChromeApi }).chrome;
    const got = await chrome.storage.local.get('savedList');
    return ((got.savedList as { papers?: SavedPaper[] } | undefined)?.papers ?? []) as SavedPaper[];
  });
}

async function openPage(url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('paper-lens:ready').length > 0, undefined, POLL);
  return page;
}

/** The same entries, compared whole: sorted by key. */
const byKey = (papers: SavedPaper[]) => [...papers].sort((a, b) => a.key.localeCompare(b.key));

describe('the reading list under 500 concurrent changes and two service-worker stops', () => {
  it('ends with exactly the expected list, and keeps it across a browser restart on the same profile', async () => {
    const next = seededRandom(6);
    // Every click that took effect, as the pages report it (for timing the worker stops).
    const clicks = { took: 0 };
    await browser.context.exposeBinding('plTick', () => void clicks.took++);
    const control = await browser.openExtensionPage('popup.html');
    const controlTab = await control.evaluate(
      async () => (await (globalThis as unknown as { chrome: ChromeApi }).chrome.tabs.getCurrent())?.id,
    );

    // The popup's papers: the first search results for a broad query.
    const popup = await browser.openExtensionPage(`popup.html?tab=${controlTab}`);
    await popup.getByRole('searchbox').fill(QUERY);
    const rows = popup.getByRole('list', { name: 'Search results' }).getByRole('listitem');
    await expect.poll(() => rows.count(), POLL).toBe(20);
    const popupTitles = (await rows.locator('.pl-title').allInnerTexts()).slice(0, POPUP_PAPERS);

    // Two arXiv listings: corpus papers not used elsewhere, and made-up papers with arXiv ids.
    const daily = fixture('hf-daily.html');
    const trending = fixture('hf-trending.html');
    const service = realService();
    const taken = new Set([...popupTitles, ...[...daily.papers, ...trending.papers].map((p) => p.corpusTitle)]);
    const corpusPool = realPapers().filter(
      (p) => !taken.has(p.title) && service.matchTitle(p.title).match?.id === p.id && p.title.length < 150,
    );
    const listing = (n: number): ListingEntry[] =>
      Array.from({ length: LISTING_CORPUS + LISTING_OTHER }, (_, i) => ({
        id: `2512.${String(90000 + n * 100 + i).padStart(5, '0')}`,
        title:
          i % 2 === 0 && i / 2 < LISTING_CORPUS
            ? corpusPool[n * LISTING_CORPUS + i / 2]!.title
            : `Durability probe ${n}-${i}: lattice sketches for quiet corpora`,
      }));
    const listings = [listing(0), listing(1)];
    for (const entry of listings.flat().filter((e) => e.title.startsWith('Durability'))) {
      expect(service.matchTitle(entry.title).match, entry.title).toBeNull();
    }
    const pages = [
      { url: 'https://arxiv.org/list/cs.CL/new', html: arxivListingHtml(listings[0]!) },
      { url: 'https://arxiv.org/list/cs.LG/new', html: arxivListingHtml(listings[1]!) },
      { url: daily.url, html: fixtureHtml(daily.file) },
      { url: trending.url, html: fixtureHtml(trending.file) },
    ];
    for (const { url, html } of pages)
      await browser.routeFixture(new RegExp(`^${url.replace(/[.?/]/g, '\\$&')}$`), html);

    const targets = spreadClicks(
      [
        ...listings.flatMap((entries, n) =>
          entries.map((e) => {
            const corpus = e.title.startsWith('Durability') ? null : e.title;
            return fromPage(pages[n]!.url, e.title, e.id, corpus);
          }),
        ),
        ...[daily, trending].flatMap((f) => f.papers.map((p) => fromPage(f.url, p.title, p.arxivId!, p.corpusTitle))),
        ...popupTitles.map((title) => {
          const paper = paperTitled(title);
          return { source: 'popup', find: title, key: `corpus:${paper.id}`, title, match: paper.id };
        }),
      ],
      TOTAL_OPS,
      next,
    );
    const kept = bystanders();
    // No two papers of the storm, or of the list before it, share any identity.
    const identities = [...targets, ...kept].flatMap((t) =>
      identityKeys({ title: t.title, corpusId: t.key.startsWith('corpus:') ? t.key.slice(7) : null }),
    );
    expect(new Set(identities).size).toBe(identities.length);
    expect(targets.reduce((n, t) => n + t.clicks, 0)).toBe(TOTAL_OPS);

    // The list before the storm, written as the extension writes it.
    await browser.worker.evaluate(
      (papers) =>
        (
          globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }
        ).chrome.storage.local.set({
          savedList: { papers },
        }),
      kept,
    );
    const tabs = await Promise.all(pages.map(({ url }) => openPage(url)));
    for (const [n, page] of tabs.entries()) {
      const matches = await page
        .locator(BADGE)
        .evaluateAll((hosts) =>
          hosts.map((h) => [h.getAttribute('data-paper-lens-title'), h.getAttribute('data-paper-lens-match') || null]),
        );
      const mine = targets.filter((t) => t.source === pages[n]!.url);
      expect(Object.fromEntries(matches)).toEqual(Object.fromEntries(mine.map((t) => [t.find, t.match])));
    }

    // The storm: every page's lanes at once; the worker stopped twice while clicks are in flight.
    const plans: [Page, LanePlan][] = [
      ...tabs.map((page, n): [Page, LanePlan] => [
        page,
        { kind: 'badge', lanes: targets.filter((t) => t.source === pages[n]!.url) },
      ]),
      [popup, { kind: 'popup', lanes: targets.filter((t) => t.source === 'popup') }],
    ];
    const started = Date.now();
    const running = plans.map(([page, plan]) => page.evaluate(runLanes, plan));
    const all = Promise.all(running);
    let finished = false;
    const isFinished = () => finished;
    const done = () => (finished = true);
    all.then(done, done);
    const stops: { requestedAt: number; stoppedAt: number }[] = [];
    for (const threshold of STOP_AT) {
      // At the threshold, and only after the fresh worker has taken clicks of its own.
      const at = Math.max(threshold, (stops.at(-1)?.stoppedAt ?? 0) + 30);
      const reached = () => isFinished() || clicks.took >= at;
      while (!reached()) await new Promise((resolve) => setTimeout(resolve, 5));
      const requestedAt = clicks.took;
      await stopServiceWorker(browser, control);
      stops.push({ requestedAt, stoppedAt: clicks.took });
    }
    const results = await all;
    const stormMs = Date.now() - started;
    console.log(JSON.stringify({ stormMs, stops, done: results.map((r) => r.done) }));
    expect(results.flatMap((r) => r.failures)).toEqual([]);
    expect(results.reduce((n, r) => n + r.done, 0)).toBe(TOTAL_OPS);
    // Both stops were asked for while clicks were in flight and more were to come.
    expect(stops).toHaveLength(2);
    for (const [n, stop] of stops.entries()) {
      expect(stop.requestedAt).toBeGreaterThanOrEqual(STOP_AT[n]!);
      expect(stop.requestedAt).toBeLessThan(TOTAL_OPS - 20);
    }

    // Exactly the expected list: every paper clicked an odd number of times, and every bystander as it was.
    const expected = [...targets.filter((t) => t.clicks % 2 === 1).map((t) => t.key), ...kept.map((p) => p.key)].sort();
    const stored = await storedList(control);
    expect(stored.map((p) => p.key).sort()).toEqual(expected);
    expect(new Set(stored.map((p) => p.key)).size).toBe(stored.length);
    const storedIdentities = stored.flatMap((p) => identityKeys(p));
    expect(new Set(storedIdentities).size).toBe(storedIdentities.length);
    expect(byKey(stored.filter((p) => p.key.startsWith('title:bystander')))).toEqual(byKey(kept));
    const titles = new Map(targets.map((t) => [t.key, t.title]));
    for (const paper of stored.filter((p) => titles.has(p.key))) expect(paper.title).toBe(titles.get(paper.key));
    // Nothing late (a retried message) changes it afterwards.
    await control.waitForTimeout(1500);
    const settled = await storedList(control);
    expect(settled).toEqual(stored);

    // A browser restart on the same profile keeps it, byte for byte; the popup lists it.
    const before = JSON.stringify(settled);
    expect(browser.externalRequests(), 'requests that left the browser').toEqual([]);
    browser = await browser.restart();
    const again = await browser.openExtensionPage(`popup.html`);
    expect(JSON.stringify(await storedList(again))).toBe(before);
    await again.getByRole('tab', { name: 'Saved', exact: true }).click();
    // The Saved view is windowed: it says how many it holds, and each row its place among them.
    const savedRows = again.getByRole('list', { name: 'Saved papers' }).getByRole('listitem');
    await expect
      .poll(() => again.locator('.pl-count').innerText(), POLL)
      .toBe(`${expected.length.toLocaleString('en')} papers`);
    await expect.poll(() => savedRows.first().getAttribute('aria-setsize'), POLL).toBe(String(expected.length));
  });

  // Runs last: the launch after the restart, with the popup it opened.
  it('made no request that left the browser and threw no uncaught page errors', () => {
    expect(browser.externalRequests(), 'requests that left the browser').toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
