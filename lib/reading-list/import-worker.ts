// The import preview off the popup's main thread: a module worker the popup starts per file
// (preview-file.ts). It decodes, parses and plans the file and answers with the preview; titles
// are matched to the corpus by the background, which only the popup can message, so the worker
// asks the popup for each batch of matches.
/* oxlint-disable unicorn/require-post-message-target-origin -- a worker's postMessage takes no origin */
import { previewImport, summarisePreview, type MatchTitles } from './preview-import';
import { ImportError } from './types';
import type { FromWorker, ToWorker } from './preview-file';

const scope = self as unknown as {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
};

const waiting = new Map<number, (matches: ({ id: string } | null)[]) => void>();
let nextAsk = 0;

const matchTitles: MatchTitles = (titles) =>
  new Promise((resolve) => {
    const ask = nextAsk++;
    waiting.set(ask, resolve);
    scope.postMessage({ type: 'match', ask, titles });
  });

scope.addEventListener('message', (event) => {
  const data = event.data;
  if (data.type === 'matched') {
    waiting.get(data.ask)?.(data.matches);
    waiting.delete(data.ask);
    return;
  }
  const { bytes, fileName, existing, now } = data;
  // No pauses: nothing else runs on this thread.
  previewImport({ bytes: new Uint8Array(bytes), fileName, existing, matchTitles, pause: async () => {}, now }).then(
    (preview) => scope.postMessage({ type: 'done', preview: summarisePreview(preview, existing) }),
    (error: unknown) =>
      scope.postMessage({
        type: 'failed',
        message: error instanceof Error ? error.message : String(error),
        importError: error instanceof ImportError,
      }),
  );
});
