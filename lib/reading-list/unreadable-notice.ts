// Whether the person dismissed the notice about kept copies of unreadable data. A preference of the
// popup's, kept apart from the list: the popup writes it itself (the background's writer queue keeps
// the list and the copies, which this never touches). The notice comes back when a copy is added.
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { CopySummary } from './unreadable';

const NOTICE = 'local:savedListUnreadableDismissed' as const;

/** The copies as they were when the notice was dismissed: how many, and when the newest was made. */
export interface DismissedNotice {
  copies: number;
  newest: number;
}

/** What the dismissal records for these copies; null when there are none. */
export function noticeOf(kept: readonly CopySummary[]): DismissedNotice | null {
  const newest = kept.at(-1);
  return newest ? { copies: kept.length, newest: newest.copiedAt } : null;
}

/** True when the stored dismissal covers exactly these copies (none added since). */
export function isDismissed(stored: unknown, kept: readonly CopySummary[]): boolean {
  const now = noticeOf(kept);
  if (!now || typeof stored !== 'object' || stored === null) return false;
  const { copies, newest } = stored as Record<string, unknown>;
  return copies === now.copies && newest === now.newest;
}

/** The stored dismissal, as stored (checked by `isDismissed`). */
export async function readDismissal(): Promise<unknown> {
  return storage.getItem(NOTICE);
}

/** Records that the notice about these copies was dismissed. */
export async function dismissNotice(kept: readonly CopySummary[]): Promise<void> {
  await storage.setItem(NOTICE, noticeOf(kept));
}

/** Calls back with the stored dismissal whenever it changes, in any context (another popup, a tab). */
export function watchDismissal(callback: (stored: unknown) => void): () => void {
  const key = NOTICE.slice('local:'.length);
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && changes[key]) callback(changes[key].newValue ?? null);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
