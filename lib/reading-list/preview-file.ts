// The popup's import preview of a chosen file. Reading, parsing (the BibTeX parser) and planning run
// in a module worker (import-worker.ts), so the popup's main thread only hands it the File, relays
// title matches to the background and receives a small summary; the planned write stays in the
// worker until Apply fetches it part by part. A 7,000-entry file never blocks the popup.
// Where no worker can start (a test DOM without workers), the same preview runs here in slices.
/* oxlint-disable unicorn/require-post-message-target-origin -- a worker's postMessage takes no origin */
// Vite's ?worker import, not new Worker(new URL(..., import.meta.url)): WXT defines import.meta.url
// as self.location.href for its service worker, which hides that pattern from Vite's worker bundling.
import ImportWorker from './import-worker?worker';
import type { ImportWritePart } from './import-write';
import type { MatchTitles, PreviewSummary } from './preview-import';
import type { SavedPaper } from './saved-list';
import { ImportError } from './types';

/** Messages from the popup to the worker. */
export type ToWorker =
  | { type: 'preview'; file: Blob; fileName: string; existing: SavedPaper[]; now: number }
  | { type: 'matched'; ask: number; matches: ({ id: string } | null)[] }
  | { type: 'part'; index: number };

/** What the popup holds of the planned write: enough to send it, part by part. */
export interface WriteHandle {
  basis: string;
  unchanged: number;
  parts: number;
}

/** Messages from the worker to the popup. */
export type FromWorker =
  | { type: 'match'; ask: number; titles: string[] }
  | { type: 'done'; preview: PreviewSummary; write: WriteHandle }
  | { type: 'part'; index: number; part: ImportWritePart }
  | { type: 'failed'; message: string; importError: boolean };

/** A preview, and its write to fetch part by part until closed. */
export interface PreviewedFile {
  preview: PreviewSummary;
  write: WriteHandle;
  part(index: number): Promise<ImportWritePart>;
  /** Lets the planned write go (the worker ends); call on Apply done, Cancel or another file. */
  close(): void;
}

interface PreviewOptions {
  file: Blob;
  fileName: string;
  existing: SavedPaper[];
  matchTitles: MatchTitles;
  now: number;
}

/** The preview on this thread, in slices of at most 25 ms (see slices.ts). */
async function previewHere(options: PreviewOptions): Promise<PreviewedFile> {
  const [{ previewImport, summarisePreview }, { writeOfPlan, writeParts }, { createPause }] = await Promise.all([
    import('./preview-import'),
    import('./import-write'),
    import('./slices'),
  ]);
  const bytes = new Uint8Array(await options.file.arrayBuffer());
  const made = await previewImport({ ...options, bytes, pause: createPause() });
  const write = writeOfPlan(made.plan, options.existing);
  const parts = writeParts(write);
  return {
    preview: summarisePreview(made),
    write: { basis: write.basis, unchanged: write.unchanged, parts: parts.length },
    part: async (index) => parts[index] ?? { add: [], update: [] },
    close: () => undefined,
  };
}

/** Previews importing a file into `existing`; rejects with ImportError for a file that cannot be read. */
export function previewFile(options: PreviewOptions): Promise<PreviewedFile> {
  if (typeof Worker === 'undefined') return previewHere(options);
  const worker = new ImportWorker();
  const parts = new Map<number, (part: ImportWritePart) => void>();
  return new Promise<PreviewedFile>((resolve, reject) => {
    let heard = false;
    const fail = (error: unknown) => {
      worker.terminate();
      reject(error);
    };
    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
      if (!heard) performance.mark('paper-lens:import-worker');
      heard = true;
      const data = event.data;
      if (data.type === 'match') {
        options
          .matchTitles(data.titles)
          .then((matches) => worker.postMessage({ type: 'matched', ask: data.ask, matches } satisfies ToWorker), fail);
      } else if (data.type === 'part') {
        parts.get(data.index)?.(data.part);
        parts.delete(data.index);
      } else if (data.type === 'done') {
        resolve({
          preview: data.preview,
          write: data.write,
          part: (index) =>
            new Promise((resolvePart) => {
              parts.set(index, resolvePart);
              worker.postMessage({ type: 'part', index } satisfies ToWorker);
            }),
          close: () => worker.terminate(),
        });
      } else fail(data.importError ? new ImportError(data.message) : new Error(data.message));
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      worker.terminate();
      // A worker that never loaded: the preview still happens, here, in slices.
      if (!heard) resolve(previewHere(options));
      else reject(new Error(`The import preview stopped (${event.message || 'worker error'}).`));
    });
    const { file, fileName, existing, now } = options;
    worker.postMessage({ type: 'preview', file, fileName, existing, now } satisfies ToWorker);
  });
}
