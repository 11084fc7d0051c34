// The large-import measurement shared by tests/e2e/import-scale.e2e.ts and `npm run bench`: a
// generated .bib chosen in the real popup with a real file chooser, timed from the input's change
// event to the frame after the preview shows, with the popup's long tasks and the rendering step of
// its long animation frames recorded from the page's first moment (see listing.ts for why both).
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from './launch';
import { observeMainThread } from './listing';

/** A .bib of `count` distinct entries, each with authors (an accent, an organisation), a DOI, keywords and an abstract. */
export function scaleBibtex(count: number): string {
  return Array.from(
    { length: count },
    (_, i) =>
      `@article{k${i},\n  author = {M{\\"u}ller, J{\\"o}rg and {Google DeepMind} and Doe, Jane ${i}},\n` +
      `  title = {Synthetic Import Entry ${i} of the Scale Test},\n  doi = {10.5555/scale.${i}},\n` +
      `  keywords = {scale, batch ${i % 20}},\n  abstract = {${'Never decoded by the import. '.repeat(8)}},\n}\n`,
  ).join('\n');
}

export interface ImportPreviewRun {
  /** From the file input's change event to the frame after the preview is shown. */
  previewMs: number;
  /** The longest long task or rendering step of the popup in that time (0 when none reached 50 ms). */
  longestTaskMs: number;
  /** Whether the import worker answered (the preview was not made on the popup's thread). */
  worker: boolean;
  /** The preview's one-line summary. */
  summary: string;
  /** The popup, left open on its preview. */
  popup: Page;
}

/** Opens a popup, chooses Saved, then Import, picks `file` and waits up to `timeout` ms for its preview. */
export async function previewLargeImport(
  browser: ExtensionBrowser,
  file: string,
  timeout: number,
): Promise<ImportPreviewRun> {
  const popup = await browser.context.newPage();
  await popup.addInitScript(observeMainThread);
  await popup.goto(browser.extensionUrl('popup.html'));
  await popup.getByRole('tab', { name: 'Saved', exact: true }).click();
  await popup.evaluate(() =>
    document.addEventListener('change', (e) => Object.assign(window, { paperLensChosenAt: e.timeStamp }), true),
  );
  const [chooser] = await Promise.all([
    popup.waitForEvent('filechooser'),
    popup.getByRole('button', { name: 'Import', exact: true }).click(),
  ]);
  await chooser.setFiles(file);
  const summary = popup.locator('.pl-preview p');
  await summary.waitFor({ timeout });
  const shownAt = await popup.evaluate(
    () => new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now())))),
  );
  // One more frame, so the frame that showed the preview is reported too.
  await popup.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
  const timeline = await popup.evaluate(() => {
    const w = window as unknown as {
      paperLensTasks: [number, number][];
      paperLensFrames: [number, number][];
      paperLensChosenAt: number;
    };
    return {
      // Set when the worker first answers.
      worker: performance.getEntriesByName('paper-lens:import-worker').length > 0,
      chosen: w.paperLensChosenAt,
      tasks: w.paperLensTasks,
      frames: w.paperLensFrames,
    };
  });
  const during = [...timeline.tasks, ...timeline.frames].filter(
    ([start]) => start >= timeline.chosen && start <= shownAt,
  );
  return {
    previewMs: shownAt - timeline.chosen,
    longestTaskMs: Math.max(0, ...during.map(([, duration]) => duration)),
    worker: timeline.worker,
    summary: await summary.innerText(),
    popup,
  };
}
