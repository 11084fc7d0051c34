import type { DetectedPaper } from '../pages/types';
import { corpusKey, identityKeys, type PaperRef, type SavedPaper } from '../storage/saved-list';
import type { PaperMatch } from './match-queue';
import { reportError, type ContentApi } from './types';

/** The page's view of the saved list, kept in step with storage. */
export interface SavedSync {
  /** Resolves once the first read is in (or failed): badges wait for it, so none says 'Saved' late. */
  readonly ready: Promise<void>;
  /** Starts the first read; a change that arrives while it is under way wins over it. */
  read(): void;
  /** Whether the paper `ref` names is saved, by any of its identities. */
  isSaved(ref: PaperRef): boolean;
  /** Whether the corpus paper `id` is saved. */
  isSavedId(id: string): boolean;
  /** Saves the paper, or removes it when it is saved. */
  toggle(ref: PaperRef): void;
  /** Stops following storage. */
  stop(): void;
}

/** What a badge's paper is, for the saved list: its match when it has one, the page's own title else. */
export function paperRefOf(detected: DetectedPaper, match: PaperMatch | null, url: string): PaperRef {
  return { title: match?.title ?? detected.title, corpusId: match?.id ?? null, arxivId: detected.arxivId, url };
}

/** Follows the saved list from now on; `onChange` runs after each change is applied. */
export function createSavedSync(api: ContentApi, onChange: () => void): SavedSync {
  let keys = new Set<string>();
  /** Changes seen so far: a read that began before one of them is older than it. */
  let changes = 0;
  const apply = (papers: SavedPaper[]) => {
    keys = new Set(papers.flatMap((paper) => identityKeys(paper)));
    onChange();
  };
  const unwatch = api.watchSaved((papers) => {
    changes++;
    apply(papers);
  });
  let ready = Promise.resolve();
  const sync: SavedSync = {
    get ready() {
      return ready;
    },
    read() {
      const before = changes;
      ready = api
        .readSaved()
        .catch(() => [])
        .then((papers) => {
          if (changes === before) apply(papers);
        });
    },
    isSaved: (ref) => identityKeys(ref).some((key) => keys.has(key)),
    isSavedId: (id) => keys.has(corpusKey(id)),
    toggle(ref) {
      (sync.isSaved(ref) ? api.unsavePaper(ref) : api.savePaper(ref)).catch(reportError);
    },
    stop: unwatch,
  };
  return sync;
}
