// The import7000.* figures: a generated 7,000-entry .bib previewed in the real popup (the same
// measurement as tests/e2e/import-scale.e2e.ts, tools/browser/import-scale.ts): the time from the
// file chosen to its preview shown, and the longest stretch the popup's main thread was blocked.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { previewLargeImport, scaleBibtex } from '../../tools/browser/import-scale';
import { launchExtension } from '../../tools/browser/launch';

const COUNT = 7000;
const KEY = `import${COUNT}`;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Median preview time and the longest task over `runs` previews (each in a fresh popup, nothing written). */
export async function benchImport(
  results: Record<string, number | string | null>,
  { runs }: { runs: number },
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'paper-lens-bench-import-'));
  const file = join(dir, 'big.bib');
  await writeFile(file, scaleBibtex(COUNT));
  const browser = await launchExtension();
  try {
    const previews: number[] = [];
    let longest = 0;
    for (let i = 0; i < runs; i++) {
      const run = await previewLargeImport(browser, file, 60_000);
      const expected = `big.bib: ${COUNT} to add, `;
      if (!run.summary.startsWith(expected)) throw new Error(`the preview said "${run.summary}", not "${expected}…"`);
      if (!run.worker) throw new Error('the preview was made on the popup thread, not in the import worker');
      previews.push(run.previewMs);
      longest = Math.max(longest, run.longestTaskMs);
      await run.popup.close();
      process.stderr.write(
        `${KEY}: preview ${i + 1} of ${runs}: ${Math.round(run.previewMs)} ms, longest task ${Math.round(run.longestTaskMs)} ms\n`,
      );
    }
    results[`${KEY}.previewMs`] = Math.round(median(previews));
    // The worst over every run: what a person may feel once, not the typical run.
    results[`${KEY}.longestTaskMs`] = Math.round(longest);
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}
