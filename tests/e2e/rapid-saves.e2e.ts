// Issue 14, promises 1 and 2, against the BUILT extension in Debian's Chromium: four arXiv listing tabs
// (cs.CL, cs.LG, cs.CV, cs.AI /new), 25 corpus papers each; in all four tabs at once, a real pointer click
// (Playwright's locator.click(): hit testing, pointer and mouse events) on every badge, one after
// another with no wait in between; the service worker stopped after a quarter and again after 60 % of
// the clicks. The list must end exactly as clicked and every badge must say so, in rounds: listings
// that reuse the same arXiv ids across tabs (as listing builders number them), listings with their own
// ids, and saves mixed with removes while the popup saves other papers at the same time.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../lib/corpus/types';
import type { SavedPaper } from '../../lib/reading-list/saved-list';
import { arxivListingHtml, type ListingEntry } from '../../tools/browser/arxiv-listing';
import { realPapers, realService } from '../helpers/corpus';
import { badgeButton, badgeFor, settledBadge } from './helpers/badges';
import { ARTIFACTS_DIR, launchExtension, stopServiceWorker, type ExtensionBrowser } from '../../tools/browser/launch';
import type { ChromeApi } from './helpers/fixtures';

const CATEGORIES = ['cs.CL', 'cs.LG', 'cs.CV', 'cs.AI'];
const PER_TAB = 25;
const STOP_AT = [0.25, 0.6];
const POLL = { timeout: 30_000, interval: 100 };
const ROUND_TIMEOUT = 300_000;
const POPUP_QUERY = 'language models';
const POPUP_PAPERS = 8;
const SHOTS_DIR = join(ARTIFACTS_DIR, 'rapid-saves');

let browser: ExtensionBrowser;
let control: Page;
let pool: Paper[];
let popupTitles: string[];
let round = 0;

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  browser = await launchExtension();
  control = await browser.openExtensionPage('popup.html');
  const service = realService();
  // Titles a careful matcher maps to exactly their own paper, short enough for a listing line.
  pool = realPapers().filter((p) => service.matchTitle(p.title).match?.id === p.id && p.title.length < 150);
});

afterAll(async () => {
  await browser?.close();
});

async function storedList(): Promise<SavedPaper[]> {
  return control.evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: ChromeApi }).chrome;
    const got = await chrome.storage.local.get('savedList');
    return ((got.savedList as { papers?: SavedPaper[] } | undefined)?.papers ?? []) as SavedPaper[];
  });
}

/** The list before a round, written as the extension writes it (the op log starts empty). */
async function writeList(papers: SavedPaper[]): Promise<void> {
  await control.evaluate(async (list) => {
    const local = (
      globalThis as unknown as {
        chrome: { storage: { local: { set(v: object): Promise<void>; remove(k: string[]): Promise<void> } } };
      }
    ).chrome.storage.local;
    await local.remove(['savedList', 'savedListOps']);
    if (list.length > 0) await local.set({ savedList: { papers: list } });
  }, papers);
}

/** The entry a listing badge saves for `paper` shown with arXiv id `id` on `url`. */
function entryOf(paper: Paper, id: string, url: string): SavedPaper {
  return {
    key: `corpus:${paper.id}`,
    title: paper.title,
    corpusId: paper.id,
    arxivId: id,
    url,
    savedAt: 1_700_000_000_000,
    tags: [],
    note: '',
    read: false,
  };
}

/** What a listing badge must say (its visible text and accessible name) for a saved or unsaved paper. */
function badgeSays(title: string, saved: boolean): { text: string; name: string } {
  return settledBadge(saved ? 'Saved' : 'In corpus', title);
}

async function badgeState(page: Page, title: string): Promise<{ text: string; name: string }> {
  const button = badgeButton(badgeFor(page, title));
  return { text: await button.innerText(), name: (await button.getAttribute('aria-label')) ?? '' };
}

interface Round {
  /** The same 25 arXiv ids in every tab (entry i of each listing shares its id), or ids of their own. */
  sharedIds: boolean;
  /** Which listing papers are in the list before the round (their clicks remove them). */
  preSaved: (tab: number, i: number) => boolean;
  /** Whether the popup saves its own papers while the tabs click. */
  popup: boolean;
}

