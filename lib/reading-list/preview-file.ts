// The popup's import preview of a chosen file. Decoding, parsing (the BibTeX parser) and planning
// run in a module worker (import-worker.ts), so the popup's main thread only sends the bytes, relays
// title matches to the background and receives the summary: a 7,000-entry file never blocks it.
// Where no worker can start (a test DOM without workers), the same preview runs here in slices.
/* oxlint-disable unicorn/require-post-message-target-origin -- a worker's postMessage takes no origin */
// Vite's ?worker import, not new Worker(new URL(..., import.meta.url)): WXT defines import.meta.url
// as self.location.href for its service worker, which hides that pattern from Vite's worker bundling.
import ImportWorker from './import-worker?worker';
import type { MatchTitles, PreviewSummary } from './preview-import';
import type { SavedPaper } from './saved-list';
import { ImportError } from './types';

/** Messages from the popup to the worker. */
export type ToWorker =
  | { type: 'preview'; bytes: ArrayBuffer; fileName: string; existing: SavedPaper[]; now: number }
  | { type: 'matched'; ask: number; matches: ({ id: string } | null)[] };

/** Messages from the worker to the popup. */
export type FromWorker =
  | { type: 'match'; ask: number; titles: string[] }
  | { type: 'done'; preview: PreviewSummary }
  | { type: 'failed'; message: string; importError: boolean };

interface PreviewOptions {
  bytes: ArrayBuffer;
  fileName: string;
  existing: SavedPaper[];
  matchTitles: MatchTitles;
  now: number;
}

/** The preview on this thread, in slices of at most 25 ms (see slices.ts). */
async function previewHere(options: PreviewOptions): Promise<PreviewSummary> {
  const [{ previewImport, summarisePreview }, { createPause }] = await Promise.all([
    import('./preview-import'),
    import('./slices'),
  ]);
  const preview = await previewImport({ ...options, bytes: new Uint8Array(options.bytes), pause: createPause() });
  return summarisePreview(preview, options.existing);
}

/** Previews importing a file's bytes into `existing`; rejects with ImportError for a file that cannot be read. */
export function previewFile(options: PreviewOptions): Promise<PreviewSummary> {
  if (typeof Worker === 'undefined') return previewHere(options);
  const worker = new ImportWorker();
  return new Promise<PreviewSummary>((resolve, reject) => {
    let heard = false;
    const finish = (settle: () => void) => {
      worker.terminate();
      settle();
    };
    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
      if (!heard) performance.mark('paper-lens:import-worker');
      heard = true;
      const data = event.data;
      if (data.type === 'match') {
        options.matchTitles(data.titles).then(
          (matches) => worker.postMessage({ type: 'matched', ask: data.ask, matches } satisfies ToWorker),
          (error: unknown) => finish(() => reject(error)),
        );
      } else if (data.type === 'done') finish(() => resolve(data.preview));
      else finish(() => reject(data.importError ? new ImportError(data.message) : new Error(data.message)));
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      // A worker that never loaded: the preview still happens, here, in slices.
      if (!heard) finish(() => resolve(previewHere(options)));
      else finish(() => reject(new Error(`The import preview stopped (${event.message || 'worker error'}).`)));
    });
    const { bytes, fileName, existing, now } = options;
    // Copied, not transferred: a worker that fails to load leaves the bytes for previewHere.
    worker.postMessage({ type: 'preview', bytes, fileName, existing, now } satisfies ToWorker);
  });
}
