// Issue #6, promise 2: "Bad data is survived." Against the BUILT extension in Debian's Chromium: corrupt
// and wrong-shaped data put into chrome.storage.local, then the browser restarted; a list from a newer
// Paper Lens; and bad files through the popup's Import button. The extension starts, keeps a copy of what it
// could not read, tells the person (screenshots in tests/e2e/artifacts/bad-data/), and never overwrites it.
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SavedPaper } from '../../lib/reading-list/saved-list';
import { paperTitled } from '../helpers/corpus';
import { ARTIFACTS_DIR, launchExtension, stopServiceWorker, type ExtensionBrowser } from '../../tools/browser/launch';

const SHOTS = join(ARTIFACTS_DIR, 'bad-data');
const POLL = { timeout: 15_000, interval: 50 };
const GALORE = 'GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection';
const INSTEAD = 'Paper Lens imports its own JSON export or a BibTeX (.bib) file';

const corpusPaper = paperTitled('Simple and Scalable Strategies to Continually Pre-train Large Language Models');
const READABLE: SavedPaper[] = [
  {
    key: `corpus:${corpusPaper.id}`,
    title: corpusPaper.title,
    corpusId: corpusPaper.id,
    arxivId: null,
    url: null,
    savedAt: 1_710_000_000_000,
    tags: ['continual'],
    note: 'Replay 5% of the old data.',
    read: true,
  },
  {
    key: 'arxiv:2403.09611',
    title: 'MM1: Methods, Analysis & Insights from Multimodal LLM Pre-training',
    corpusId: null,
    arxivId: '2403.09611',
    url: 'https://arxiv.org/abs/2403.09611',
    savedAt: 1_709_000_000_000,
    tags: [],
    note: '',
    read: false,
  },
];
/** Readable entries among wrong types in every field, a cut-off entry and stray values. */
const CORRUPT = {
  papers: [
    READABLE[0],
    { ...READABLE[1], key: 'title:wrong', title: 12, tags: 'a,b', savedAt: 'yesterday', read: 'yes' },
    READABLE[1],
    { key: 'title:cut', title: 'Cut off mid-wr' },
    null,
    'stray text',
  ],
};
const CORRUPT_PROBLEM = '4 of 6 saved entries could not be read.';

let browser: ExtensionBrowser;
let tempDir: string;

beforeAll(async () => {
  browser = await launchExtension();
  await mkdir(SHOTS, { recursive: true });
  tempDir = await mkdtemp(join(tmpdir(), 'paper-lens-bad-data-'));
});

afterAll(async () => {
  await browser?.close();
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
});

type Storage = Record<string, unknown>;
interface StorageApi {
  chrome: {
    storage: { local: { get(k: null): Promise<Storage>; set(v: Storage): Promise<void>; clear(): Promise<void> } };
  };
}

/** Replaces everything in extension storage, from the service worker. */
async function putStorage(values: Storage): Promise<void> {
  await browser.worker.evaluate(async (v) => {
    const { local } = (globalThis as unknown as StorageApi).chrome.storage;
    await local.clear();
    await local.set(v);
  }, values);
}

function allStorage(page: Page): Promise<Storage> {
  return page.evaluate(() => (globalThis as unknown as StorageApi).chrome.storage.local.get(null));
}

async function openSaved(): Promise<Page> {
  const popup = await browser.openExtensionPage('popup.html');
  await popup.getByRole('tablist').waitFor();
  await popup.getByRole('tab', { name: 'Saved', exact: true }).click();
  return popup;
}

const banner = (popup: Page) => popup.getByRole('alert', { name: 'Saved data that could not be read' });
const savedTitles = (popup: Page) =>
  popup.getByRole('list', { name: 'Saved papers' }).getByRole('listitem').locator('.pl-title').allInnerTexts();

async function shoot(popup: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme: scheme });
    const path = join(SHOTS, `${name}-${scheme}.png`);
    await popup.screenshot({ path });
    expect((await stat(path)).size).toBeGreaterThan(5_000);
  }
  await popup.emulateMedia({ colorScheme: 'light' });
}

async function saveFromSearch(popup: Page, query: string): Promise<void> {
  await popup.getByRole('tab', { name: 'Search', exact: true }).click();
  await popup.getByRole('searchbox').fill(query);
  const first = popup.getByRole('list', { name: 'Search results' }).getByRole('listitem').first();
  await expect.poll(() => first.locator('.pl-title').innerText(), POLL).toBe(GALORE);
  await first.getByRole('button', { name: 'Save', exact: true }).click();
}

