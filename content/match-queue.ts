import type { AnswerOf } from '../lib/messaging/messages';
import { FIRST_CHUNK } from './frame-scheduler';

/** The corpus paper a title matched. */
export interface PaperMatch {
  id: string;
  title: string;
  /** Matched by its title's head alone (the part before the colon): weaker evidence. */
  probable: boolean;
}

/** Titles per message after the first: each answer waits behind the page's frames, so a few large
 * messages come back sooner than many small ones (bench/content-scan.md). */
export const MATCH_BATCH = 2500;

/** Every title's match, asked of the background once per page. */
export interface MatchQueue {
  /** The match of a title already asked about: a paper, null for none, undefined when not asked yet. */
  get(title: string): PaperMatch | null | undefined;
  /**
   * Hands `onReady` the items whose titles are matched already, then asks about the rest: the first
   * FIRST_CHUNK titles in one message, so the top of the page comes back quickly, then the others in
   * messages of up to MATCH_BATCH, all in parallel; each message's items go to `onReady` as soon as
   * its answer is cached. Resolves when every answer is in; rejects when a message failed.
   */
  match<T extends { title: string }>(items: readonly T[], onReady: (items: T[]) => void): Promise<void>;
}

/** A queue that asks `matchTitles` and caches every answer, a miss included. */
export function createMatchQueue(matchTitles: (titles: string[]) => Promise<AnswerOf<'matchTitles'>>): MatchQueue {
  const cache = new Map<string, PaperMatch | null>();
  return {
    get: (title) => cache.get(title),
    async match(items, onReady) {
      const ready: (typeof items)[number][] = [];
      const waiting = new Map<string, (typeof items)[number][]>();
      for (const item of items) {
        if (cache.has(item.title)) ready.push(item);
        else waiting.set(item.title, [...(waiting.get(item.title) ?? []), item]);
      }
      if (ready.length > 0) onReady(ready);
      const unknown = [...waiting.keys()];
      const batches: string[][] = [];
      if (unknown.length > 0) batches.push(unknown.slice(0, FIRST_CHUNK));
      for (let i = FIRST_CHUNK; i < unknown.length; i += MATCH_BATCH) batches.push(unknown.slice(i, i + MATCH_BATCH));
      await Promise.all(
        batches.map(async (batch) => {
          const results = await matchTitles(batch);
          batch.forEach((title, i) => {
            const match = results[i];
            cache.set(title, match ? { id: match.id, title: match.title, probable: match.kind === 'head' } : null);
          });
          onReady(batch.flatMap((title) => waiting.get(title) ?? []));
        }),
      );
    },
  };
}
