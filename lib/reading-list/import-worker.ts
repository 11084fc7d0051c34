// The import preview off the popup's main thread: a module worker the popup starts per file
// (preview-file.ts). It reads the file, parses and plans it, answers with a small summary, and keeps
// the planned write until the popup asks for it part by part (on Apply). Titles are matched to the
// corpus by the background, which only the popup can message, so the worker asks the popup for each
// batch of matches.
/* oxlint-disable unicorn/require-post-message-target-origin -- a worker's postMessage takes no origin */
import { writeOfPlan, writeParts, type ImportWritePart } from './import-write';
import { previewImport, summarisePreview, type MatchTitles } from './preview-import';
import { ImportError } from './types';
import type { FromWorker, ToWorker } from './preview-file';

const scope = self as unknown as {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
};

const waiting = new Map<number, (matches: ({ id: string } | null)[]) => void>();
let nextAsk = 0;
let parts: ImportWritePart[] = [];

const matchTitles: MatchTitles = (titles) =>
  new Promise((resolve) => {
    const ask = nextAsk++;
    waiting.set(ask, resolve);
    scope.postMessage({ type: 'match', ask, titles });
  });

async function preview({ file, fileName, existing, now }: Extract<ToWorker, { type: 'preview' }>): Promise<void> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  // No pauses: nothing else runs on this thread.
  const made = await previewImport({ bytes, fileName, existing, matchTitles, pause: async () => {}, now });
  const write = writeOfPlan(made.plan, existing);
  parts = writeParts(write);
  const { basis, unchanged } = write;
  scope.postMessage({
    type: 'done',
    preview: summarisePreview(made),
    write: { basis, unchanged, parts: parts.length },
  });
}

scope.addEventListener('message', (event) => {
  const data = event.data;
  if (data.type === 'matched') {
    waiting.get(data.ask)?.(data.matches);
    waiting.delete(data.ask);
  } else if (data.type === 'part') {
    scope.postMessage({ type: 'part', index: data.index, part: parts[data.index] ?? { add: [], update: [] } });
  } else {
    preview(data).catch((error: unknown) =>
      scope.postMessage({
        type: 'failed',
        message: error instanceof Error ? error.message : String(error),
        importError: error instanceof ImportError,
      }),
    );
  }
});
