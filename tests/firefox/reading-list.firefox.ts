// The reading list in Firefox, as a person uses it: save from a page's badge with a real click (an inline
// badge on an abstract page and a listing badge in the badge layer), find the papers in the popup's
// Saved view, export the list as JSON and import a file with a preview. The popup opens in a tab, from
// the background page (BiDi cannot open moz-extension:// pages itself), and BiDi then clicks in it.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixture, fixtureHtml, MANIFEST } from '../e2e/helpers/fixtures';
import { badgeButtonFor, badgeStates, waitReady } from './helpers/badges';
import { FIREFOX_ARTIFACTS_DIR, launchFirefox, type FirefoxExtension } from './helpers/firefox';

const ABS = fixture('arxiv-abs.html');
const LIST_NEW = fixture('arxiv-list-new.html');
const GALORE = ABS.papers[0]!.title;
const GEMMA = 'Gemma 3 Technical Report';
const POLL = { timeout: 15_000, interval: 50 };

/** A saved paper as the background stores it (the fields this file reads). */
interface StoredPaper {
  key: string;
  title: string;
  arxivId: string | null;
  savedAt: number;
}

let firefox: FirefoxExtension;
let tempDir: string;
const openPages: Page[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  firefox = await launchFirefox();
  tempDir = await mkdtemp(join(tmpdir(), 'paper-lens-firefox-'));
  await mkdir(FIREFOX_ARTIFACTS_DIR, { recursive: true });
  for (const entry of MANIFEST) firefox.routeFixture(entry.url, fixtureHtml(entry.file));
});

afterEach(async () => {
  await Promise.all(openPages.splice(0).map((page) => page.close()));
  await firefox.setColorScheme('light');
});

afterAll(async () => {
  await firefox?.close();
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
});

function track(page: Page, label: string): Page {
  openPages.push(page);
  page.on('pageerror', (error) => pageErrors.push(`${label}: ${String(error)}`));
  return page;
}

function storedPapers(): Promise<StoredPaper[]> {
  return firefox.inBackground<StoredPaper[]>(
    `const { savedList } = await browser.storage.local.get('savedList'); return savedList?.papers ?? [];`,
  );
}

async function tabIdOf(url: string): Promise<number> {
  const ids = await firefox.inBackground<number[]>(
    `return (await browser.tabs.query({ url: ${JSON.stringify(url)} })).map((tab) => tab.id);`,
  );
  expect(ids, `tabs at ${url}`).toHaveLength(1);
  return ids[0]!;
}

/** The element with `role` (or a button element) whose text is exactly `text`, for a real click. */
async function byRole(page: Page, role: string, text: string): Promise<ElementHandle<Element>> {
  const handle = await page.waitForFunction(
    (wantedRole, wantedText) =>
      [...document.querySelectorAll(`[role="${wantedRole}"], ${wantedRole === 'button' ? 'button' : 'none'}`)].find(
        (element) => element.textContent?.trim() === wantedText && !(element as HTMLButtonElement).disabled,
      ),
    { timeout: 15_000, polling: 50 },
    role,
    text,
  );
  return handle as ElementHandle<Element>;
}

/** The titles in the popup's Saved view, top to bottom. */
function savedViewTitles(popup: Page): Promise<string[]> {
  return popup.evaluate(() =>
    [...document.querySelectorAll('ul[aria-label="Saved papers"] li .pl-title')].map((el) => el.textContent?.trim()),
  ) as Promise<string[]>;
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(FIREFOX_ARTIFACTS_DIR, `${name}-light.png`) });
  await firefox.setColorScheme('dark');
  await page.waitForFunction(() => matchMedia('(prefers-color-scheme: dark)').matches);
  await page.screenshot({ path: join(FIREFOX_ARTIFACTS_DIR, `${name}-dark.png`) });
  await firefox.setColorScheme('light');
  await page.waitForFunction(() => !matchMedia('(prefers-color-scheme: dark)').matches);
}

/** Opens the popup in a tab with the Saved view shown (clicked). */
async function openSavedView(): Promise<Page> {
  const popup = track(await firefox.openExtensionPage('popup.html'), 'popup');
  await (await byRole(popup, 'tab', 'Saved')).click();
  await popup.waitForSelector('ul[aria-label="Saved papers"]');
  return popup;
}

