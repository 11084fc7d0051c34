import type { DetectedPaper } from '../lib/pages/types';
import type { PaperRef, SavedPaper } from '../lib/reading-list/saved-list';
import type { BadgeStatus } from './badge';
import type { PaperMatch } from './match-queue';
import { badgeStatusOf, createSaveToggles } from './save-toggle';
import type { ContentApi } from './types';

/** The page's view of the saved list, kept in step with storage. */
export interface SavedSync {
  /** Resolves once the first read is in (or failed): badges wait for it, so none says 'Saved' late. */
  readonly ready: Promise<void>;
  /** Starts the first read; a change that arrives while it is under way wins over it. */
  read(): void;
  /** Whether the list holds the paper `ref` names. */
  isSaved(ref: PaperRef): boolean;
  /** What a badge for the paper says, and why its last change failed (null when it did not). */
  statusOf(ref: PaperRef, inCorpus: boolean): { status: BadgeStatus; problem: string | null };
  /** Whether the corpus paper `id` is saved. */
  isSavedId(id: string): boolean;
  /** Saves the paper, or removes it when it is saved; retries a change that failed. */
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
  // A badge claims "saved" only once the list holds the paper; the toggles carry pending and failed changes.
  const toggles = createSaveToggles({
    save: (ref) => api.call('savePaper', ref),
    unsave: (ref) => api.call('unsavePaper', ref),
    onChange,
  });
  /** Changes seen so far: a read that began before one of them is older than it. */
  let changes = 0;
  const apply = (papers: SavedPaper[]) => {
    toggles.setList(papers);
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
    isSaved: (ref) => toggles.holds(ref),
    isSavedId: (id) => toggles.holds({ title: '', corpusId: id }),
    statusOf: (ref, inCorpus) => ({
      status: badgeStatusOf(toggles.stateOf(ref), inCorpus),
      problem: toggles.errorOf(ref),
    }),
    toggle: (ref) => toggles.toggle(ref),
    stop: unwatch,
  };
  return sync;
}
