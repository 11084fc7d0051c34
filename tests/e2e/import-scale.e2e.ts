// A 7,000-entry BibTeX import in the real popup, against the BUILT extension in Chromium: the file is
// chosen with a real file chooser, parsed and planned in the import worker, and the popup's main
// thread is watched the whole time (long tasks, and the rendering step of long animation frames, as
// tools/browser/listing.ts measures a listing). Then the previewed write is applied, in two messages
// (7,000 entries are more than one holds), and storage holds exactly what the preview said.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SavedPaper } from '../../lib/reading-list/saved-list';
import { launchExtension, type ExtensionBrowser } from '../../tools/browser/launch';
import { previewLargeImport, scaleBibtex } from '../../tools/browser/import-scale';
import type { ChromeApi } from './helpers/fixtures';

const COUNT = 7000;
/**
 * The budget is 50 ms at a time. The popup's own share of an import is sending the file's
 * bytes to the worker, relaying two title batches and rendering the summary; on a 2-core machine no
 * task of the popup's reached the Long Tasks API's 50 ms at all. CI runners are shared and noisy (a
 * garbage collection or a slow frame lands in any task), so the test allows twice the budget:
 * parsing 7,000 entries on the main thread, as before the worker, blocks it for 600–1,800 ms at a
 * time and still fails, and the slices fallback (worker not loaded) measured 95–120 ms and fails
 * too, besides the worker mark checked below. `npm run bench` reports the figure itself
 * (import7000.longestTaskMs).
 */
const LONGEST_TASK_BOUND_MS = 100;
/** The bound for the whole preview of a 7,000-entry file. */
const PREVIEW_BOUND_MS = 10_000;

let browser: ExtensionBrowser;
let dir: string;

beforeAll(async () => {
  browser = await launchExtension();
  dir = await mkdtemp(join(tmpdir(), 'paper-lens-import-scale-'));
});

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function storedPapers(page: Page): Promise<SavedPaper[]> {
  return page.evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: ChromeApi }).chrome;
    const stored = await chrome.storage.local.get('savedList');
    return ((stored.savedList as { papers?: SavedPaper[] } | undefined)?.papers ?? []) as SavedPaper[];
  });
}

it(`previews a ${COUNT}-entry .bib without blocking the popup, and applies exactly the preview`, async () => {
  const file = join(dir, 'big.bib');
  await writeFile(file, scaleBibtex(COUNT));
  const run = await previewLargeImport(browser, file, PREVIEW_BOUND_MS + 5000);
  const { popup } = run;
  console.log(
    `${COUNT}-entry preview: ${Math.round(run.previewMs)} ms, longest main-thread task ${Math.round(run.longestTaskMs)} ms`,
  );
  expect(run.worker).toBe(true);
  expect(run.summary).toBe(`big.bib: ${COUNT} to add, 0 to update, 0 already in your list.`);
  expect(run.previewMs).toBeLessThan(PREVIEW_BOUND_MS);
  expect(run.longestTaskMs).toBeLessThan(LONGEST_TASK_BOUND_MS);

  await popup.getByRole('button', { name: 'Apply import', exact: true }).click();
  await expect
    .poll(() => popup.getByRole('status').first().innerText(), { timeout: 30_000 })
    .toBe(`Imported: ${COUNT} added, 0 updated.`);
  const stored = await storedPapers(popup);
  expect(stored).toHaveLength(COUNT);
  const first = stored.find((p) => p.title === 'Synthetic Import Entry 0 of the Scale Test');
  expect(first).toMatchObject({
    key: 'title:syntheticimportentry0ofthescaletest',
    url: 'https://doi.org/10.5555/scale.0',
    tags: ['scale', 'batch 0'],
    authors: ['Müller, Jörg', 'Google DeepMind', 'Doe, Jane 0'],
  });
}, 90_000);
