// The Saved view under a heavy reader's hands, in Debian's Chromium with the BUILT extension: 5,000
// saved papers (first rows, not all rows, real scrolling and Tab through the window, typing in the
// filter, exports of all 5,000), storage that refuses a write, and the kept copies of unreadable data
// downloaded, dismissed and deleted. Screenshots, light and dark, go to tests/e2e/artifacts/saved/.
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COPY_FORMAT } from '../../lib/reading-list/unreadable';
import type { SavedPaper } from '../../lib/reading-list/saved-list';
import { savedEntries } from '../../scripts/lib/saved-entries';
import { realPapers } from '../helpers/corpus';
import { ARTIFACTS_DIR, launchExtension, type ExtensionBrowser } from '../../tools/browser/launch';

const SHOTS = join(ARTIFACTS_DIR, 'saved');
const POLL = { timeout: 20_000, interval: 50 };
const HEAVY = savedEntries(realPapers(), 5000);
/** chrome.storage.local's quota without the unlimitedStorage permission. */
const QUOTA_BYTES = 10_485_760;
const GALORE = 'GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection';

interface StorageApi {
  storage: {
    local: {
      get(key: string | null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      remove(key: string): Promise<void>;
      clear(): Promise<void>;
      getBytesInUse(key: null): Promise<number>;
    };
  };
}

let browser: ExtensionBrowser;
let control: Page;

beforeAll(async () => {
  browser = await launchExtension();
  await mkdir(SHOTS, { recursive: true });
  control = await browser.openExtensionPage('popup.html');
});

afterAll(async () => {
  await browser?.close();
});

const getKey = (key: string) =>
  control.evaluate(
    async (k) => (await (globalThis as unknown as { chrome: StorageApi }).chrome.storage.local.get(k))[k],
    key,
  );
const setItems = (items: Record<string, unknown>) =>
  control.evaluate((v) => (globalThis as unknown as { chrome: StorageApi }).chrome.storage.local.set(v), items);
const removeKey = (key: string) =>
  control.evaluate((k) => (globalThis as unknown as { chrome: StorageApi }).chrome.storage.local.remove(k), key);
const bytesInUse = () =>
  control.evaluate(() => (globalThis as unknown as { chrome: StorageApi }).chrome.storage.local.getBytesInUse(null));

async function putStorage(items: Record<string, unknown>): Promise<void> {
  await control.evaluate(async (values) => {
    const api = (globalThis as unknown as { chrome: StorageApi }).chrome.storage.local;
    await api.clear();
    await api.set(values);
  }, items);
}

const storedPapers = async () => ((await getKey('savedList')) as { papers: SavedPaper[] }).papers;

async function openSaved(): Promise<Page> {
  const popup = await browser.openExtensionPage('popup.html');
  await popup.getByRole('tab', { name: 'Saved' }).click();
  return popup;
}

const rows = (popup: Page) => popup.getByRole('list', { name: 'Saved papers' }).getByRole('listitem');

async function shoot(popup: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme: scheme });
    const path = join(SHOTS, `${name}-${scheme}.png`);
    await popup.screenshot({ path });
    expect((await stat(path)).size).toBeGreaterThan(5_000);
  }
  await popup.emulateMedia({ colorScheme: 'light' });
}

async function exportFile(popup: Page, label: string): Promise<string> {
  const [download] = await Promise.all([
    popup.waitForEvent('download'),
    popup.getByRole('button', { name: label, exact: true }).click(),
  ]);
  return readFile(await download.path(), 'utf8');
}

/** The focused element's row: its place in the list, and whether it is inside the popup's visible area. */
const focusedRow = (popup: Page) =>
  popup.evaluate(() => {
    const focused = document.activeElement as HTMLElement | null;
    const row = focused?.closest('li[aria-posinset]');
    const main = document.querySelector('main')!.getBoundingClientRect();
    const box = focused?.getBoundingClientRect();
    return {
      place: row ? Number(row.getAttribute('aria-posinset')) : null,
      visible: !!box && box.top >= main.top && box.bottom <= main.bottom,
    };
  });