/** Runs one round on fresh tabs and checks the list and every badge against what was clicked. */
async function runRound({ sharedIds, preSaved, popup }: Round): Promise<void> {
  const papers = pool.filter((p) => !popupTitles.includes(p.title)).slice(round * 100, round * 100 + 100);
  expect(papers).toHaveLength(100);
  const month = 2601 + round++;
  const urls = CATEGORIES.map((cat) => `https://arxiv.org/list/${cat}/new`);
  const listings: (ListingEntry & { paper: Paper })[][] = urls.map((_, n) =>
    papers.slice(n * PER_TAB, (n + 1) * PER_TAB).map((paper, i) => ({
      id: `${month}.${String(10_000 + (sharedIds ? 0 : n * 100) + i).padStart(5, '0')}`,
      title: paper.title,
      paper,
    })),
  );
  const before = listings.flatMap((entries, n) =>
    entries.filter((_, i) => preSaved(n, i)).map((e) => entryOf(e.paper, e.id, urls[n]!)),
  );
  await writeList(before);
  for (const [n, url] of urls.entries()) await browser.routeFixture(url, arxivListingHtml(listings[n]!));

  const tabs: Page[] = [];
  for (const [n, url] of urls.entries()) {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('paper-lens:ready').length > 0, undefined, POLL);
    for (const [i, entry] of listings[n]!.entries()) {
      await expect.poll(() => badgeState(page, entry.title), POLL).toEqual(badgeSays(entry.title, preSaved(n, i)));
    }
    tabs.push(page);
  }
  let popupPage: Page | null = null;
  if (popup) {
    popupPage = await browser.openExtensionPage('popup.html');
    await popupPage.getByRole('searchbox').fill(POPUP_QUERY);
    const rows = popupPage.getByRole('list', { name: 'Search results' }).getByRole('listitem');
    await expect.poll(() => rows.count(), POLL).toBeGreaterThanOrEqual(POPUP_PAPERS);
  }

  // All four tabs (and the popup) click at once; each clicks its badges one after another.
  const total = listings.flat().length + (popup ? POPUP_PAPERS : 0);
  let clicks = 0;
  const stops: number[] = [];
  const clicking = [
    ...tabs.map(async (page, n) => {
      for (const entry of listings[n]!) {
        await badgeButton(badgeFor(page, entry.title)).click();
        clicks++;
      }
    }),
    ...(popupPage
      ? [
          (async () => {
            const rows = popupPage.getByRole('list', { name: 'Search results' }).getByRole('listitem');
            for (const title of popupTitles) {
              await rows.filter({ hasText: title }).getByRole('button', { name: 'Save', exact: true }).click();
              clicks++;
            }
          })(),
        ]
      : []),
  ];
  let finished = false;
  const all = Promise.all(clicking).finally(() => (finished = true));
  for (const share of STOP_AT) {
    // `finished` and `clicks` change while the loop awaits.
    // oxlint-disable-next-line no-unmodified-loop-condition
    while (!finished && clicks < Math.ceil(total * share)) await new Promise((resolve) => setTimeout(resolve, 2));
    stops.push(clicks);
    await stopServiceWorker(browser, control);
  }
  await all;
  // Both stops came while clicks were still to come.
  expect(stops[0]).toBeGreaterThanOrEqual(total * STOP_AT[0]!);
  expect(stops[1]).toBeLessThan(total);

  // Exactly the papers clicked to saved, the popup's too, nothing else.
  const expected = [
    ...listings.flatMap((entries, n) => entries.filter((_, i) => !preSaved(n, i)).map((e) => `corpus:${e.paper.id}`)),
    ...(popup
      ? popupTitles.map((title) => `corpus:${pool.concat(realPapers()).find((p) => p.title === title)!.id}`)
      : []),
  ].sort();
  await expect.poll(async () => (await storedList()).map((p) => p.key).sort(), POLL).toEqual(expected);
  const stored = await storedList();
  expect(stored).toHaveLength(expected.length);
  // Every badge says what the list holds: saved exactly for the papers it holds.
  for (const [n, page] of tabs.entries()) {
    for (const [i, entry] of listings[n]!.entries()) {
      await expect.poll(() => badgeState(page, entry.title), POLL).toEqual(badgeSays(entry.title, !preSaved(n, i)));
    }
  }
  // The Saved view lists them all.
  const saved = await browser.openExtensionPage('popup.html');
  await saved.getByRole('tab', { name: 'Saved', exact: true }).click();
  // The Saved view is windowed: it says how many it holds, and each row its place among them.
  const rows = saved.getByRole('list', { name: 'Saved papers' }).getByRole('listitem');
  await expect.poll(() => saved.locator('.pl-count').innerText(), POLL).toBe(`${expected.length} papers`);
  await expect.poll(() => rows.first().getAttribute('aria-setsize'), POLL).toBe(String(expected.length));
  // Nothing late (a retried message) changes it afterwards.
  await control.waitForTimeout(1500);
  expect((await storedList()).map((p) => p.key).sort()).toEqual(expected);
  await Promise.all([...tabs, saved, ...(popupPage ? [popupPage] : [])].map((page) => page.close()));
}

