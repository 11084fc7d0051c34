// The page's save toggles: what a click on a badge asks of the background, and what the badge may
// claim meanwhile. A badge says "saved" only when the list (read from storage) holds the paper; while
// a change is on its way it says so, and a change that failed says so until it is tried again.
import { createPaperFinder, identityKeys, type PaperRef, type SavedPaper } from '../lib/reading-list/saved-list';
import type { BadgeStatus } from './badge';

/** Where a paper stands for its badge. */
export type SaveState = 'saved' | 'unsaved' | 'saving' | 'removing' | 'save-failed' | 'remove-failed';

/** What the toggles need: the background's save and unsave, and a call when a paper's state changed. */
export interface SaveToggleDeps {
  save(ref: PaperRef): Promise<unknown>;
  unsave(ref: PaperRef): Promise<unknown>;
  onChange(): void;
  /** An answer later than this is a failure (the worker never answered); the change may still land. */
  timeoutMs?: number;
  /** How long a change that was answered waits for the list to show it before the list is believed. */
  settleMs?: number;
}

/** The save toggles of one page. */
export interface SaveToggles {
  /** The list as read from storage (first read, then every change). */
  setList(papers: readonly SavedPaper[]): void;
  /** Whether the list holds the paper. */
  holds(ref: PaperRef): boolean;
  stateOf(ref: PaperRef): SaveState;
  /** A click: saves or removes (the opposite of what the badge shows), or retries a failed change. */
  toggle(ref: PaperRef): void;
  /** Why the paper's last change failed, fit to show; null when it did not. */
  errorOf(ref: PaperRef): string | null;
}

interface Change {
  /** Saved (true) or removed (false): what the person asked for last. */
  want: boolean;
  /** The attempt on its way; null when none is. */
  attempt: number | null;
  /** What the attempt on its way asks for. */
  sent: boolean;
  failed: string | null;
  settle: ReturnType<typeof setTimeout> | undefined;
  /** The paper as its badge last named it. */
  ref: PaperRef;
}

const TIMEOUT_MS = 30_000;
const SETTLE_MS = 3_000;

/** One change per paper, however its badges name it. */
const keyOf = (ref: PaperRef) => identityKeys(ref)[0] ?? '';

/** Creates a page's save toggles; one change per paper is on its way at a time. */
export function createSaveToggles(deps: SaveToggleDeps): SaveToggles {
  const timeoutMs = deps.timeoutMs ?? TIMEOUT_MS;
  const settleMs = deps.settleMs ?? SETTLE_MS;
  let find = createPaperFinder<SavedPaper>([]);
  const changes = new Map<string, Change>();
  let attempts = 0;
  const holds = (ref: PaperRef) => find(ref) !== undefined;

  /** A change answered, or failed, whose wish the list now shows is over: the list speaks again. */
  function settle(key: string, change: Change, ref = change.ref): void {
    if (change.attempt !== null || holds(ref) !== change.want) return;
    clearTimeout(change.settle);
    changes.delete(key);
  }

  function send(key: string, change: Change): void {
    const { ref } = change;
    const attempt = ++attempts;
    const want = change.want;
    change.attempt = attempt;
    change.sent = want;
    change.failed = null;
    clearTimeout(change.settle);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Paper Lens did not answer in time')), timeoutMs);
    });
    Promise.race([want ? deps.save(ref) : deps.unsave(ref), late])
      .then(
        () => {
          if (change.attempt !== attempt) return;
          change.attempt = null;
          // Clicked again while this one travelled: the newest wish goes next.
          if (change.want !== want) return send(key, change);
          settle(key, change, ref);
          // The list's change and the answer travel separately: the list is believed after a while.
          if (changes.get(key) === change) change.settle = setTimeout(() => drop(key, change), settleMs);
        },
        (error: unknown) => {
          if (change.attempt !== attempt) return;
          change.attempt = null;
          // Clicked again meanwhile: the newest wish goes, whatever became of this one.
          if (change.want !== want) return send(key, change);
          // Failed, but the list shows the wish anyway (a timed-out change that landed): nothing to retry.
          if (holds(ref) === change.want) return settle(key, change, ref);
          change.failed = error instanceof Error && error.message ? error.message : String(error);
        },
      )
      .finally(() => {
        clearTimeout(timer);
        deps.onChange();
      });
  }

  function drop(key: string, change: Change): void {
    if (changes.get(key) !== change || change.attempt !== null || change.failed) return;
    changes.delete(key);
    deps.onChange();
  }

  return {
    setList(papers) {
      find = createPaperFinder(papers);
      for (const [key, change] of changes) {
        // The list shows the change on its way: it was applied, and its answer (which a worker stopped
        // mid-answer may never send) is not waited for. A newer wish goes at once; a late answer is ignored.
        if (change.attempt !== null && holds(change.ref) === change.sent) {
          change.attempt = null;
          if (change.want !== change.sent) {
            send(key, change);
            continue;
          }
        }
        if (change.failed && holds(change.ref) === change.want) change.failed = null;
        if (!change.failed) settle(key, change);
      }
    },
    holds,
    stateOf(ref) {
      // Asked for every badge on every change of the list: most pages have no change on its way.
      const change = changes.size === 0 ? undefined : changes.get(keyOf(ref));
      const has = holds(ref);
      if (!change) return has ? 'saved' : 'unsaved';
      if (change.failed) return change.want ? 'save-failed' : 'remove-failed';
      if (change.attempt !== null || has !== change.want) return change.want ? 'saving' : 'removing';
      return has ? 'saved' : 'unsaved';
    },
    toggle(ref) {
      const key = keyOf(ref);
      let change = changes.get(key);
      if (change?.failed) {
        change.ref = ref;
        send(key, change);
        return deps.onChange();
      }
      const want = !(change ? change.want : holds(ref));
      if (!change) {
        change = { want, attempt: null, sent: want, failed: null, settle: undefined, ref };
        changes.set(key, change);
      }
      change.want = want;
      change.ref = ref;
      if (change.attempt === null) send(key, change);
      deps.onChange();
    },
    errorOf(ref) {
      return changes.size === 0 ? null : (changes.get(keyOf(ref))?.failed ?? null);
    },
  };
}

/** The badge's status for a paper's save state: the corpus match shows while nothing is saved. */
export function badgeStatusOf(state: SaveState, inCorpus: boolean): BadgeStatus {
  if (state === 'unsaved') return inCorpus ? 'corpus' : 'none';
  return state;
}