describe('5,000 saved papers', () => {
  it(
    'Saved shows its first rows, not all 5,000; scrolls and tabs through the whole list',
    { timeout: 180_000 },
    async () => {
      await putStorage({ savedList: { papers: HEAVY } });
      const popup = await openSaved();
      await expect.poll(() => rows(popup).first().locator('.pl-title').innerText(), POLL).toBe(HEAVY[0]!.title);
      const first = await rows(popup).count();
      expect(first).toBeGreaterThan(3);
      expect(first).toBeLessThan(40);
      expect(await rows(popup).first().getAttribute('aria-setsize')).toBe('5000');
      expect(await popup.locator('.pl-count').innerText()).toBe('5,000 papers');
      await shoot(popup, 'saved-5000');

      // Tab from the first row's first button: focus walks row by row past the first window, each
      // focused button scrolled into view, and the page never holds more than a window of rows.
      await rows(popup).first().getByRole('button').first().focus();
      for (let i = 0; i < 120; i++) await popup.keyboard.press('Tab');
      const deep = await focusedRow(popup);
      expect(deep.place).toBeGreaterThan(first + 5);
      expect(deep.visible).toBe(true);
      expect(await rows(popup).count()).toBeLessThan(60);
      for (let i = 0; i < 8; i++) await popup.keyboard.press('Shift+Tab');
      const back = await focusedRow(popup);
      expect(back.place).toBeLessThan(deep.place!);
      expect(back.visible).toBe(true);

      // The wheel reaches the end of the list: its last paper, in the 5,000th place.
      await popup.mouse.move(200, 400);
      await expect
        .poll(async () => {
          await popup.mouse.wheel(0, 200_000);
          return rows(popup).last().getAttribute('aria-posinset');
        }, POLL)
        .toBe('5000');
      expect(await rows(popup).last().locator('.pl-title').innerText()).toBe(HEAVY[4999]!.title);
      expect(await rows(popup).count()).toBeLessThan(60);
      expect(browser.pageErrors).toEqual([]);
      await popup.close();
    },
  );

  it('filters as the person types, and exports all 5,000 in every format', { timeout: 180_000 }, async () => {
    await putStorage({ savedList: { papers: HEAVY } });
    const popup = await openSaved();
    const filter = popup.getByRole('textbox', { name: 'Filter saved papers' });
    await filter.click();
    await popup.keyboard.type('reviewer two');
    const matching = HEAVY.filter((p) =>
      `${p.title}\n${p.note}\n${p.tags.join(' ')}`.toLowerCase().includes('reviewer two'),
    );
    expect(matching.length).toBeGreaterThan(50);
    await expect
      .poll(() => popup.locator('.pl-count').innerText(), POLL)
      .toBe(`${matching.length.toLocaleString('en')} of 5,000 papers shown`);
    expect(await rows(popup).first().locator('.pl-title').innerText()).toBe(matching[0]!.title);
    await shoot(popup, 'saved-5000-filtered');
    for (let i = 0; i < 'reviewer two'.length; i++) await popup.keyboard.press('Backspace');
    await expect.poll(() => popup.locator('.pl-count').innerText(), POLL).toBe('5,000 papers');

    const json = JSON.parse(await exportFile(popup, 'Export JSON')) as { papers: SavedPaper[] };
    expect(json.papers.map((p) => p.key)).toEqual(HEAVY.map((p) => p.key));
    const csv = Papa.parse<Record<string, string>>(await exportFile(popup, 'Export CSV'), { header: true });
    expect(csv.data.filter((row) => row.title).map((row) => row.title)).toEqual(HEAVY.map((p) => p.title));
    const bib = await exportFile(popup, 'Export BibTeX');
    expect(bib.match(/^@(?!preamble)\w+\{/gm)).toHaveLength(5000); // the file's one @preamble aside
    const md = await exportFile(popup, 'Export Markdown');
    const tasks = md.match(/^- \[[ x]\] /gm) ?? [];
    expect([tasks.length, tasks.filter((t) => t.includes('[x]')).length]).toEqual([
      5000,
      HEAVY.filter((p) => p.read).length,
    ]);
    await popup.close();
  });
});

describe('full storage', () => {
  it(
    'names the paper and the edit that were not saved, loses nothing, and the list stays usable',
    { timeout: 180_000 },
    async () => {
      const papers = HEAVY.slice(0, 2000).filter((p) => p.title !== GALORE);
      await putStorage({ savedList: { papers } });
      // Fill chrome.storage.local to its quota, but for a few bytes: the next write of the list is refused.
      await setItems({ filler: 'x'.repeat(QUOTA_BYTES - (await bytesInUse()) - 20) });
      const popup = await browser.openExtensionPage('popup.html');
      await popup.getByRole('searchbox').fill('galore');
      const hit = popup.getByRole('list', { name: 'Search results' }).getByRole('listitem').first();
      await expect.poll(() => hit.locator('.pl-title').innerText(), POLL).toBe(GALORE);
      await hit.getByRole('button', { name: 'Save', exact: true }).click();
      const alert = popup.getByRole('alert');
      await expect.poll(() => alert.innerText(), POLL).toMatch(/^“GaLore: .*” was not saved\. /);
      const said = await alert.innerText();
      expect(said).toMatch(/storage .*is full/);
      expect(said).toMatch(/nothing already saved was lost/i);
      await shoot(popup, 'storage-full');
      expect((await storedPapers()).map((p) => p.key)).toEqual(papers.map((p) => p.key));

      // The list is still there and usable: it shows, filters, and an edit that is refused keeps what was typed.
      await popup.getByRole('tab', { name: 'Saved' }).click();
      await expect.poll(() => rows(popup).first().locator('.pl-title').innerText(), POLL).toBe(papers[0]!.title);
      const row = rows(popup).first();
      await row.getByRole('button', { name: 'Edit' }).click();
      await row.getByRole('textbox', { name: 'Note' }).fill('A note that does not fit');
      await row.getByRole('button', { name: 'Done' }).click();
      await expect
        .poll(() => alert.innerText(), POLL)
        .toMatch(
          new RegExp(
            `^Your changes to “${papers[0]!.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}” were not saved\\. `,
          ),
        );
      expect(await row.getByRole('textbox', { name: 'Note' }).inputValue()).toBe('A note that does not fit');
      await shoot(popup, 'storage-full-edit');
      expect((await storedPapers())[0]).toEqual(papers[0]);

      // With room made, the same Done stores the note.
      await removeKey('filler');
      await row.getByRole('button', { name: 'Done' }).click();
      await expect.poll(async () => (await storedPapers())[0]!.note, POLL).toBe('A note that does not fit');
      await popup.locator('.pl-failure').getByRole('button', { name: 'Dismiss' }).click();
      expect(await popup.getByRole('alert').count()).toBe(0);
      await popup.close();
    },
  );
});

const copy = (copiedAt: number, problem: string) => ({
  copiedAt,
  problem,
  list: { papers: [{ title: 42 }] },
  version: null,
});
const banner = (popup: Page) => popup.getByRole('alert', { name: 'Saved data that could not be read' });

describe('kept copies of unreadable data', () => {
  it('downloads them, dismisses the notice until a new copy is kept, and deletes them once confirmed', async () => {
    const one = copy(Date.UTC(2026, 9, 1), '1 of 2 saved entries could not be read.');
    await putStorage({
      savedList: { papers: HEAVY.slice(0, 3) },
      savedListUnreadable: { format: COPY_FORMAT, copies: [one] },
    });
    let popup = await openSaved();
    await banner(popup).waitFor();
    const [download] = await Promise.all([
      popup.waitForEvent('download'),
      banner(popup).getByRole('button', { name: 'Download unreadable data' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('paper-lens-unreadable-data.json');
    const file = JSON.parse(await readFile(await download.path(), 'utf8')) as { copies: unknown[] };
    expect(file.copies).toEqual([one]);
    await shoot(popup, 'unreadable-banner');

    await banner(popup).getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => banner(popup).count(), POLL).toBe(0);
    await popup.close();
    popup = await openSaved();
    await expect.poll(() => rows(popup).count(), POLL).toBe(3);
    expect(await banner(popup).count()).toBe(0);

    // A new copy brings the notice back, in the open popup.
    const two = copy(Date.UTC(2026, 9, 20), 'The saved list is not readable.');
    await setItems({ savedListUnreadable: { format: COPY_FORMAT, copies: [one, two] } });
    await banner(popup).waitFor();
    await banner(popup).getByRole('button', { name: 'Delete kept copies…' }).click();
    const confirm = popup.getByRole('group', { name: 'Delete the kept copies' });
    expect(await confirm.locator('p').innerText()).toBe(
      'Delete the 2 kept copies of data Paper Lens could not read? You have not downloaded them: once deleted, they cannot be recovered. The papers in your list stay as they are.',
    );
    await shoot(popup, 'unreadable-confirm');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(((await getKey('savedListUnreadable')) as { copies: unknown[] }).copies).toHaveLength(2);
    await banner(popup).getByRole('button', { name: 'Delete kept copies…' }).click();
    await confirm.getByRole('button', { name: 'Delete for good' }).click();
    await expect
      .poll(() => popup.locator('.pl-banner-done').innerText(), POLL)
      .toBe('Deleted the 2 kept copies of unreadable data.');
    expect(await getKey('savedListUnreadable')).toEqual({
      format: COPY_FORMAT,
      copies: [],
    });
    expect((await storedPapers()).map((p) => p.key)).toEqual(HEAVY.slice(0, 3).map((p) => p.key));
    await popup.close();
  });

  it('no request left the browser', () => {
    expect(browser.externalRequests(), 'requests that left the browser').toEqual([]);
  });
});
