// The heavy reader's benchmark: a 5,000-entry reading list (scripts/lib/saved-entries.ts) in the
// real popup in Chromium. Each figure runs from the input event's own time stamp (the moment the
// browser took the click or key) to the frame after the result is in the page (requestAnimationFrame
// then a task: the frame that shows it has been produced), so it is what a person waits, not what
// one function costs.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Paper } from '../../lib/corpus/types';
import { toBibtex } from '../../lib/reading-list/bibtex';
import { launchExtension, type ExtensionBrowser } from '../../tools/browser/launch';
import { identityKeys } from '../../lib/reading-list/saved-list';
import { savedEntries } from './saved-entries';

/** How many entries: the heavy reader. */
export const SAVED_COUNT = 5000;
const KEY = `savedList${SAVED_COUNT}`;
const FILTER_TEXT = 'reviewer';
const EXPORTS = { bibtex: 'Export BibTeX', csv: 'Export CSV', json: 'Export JSON', markdown: 'Export Markdown' };

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round = (value: number) => Math.round(value);

interface Probe {
  /** Input event time stamps, by event type. */
  events: Record<string, number[]>;
  /** When the frame after each awaited change was produced. */
  shown: number[];
  /** When an export handed its file to the browser (URL.createObjectURL). */
  blobs: number[];
}

/**
 * Installs the probe in the popup: records the time stamp of every click, keydown and change, the
 * moment each export makes its file, and, for each input event, the frame after the popup's handlers
 * ran (Preact renders in a microtask, so by a bubbling listener on the document the page is updated).
 */
async function installProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const probe = { events: {} as Record<string, number[]>, shown: [] as number[], blobs: [] as number[] };
    Object.assign(window, { paperLensProbe: probe });
    for (const type of ['click', 'keydown', 'change']) {
      document.addEventListener(type, (e) => (probe.events[type] ??= []).push(e.timeStamp), true);
    }
    document.addEventListener('input', () =>
      requestAnimationFrame(() => setTimeout(() => probe.shown.push(performance.now()))),
    );
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      probe.blobs.push(performance.now());
      return create(blob);
    };
  });
}

const readProbe = (page: Page) => page.evaluate(() => (window as unknown as { paperLensProbe: Probe }).paperLensProbe);

/** Resolves, in the page, with the time of the frame after `selector` first matches. */
function frameAfter(page: Page, selector: string): Promise<number> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  return page.evaluate(
    (wanted) =>
      new Promise<number>((resolve) => {
        // A MutationObserver sees the rows the moment they are inserted; the next frame shows them.
        const observer = new MutationObserver(() => {
          if (!document.querySelector(wanted)) return;
          observer.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now())));
        });
        observer.observe(document.body, { childList: true, subtree: true });
        if (document.querySelector(wanted)) {
          observer.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now())));
        }
      }),
    selector,
  );
}

/** Opens the popup and waits until it has shown its first view and read the list (idle for a moment). */
async function openPopup(browser: ExtensionBrowser): Promise<{ page: Page; firstDataMs: number }> {
  const page = await browser.openExtensionPage('popup.html');
  await page.waitForFunction(() => performance.getEntriesByName('paper-lens:popup-data').length > 0);
  const firstDataMs = await page.evaluate(() => performance.getEntriesByName('paper-lens:popup-data')[0]!.startTime);
  return { page, firstDataMs };
}

async function seed(browser: ExtensionBrowser, papers: unknown[] | null): Promise<void> {
  const page = await browser.openExtensionPage('popup.html');
  await page.evaluate(async (list) => {
    const api = (
      globalThis as unknown as {
        chrome: { storage: { local: { clear(): Promise<void>; set(items: object): Promise<void> } } };
      }
    ).chrome;
    await api.storage.local.clear();
    if (list) await api.storage.local.set({ savedList: { papers: list }, savedList$: { v: 1 } });
  }, papers);
  await page.close();
}

/** Chooses Saved with a real click; the time from the click to the frame showing its first rows. */
async function firstRows(browser: ExtensionBrowser): Promise<{ ms: number; rows: number; page: Page }> {
  const { page } = await openPopup(browser);
  // A person reads the first view for a moment before choosing Saved; the list is read by then.
  await page.waitForTimeout(1000);
  await installProbe(page);
  const shown = frameAfter(page, '.pl-saved-item');
  shown.catch(() => {}); // awaited below; a failed click must not leave it unhandled
  await page.getByRole('tab', { name: 'Saved' }).click({ timeout: 120_000 });
  const at = await shown;
  const probe = await readProbe(page);
  const rows = await page.locator('.pl-saved-item').count();
  return { ms: at - probe.events.click!.at(-1)!, rows, page };
}

/** Types a word into the filter and deletes it again, one real key at a time; each key's time to its frame. */
async function filterKeys(page: Page): Promise<number[]> {
  await installProbe(page);
  const filter = page.locator('input.pl-filter');
  await filter.click();
  for (const key of [...FILTER_TEXT.split(''), ...FILTER_TEXT.split('').map(() => 'Backspace')]) {
    await page.keyboard.press(key);
    await page.waitForTimeout(120);
  }
  const probe = await readProbe(page);
  const keys = probe.events.keydown!;
  if (probe.shown.length !== keys.length) throw new Error(`${keys.length} keys but ${probe.shown.length} frames`);
  return keys.map((t, i) => probe.shown[i]! - t);
}