describe('corrupt saved data', () => {
  it('after a browser restart: banner, readable entries, a verbatim copy; a save keeps the copy intact', async () => {
    await putStorage({ savedList: CORRUPT });
    expect(browser.externalRequests(), 'requests that left the browser').toEqual([]);
    browser = await browser.restart();
    const popup = await openSaved();

    await expect.poll(() => banner(popup).locator('h2').innerText(), POLL).toBe('Some saved data could not be read');
    expect(await banner(popup).locator('p').first().innerText()).toBe(
      `${CORRUPT_PROBLEM} Paper Lens shows the 2 entries it could read and keeps a copy of the data exactly as it was; nothing was deleted.`,
    );
    expect(await savedTitles(popup)).toEqual(READABLE.map((p) => p.title));
    // The worker copied it aside when it started; the list itself is untouched.
    await expect.poll(async () => (await allStorage(popup)).savedListUnreadable, POLL).toBeDefined();
    const before = await allStorage(popup);
    expect(before.savedList).toEqual(CORRUPT);
    expect(before.savedListUnreadable).toEqual({
      format: 'paper-lens-unreadable-data',
      copies: [{ copiedAt: expect.any(Number), problem: CORRUPT_PROBLEM, list: CORRUPT, version: null }],
    });
    await shoot(popup, 'saved-unreadable');

    const [download] = await Promise.all([
      popup.waitForEvent('download'),
      banner(popup).getByRole('button', { name: 'Download unreadable data' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('paper-lens-unreadable-data.json');
    const file = JSON.parse(await readFile(await download.path(), 'utf8')) as { copies: unknown };
    expect(file.copies).toEqual((before.savedListUnreadable as { copies: unknown }).copies);
    expect(await banner(popup).getByRole('status').innerText()).toBe('Downloaded paper-lens-unreadable-data.json.');

    // Saving one paper writes the list: the readable entries stay, the copy is exactly as it was.
    await saveFromSearch(popup, 'galore');
    await expect
      .poll(async () => ((await allStorage(popup)).savedList as { papers: SavedPaper[] }).papers.length, POLL)
      .toBe(3);
    const after = await allStorage(popup);
    const papers = (after.savedList as { papers: SavedPaper[] }).papers;
    expect(papers.map((p) => p.title)).toEqual([GALORE, ...READABLE.map((p) => p.title)]);
    expect(papers.slice(1)).toEqual(READABLE);
    expect(JSON.stringify(after.savedListUnreadable)).toBe(JSON.stringify(before.savedListUnreadable));
    // The person is still told, now of the copy.
    await popup.getByRole('tab', { name: 'Saved', exact: true }).click();
    await expect
      .poll(() => banner(popup).locator('p').first().innerText(), POLL)
      .toMatch(
        /^On \w{3} \d{1,2}, \d{4}, Paper Lens found saved data it could not read\. 4 of 6 saved entries could not be read\. It kept every entry it could read and a copy of the data exactly as it was; nothing was deleted\.$/,
      );
    await shoot(popup, 'saved-unreadable-after-save');
    await popup.close();
  });

  it('a list from a newer Paper Lens (savedList$ v: 2) is shown read-only and never written', async () => {
    const newer = { papers: [...READABLE, { key: 'v2:x', title: 'A v2 entry', authors: ['A'] }] };
    await putStorage({ savedList: newer, savedList$: { v: 2 } });
    const control = await browser.openExtensionPage('popup.html');
    await stopServiceWorker(browser, control); // the fresh worker starts on the popup's first message
    const popup = await openSaved();
    await expect.poll(() => banner(popup).locator('h2').innerText(), POLL).toBe('Your list is from a newer Paper Lens');
    expect(await banner(popup).locator('p').first().innerText()).toBe(
      'Your reading list was saved by a newer version of Paper Lens (data version 2; this version reads version 1). To keep it safe, this version will not change it: saving, removing, editing and importing are off until you update Paper Lens. It shows the 2 entries it can read.',
    );
    expect(await savedTitles(popup)).toEqual(READABLE.map((p) => p.title));
    expect(await popup.getByRole('button', { name: 'Remove', exact: true }).first().isDisabled()).toBe(true);
    await shoot(popup, 'saved-newer-version');
    const before = await allStorage(popup);
    expect(before.savedList).toEqual(newer);

    await saveFromSearch(popup, 'galore');
    await expect
      .poll(() => popup.getByRole('alert').filter({ hasText: 'did not go through' }).innerText(), POLL)
      .toBe(
        'That did not go through: Your reading list was saved by a newer version of Paper Lens (data version 2), so this version will not change it. Update Paper Lens to save, edit or import papers.',
      );
    const after = await allStorage(popup);
    expect(JSON.stringify(after.savedList)).toBe(JSON.stringify(before.savedList));
    expect(after.savedList$).toEqual({ v: 2 });
    await popup.close();
    await control.close();
  });
});

describe("the popup's Import button with files it cannot import", () => {
  it('gives each a clear, specific error and leaves storage byte-identical', async () => {
    await putStorage({ savedList: { papers: READABLE } });
    const popup = await openSaved();
    await expect.poll(() => savedTitles(popup), POLL).toEqual(READABLE.map((p) => p.title));
    const before = JSON.stringify(await allStorage(popup));

    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n', 'latin1'),
      Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 256)),
    ]);
    const files: [string, string | Buffer, string][] = [
      [
        'cut-short.json',
        '{"format": "paper-lens-reading-list", "version": 1, "papers": [{"key": "title:a", "ti',
        'The file is not valid JSON: it ends in the middle (was it cut short?).',
      ],
      // A BibTeX file with an entry that cannot be read (unbalanced braces) is no longer refused whole:
      // the preview lists that entry with its line and imports the rest (tests/components/SavedTools.test.tsx,
      // tests/unit/import-bad-files.test.ts).
      [
        'zotero-csl.json',
        JSON.stringify([
          { id: 'x', type: 'article', title: GALORE, author: [{ family: 'Zhao' }], issued: { 'date-parts': [[2024]] } },
        ]),
        `This is a CSL-JSON file (as Zotero, Mendeley and citation tools export). ${INSTEAD}: export your references as BibTeX and import that.`,
      ],
      [
        'PaperMemory-data.json',
        JSON.stringify({
          __dataVersion: 1004,
          'Arxiv-2403.03507': {
            title: GALORE,
            pdfLink: 'https://arxiv.org/pdf/2403.03507.pdf',
            bibtex: '@misc{}',
            addDate: '2024-03-07',
          },
        }),
        `This is a PaperMemory export. ${INSTEAD}: in PaperMemory, export your papers as BibTeX and import that.`,
      ],
      [
        'refs.ris',
        'TY  - JOUR\r\nTI  - GaLore\r\nER  - \r\n',
        `This is a RIS file (from Zotero, EndNote, Mendeley or a publisher's site). ${INSTEAD}: export your references as BibTeX and import that.`,
      ],
      ['paper.pdf', pdf, `This is a PDF document, not a list of papers. ${INSTEAD}.`],
    ];
    const alert = popup.getByRole('alert');
    for (const [name, content, message] of files) {
      const path = join(tempDir, name);
      await writeFile(path, content);
      const [chooser] = await Promise.all([
        popup.waitForEvent('filechooser'),
        popup.getByRole('button', { name: 'Import', exact: true }).click(),
      ]);
      await chooser.setFiles(path);
      await expect.poll(() => alert.innerText(), POLL).toBe(`Nothing was imported. ${name}: ${message}`);
      expect(await popup.getByRole('button', { name: 'Apply import' }).count()).toBe(0);
    }

    // 50 MB: refused by its size before it is read.
    const huge = join(tempDir, 'library.json');
    await writeFile(huge, Buffer.alloc(50 * 1024 * 1024, 0x20));
    const [chooser] = await Promise.all([
      popup.waitForEvent('filechooser'),
      popup.getByRole('button', { name: 'Import', exact: true }).click(),
    ]);
    const started = Date.now();
    await chooser.setFiles(huge);
    await expect
      .poll(() => alert.innerText(), POLL)
      .toBe('Nothing was imported. library.json: The file is too large to import (50.0 MB; the limit is 5 MB).');
    expect(Date.now() - started).toBeLessThan(5_000);
    await shoot(popup, 'import-too-large');

    await popup.waitForTimeout(300);
    expect(JSON.stringify(await allStorage(popup))).toBe(before);
    expect(await savedTitles(popup)).toEqual(READABLE.map((p) => p.title));
    await popup.close();
  });

  it('made no request that left the browser and threw no uncaught page errors', () => {
    expect(browser.externalRequests(), 'requests that left the browser').toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