describe('the reading list in Firefox', () => {
  it("saves from an abstract page's badge and a listing's badge with real clicks; the popup's Saved view lists both", async () => {
    const abs = track(await firefox.openPage(ABS.url), ABS.url);
    await waitReady(abs);
    await (await badgeButtonFor(abs, GALORE)).click();
    await expect
      .poll(async () => (await badgeStates(abs))[0], POLL)
      .toMatchObject({ title: GALORE, text: 'Saved', action: `Saved: Remove from Paper Lens: "${GALORE}"` });

    const list = track(await firefox.openPage(LIST_NEW.url), LIST_NEW.url);
    await waitReady(list);
    await list.screenshot({ path: join(FIREFOX_ARTIFACTS_DIR, 'arxiv-list-new-before-save.png') });
    await (await badgeButtonFor(list, GEMMA)).click();
    await expect
      .poll(async () => (await badgeStates(list)).find((badge) => badge.title === GEMMA), POLL)
      .toMatchObject({ text: 'Saved', action: expect.stringMatching(/^Saved: Remove from Paper Lens: "/) });
    // Only the clicked badges changed.
    expect((await badgeStates(list)).filter((badge) => badge.text === 'Saved').map((badge) => badge.title)).toEqual([
      GEMMA,
    ]);
    await list.screenshot({ path: join(FIREFOX_ARTIFACTS_DIR, 'arxiv-list-new-saved.png') });
    await expect.poll(async () => (await storedPapers()).map((paper) => paper.title), POLL).toEqual([GEMMA, GALORE]);

    // "This page" of the popup describes the abstract page's tab.
    const popup = track(await firefox.openExtensionPage(`popup.html?tab=${await tabIdOf(ABS.url)}`), 'popup');
    await (await byRole(popup, 'tab', 'This page')).click();
    await popup.waitForFunction(
      (title) => document.querySelector('[aria-label="This page"]')?.textContent?.includes(title),
      { timeout: 15_000 },
      GALORE,
    );
    await shoot(popup, 'popup-this-page');

    await (await byRole(popup, 'tab', 'Saved')).click();
    await expect.poll(() => savedViewTitles(popup), POLL).toEqual([GEMMA, GALORE]);
    await shoot(popup, 'popup-saved');
  });

  it('exports the list as JSON from the popup: the file holds exactly the stored papers', async () => {
    const stored = await storedPapers();
    expect(stored.map((paper) => paper.title)).toEqual([GEMMA, GALORE]);
    const popup = await openSavedView();
    await (await byRole(popup, 'button', 'Export JSON')).click();
    const file = join(firefox.downloadDir, 'paper-lens-list.json');
    await expect
      .poll(async () => (await readdir(firefox.downloadDir)).includes('paper-lens-list.json'), POLL)
      .toBe(true);
    // Firefox writes the download to a .part file first and renames it when done.
    await expect
      .poll(async () => (await readdir(firefox.downloadDir)).some((name) => name.endsWith('.part')), POLL)
      .toBe(false);
    const exported = JSON.parse(await readFile(file, 'utf8')) as { format: string; version: number; papers: unknown[] };
    expect(exported.format).toBe('paper-lens-reading-list');
    expect(exported.version).toBe(1);
    expect(exported.papers).toEqual(stored);
  });

  it('imports a JSON file with a preview, then Apply import adds the new paper', async () => {
    const before = await storedPapers();
    const mm1 = {
      key: 'arxiv:2403.09611',
      title: 'MM1: Methods, Analysis & Insights from Multimodal LLM Pre-training',
      corpusId: null,
      arxivId: '2403.09611',
      url: 'https://arxiv.org/abs/2403.09611',
      savedAt: before[0]!.savedAt + 60_000,
      tags: ['multimodal'],
      note: 'From the HF daily list.',
      read: false,
    };
    const path = join(tempDir, 'reading-list.json');
    const header = { format: 'paper-lens-reading-list', version: 1, exportedAt: new Date().toISOString() };
    await writeFile(path, JSON.stringify({ ...header, papers: [...before, mm1] }, null, 2));

    const popup = await openSavedView();
    // Firefox does not report the file dialog over BiDi (puppeteer's waitForFileChooser times out), so the
    // file goes straight into the input that the Import button opens, as the dialog would put it there.
    await byRole(popup, 'button', 'Import');
    const input = (await popup.waitForSelector('input[type="file"][aria-label="Import file"]'))!;
    await input.uploadFile(path);
    await popup.waitForFunction(
      // The preview goes on to name the entries it linked to corpus papers.
      (text) => [...document.querySelectorAll('.pl-preview p')].some((p) => p.textContent?.trim().startsWith(text)),
      { timeout: 15_000, polling: 50 },
      'reading-list.json: 1 to add, 0 to update, 2 already in your list',
    );
    // Made in the import worker the Firefox build packages (the popup marks its first answer), not in
    // the popup's own thread: the worker loads under the extension's CSP.
    expect(await popup.evaluate(() => performance.getEntriesByName('paper-lens:import-worker').length)).toBe(1);
    await shoot(popup, 'popup-import-preview');
    await (await byRole(popup, 'button', 'Apply import')).click();
    await byRole(popup, 'status', 'Imported: 1 added, 0 updated.');
    expect(await storedPapers()).toEqual([mm1, ...before]);
    await expect.poll(() => savedViewTitles(popup), POLL).toEqual([mm1.title, GEMMA, GALORE]);
  });

  // BiDi sees the requests of tabs (pages, the popup tab) but not those of the background page.
  it('sent no request out of the browser from any tab, and no page threw', () => {
    expect(firefox.requests.filter((request) => request.routed).length).toBeGreaterThanOrEqual(2);
    expect(firefox.externalRequests()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