/** Clicks an export; the time from the click to its file handed to the browser, and the file. */
async function exportOnce(page: Page, label: string): Promise<{ ms: number; text: string }> {
  await installProbe(page);
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.locator('.pl-tools > button', { hasText: label }).first().click({ timeout: 120_000 }),
  ]);
  const text = await readFile(await download.path(), 'utf8');
  const probe = await readProbe(page);
  return { ms: probe.blobs[0]! - probe.events.click!.at(-1)!, text };
}

/**
 * Picks a file through Import (a real file chooser); the time from the file chosen to its preview
 * shown, or null when no preview came within `deadline` ms (the popup is then closed, not waited on).
 */
async function importPreview(page: Page, file: string, deadline: number): Promise<{ ms: number; text: string } | null> {
  await installProbe(page);
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.locator('.pl-tools > button', { hasText: /^Import$/ }).click({ timeout: 120_000 }),
  ]);
  const shown = frameAfter(page, '.pl-preview');
  shown.catch(() => {}); // awaited below
  await chooser.setFiles(file);
  const done = await Promise.race([shown, new Promise<null>((resolve) => setTimeout(() => resolve(null), deadline))]);
  if (done === null) return null;
  const text = (await page.locator('.pl-preview p').textContent()) ?? '';
  const probe = await readProbe(page);
  await page.locator('.pl-preview button', { hasText: 'Cancel' }).click();
  return { ms: done - probe.events.change!.at(-1)!, text };
}

/**
 * The savedList5000.* figures: the popup opening with 5,000 saved and with none, choosing Saved,
 * a filter keystroke, each export of all 5,000, and the preview of a 5,000-entry BibTeX import.
 */
export async function benchSavedList(
  corpus: readonly Paper[],
  results: Record<string, number | string | null>,
  { runs, quick }: { runs: number; quick: boolean },
): Promise<void> {
  const papers = savedEntries(corpus, SAVED_COUNT);
  // The import file: half the list again, half papers it does not hold.
  const held = new Set(papers.flatMap((p) => identityKeys(p)));
  const others = savedEntries([], SAVED_COUNT, 777)
    .filter((p) => !identityKeys(p).some((key) => held.has(key)))
    .slice(0, SAVED_COUNT / 2);
  const dir = await mkdtemp(join(tmpdir(), 'paper-lens-bench-saved-'));
  const bibFile = join(dir, 'library.bib');
  await writeFile(bibFile, toBibtex([...papers.slice(0, SAVED_COUNT / 2), ...others]));
  const browser = await launchExtension();
  try {
    const open = async () => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const { page, firstDataMs } = await openPopup(browser);
        times.push(firstDataMs);
        await page.close();
      }
      return median(times);
    };
    const step = (what: string) => process.stderr.write(`savedList${SAVED_COUNT}: ${what}\n`);
    results[`${KEY}.popupOpenEmptyMs`] = round(await open());
    step('popup opened empty');
    await seed(browser, papers);
    results[`${KEY}.popupOpenMs`] = round(await open());
    step('popup opened with the list');

    const firsts: number[] = [];
    const rows: number[] = [];
    let popup: Page | undefined;
    for (let i = 0; i < runs; i++) {
      const run = await firstRows(browser);
      firsts.push(run.ms);
      rows.push(run.rows);
      if (i < runs - 1) await run.page.close();
      else popup = run.page;
    }
    results[`${KEY}.firstRowsMs`] = round(median(firsts));
    results[`${KEY}.renderedRows`] = Math.max(...rows);

    step('first rows');
    const keys = await filterKeys(popup!);
    results[`${KEY}.filterMs`] = round(median(keys));
    results[`${KEY}.filterMaxMs`] = round(Math.max(...keys));

    let slowest = 0;
    for (const [format, label] of Object.entries(EXPORTS)) {
      const times: number[] = [];
      for (let i = 0; i < Math.min(runs, 3); i++) {
        const { ms, text } = await exportOnce(popup!, label);
        if (text.length < SAVED_COUNT * 20) throw new Error(`the ${format} export is too short to hold every entry`);
        times.push(ms);
      }
      results[`${KEY}.export.${format}Ms`] = round(median(times));
      step(`${format} export`);
      slowest = Math.max(slowest, median(times));
    }
    results[`${KEY}.exportMs`] = round(slowest);

    // A preview that takes longer than the deadline is reported as not measured, with the reason.
    const deadline = quick ? 20_000 : 120_000;
    const previews: number[] = [];
    for (let i = 0; i < Math.min(runs, 3); i++) {
      const preview = await importPreview(popup!, bibFile, deadline);
      if (!preview) {
        step(`no import preview within ${deadline / 1000} s: importPreviewMs not measured`);
        break;
      }
      const expected = `library.bib: ${others.length} to add, `;
      if (!preview.text.startsWith(expected)) {
        throw new Error(`the import preview said "${preview.text}", not "${expected}…"`);
      }
      previews.push(preview.ms);
    }
    results[`${KEY}.importPreviewMs`] = previews.length > 0 ? round(median(previews)) : null;
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}