describe('rapid real clicks on every badge in four listing tabs, the worker stopped twice', () => {
  beforeAll(async () => {
    const popup = await browser.openExtensionPage('popup.html');
    await popup.getByRole('searchbox').fill(POPUP_QUERY);
    const rows = popup.getByRole('list', { name: 'Search results' }).getByRole('listitem');
    await rows.nth(POPUP_PAPERS - 1).waitFor({ timeout: POLL.timeout });
    popupTitles = (await rows.locator('.pl-title').allInnerTexts()).slice(0, POPUP_PAPERS);
    await popup.close();
  });

  it('saves all 100 when the listings reuse the same arXiv ids across tabs', { timeout: ROUND_TIMEOUT }, async () => {
    await runRound({ sharedIds: true, preSaved: () => false, popup: false });
  });

  it('saves all 100 again, other papers with ids of their own', { timeout: ROUND_TIMEOUT }, async () => {
    await runRound({ sharedIds: false, preSaved: () => false, popup: false });
  });

  it(
    'ends exactly as clicked with saves and removes mixed, while the popup saves other papers',
    { timeout: ROUND_TIMEOUT },
    async () => {
      await runRound({ sharedIds: true, preSaved: (tab, i) => (tab + i) % 2 === 0, popup: true });
    },
  );

  it('a save the browser refuses (storage full) shows on its badge as failed, with the reason; a click tries again', async () => {
    await writeList([]);
    const paper = pool.at(-1)!;
    const url = 'https://arxiv.org/list/cs.CL/new';
    await browser.routeFixture(url, arxivListingHtml([{ id: '2609.00001', title: paper.title }]));
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('paper-lens:ready').length > 0, undefined, POLL);
    const button = badgeButton(badgeFor(page, paper.title));
    await expect.poll(() => badgeState(page, paper.title), POLL).toEqual(badgeSays(paper.title, false));

    // storage.local (no unlimitedStorage) holds 10,485,760 bytes: fill it to within 100 of that.
    await control.evaluate(async () => {
      const local = (
        globalThis as unknown as {
          chrome: {
            storage: { local: { set(v: object): Promise<void>; getBytesInUse(k: null): Promise<number> } };
          };
        }
      ).chrome.storage.local;
      let length = 10_000_000;
      await local.set({ filler: 'x'.repeat(length) });
      length += 10_485_760 - 100 - (await local.getBytesInUse(null));
      await local.set({ filler: 'x'.repeat(length) });
    });
    await button.click();
    await expect.poll(() => button.innerText(), POLL).toBe('Not saved');
    expect(await button.getAttribute('aria-label')).toBe(`Not saved: Save to Paper Lens again: "${paper.title}"`);
    expect(await button.getAttribute('title')).toBe(
      `Paper Lens could not save “${paper.title}”: the browser's storage is full. Nothing was changed and nothing ` +
        'already saved was lost. Remove some saved papers (or free space for the browser) and try again. Click to try again.',
    );
    expect(await storedList()).toEqual([]);
    await page.screenshot({
      path: join(SHOTS_DIR, 'badge-not-saved.png'),
      clip: { x: 0, y: 150, width: 900, height: 120 },
    });

    // Space again: a click on the failed badge saves it.
    await control.evaluate(() =>
      (
        globalThis as unknown as { chrome: { storage: { local: { remove(k: string): Promise<void> } } } }
      ).chrome.storage.local.remove('filler'),
    );
    await button.click();
    await expect.poll(() => badgeState(page, paper.title), POLL).toEqual(badgeSays(paper.title, true));
    expect((await storedList()).map((p) => p.key)).toEqual([`corpus:${paper.id}`]);
    await page.screenshot({
      path: join(SHOTS_DIR, 'badge-saved-after-retry.png'),
      clip: { x: 0, y: 150, width: 900, height: 120 },
    });
    await page.close();
  });

  it('made no request that left the browser and threw no uncaught page errors', () => {
    expect(browser.externalRequests(), 'requests that left the browser').toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
