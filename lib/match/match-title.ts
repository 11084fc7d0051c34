import { cleanPageTitle } from '../text/clean-title';
import { matchKey } from '../text/normalize';
import { alignStrings, type Alignment } from './align';
import { buildTitleIndex, gramsOf, postingsOf, type TitleIndex, type TitleRecord } from './title-index';

export type { TitleRecord } from './title-index';

/** One scored candidate: 1 is an exact key match. */
export interface TitleCandidate {
  id: string;
  title: string;
  score: number;
  /**
   * 'title' when the query is the paper's title; 'head' when it is only the part before the
   * title's colon, which names the paper probably rather than surely.
   */
  kind: 'title' | 'head';
}

/** What a title lookup found: the match (or null) and the nearest candidates considered. */
export interface TitleMatch {
  match: TitleCandidate | null;
  candidates: TitleCandidate[];
}

/** Matches page titles against the corpus. */
export interface TitleMatcher {
  match(query: string): TitleMatch;
}

const MAX_GRAMS_USED = 28;
const CANDIDATES_ALIGNED = 4;
const CANDIDATES_SHOWN = 5;
const MIN_TRUNCATED_LENGTH = 14;
const MIN_TRUNCATED_SHARE = 0.35;
const MAX_TYPO_RUN = 2;

/** How many character slips a key of this length may carry and still count as the same title. */
function editBudget(length: number): number {
  if (length < 12) return 0;
  if (length < 24) return 1;
  if (length < 48) return 2;
  if (length < 90) return 3;
  return 4;
}

/** A slip is a typo when it is short and touches no version marker; anything else is another title. */
function isTypoLike(alignment: Alignment): boolean {
  return !alignment.touchesVersion && alignment.runs.every((run) => run <= MAX_TYPO_RUN);
}

/**
 * Builds the title matcher: exact lookup on the matching key first, then a trigram index proposes
 * a few candidates and a banded alignment decides. FlexSearch's token index cannot see inside a
 * misspelt word or a title cut mid-word, which is why the matcher keeps its own character index.
 */
export function createTitleMatcher(records: readonly TitleRecord[]): TitleMatcher {
  return matcherOverIndex(buildTitleIndex(records));
}

/** The matcher over a prebuilt index (the extension reads one the build step wrote). */
export function matcherOverIndex(titleIndex: TitleIndex): TitleMatcher {
  const { keys, byKey, byHead, headKeys } = titleIndex;
  const counts = new Uint16Array(keys.length);

  const candidateOf = (at: number, score: number, kind: TitleCandidate['kind'] = 'title'): TitleCandidate => ({
    id: titleIndex.ids[at]!,
    title: titleIndex.titles[at]!,
    score: Math.round(score * 1000) / 1000,
    kind,
  });

  /** A query that is a distinctive head with at most a typo or two, and fits no other head as well. */
  function matchHead(key: string, proposed: readonly { index: number }[]): TitleCandidate | null {
    const budget = editBudget(key.length);
    let best: { index: number; distance: number } | null = null;
    let tied = false;
    for (const { index } of proposed) {
      const head = headKeys[index]!;
      if (!head) continue;
      const alignment = alignStrings(key, head, budget, false);
      if (!alignment || !isTypoLike(alignment)) continue;
      if (!best || alignment.distance < best.distance) {
        tied = false;
        best = { index, distance: alignment.distance };
      } else if (alignment.distance === best.distance) tied = true;
    }
    if (!best || tied) return null;
    return candidateOf(best.index, 1 - best.distance / key.length, 'head');
  }

  const better = (a: number, b: number) => counts[a]! - counts[b]! || keys[b]!.length - keys[a]!.length || b - a;

  /** The few titles sharing the most trigrams with the key (ties: shorter first), with how many they share. */
  function propose(key: string): { used: number; top: { index: number; shared: number }[] } {
    const grams = gramsOf(key)
      .map((gram) => postingsOf(titleIndex, gram))
      .filter((list) => list !== undefined)
      .sort((a, b) => a.length - b.length)
      .slice(0, MAX_GRAMS_USED);
    const touched: number[] = [];
    for (const list of grams) {
      for (const index of list) {
        if (counts[index] === 0) touched.push(index);
        counts[index]!++;
      }
    }
    // A partial selection, not a sort of every touched title: only the best few are ever aligned.
    const wanted = CANDIDATES_ALIGNED + 2;
    const top: number[] = [];
    for (const index of touched) {
      if (top.length === wanted && better(index, top[wanted - 1]!) <= 0) continue;
      let at = Math.min(top.length, wanted - 1);
      top[at] = index;
      while (at > 0 && better(top[at]!, top[at - 1]!) > 0) {
        [top[at], top[at - 1]] = [top[at - 1]!, top[at]!];
        at--;
      }
    }
    const result = top.map((index) => ({ index, shared: counts[index]! }));
    for (const index of touched) counts[index] = 0;
    return { used: grams.length, top: result };
  }

  function match(query: string): TitleMatch {
    const { text, truncated } = cleanPageTitle(query);
    const key = matchKey(text);
    if (key.length < 2) return { match: null, candidates: [] };
    const exact = byKey.get(key);
    if (exact !== undefined) {
      const found = candidateOf(exact, 1);
      return { match: found, candidates: [found] };
    }
    const exactHead = truncated ? undefined : byHead.get(key);
    if (exactHead !== undefined) {
      const found = candidateOf(exactHead, 1, 'head');
      return { match: found, candidates: [found] };
    }
    const budget = editBudget(key.length);
    const scored: { index: number; score: number; alignment: Alignment | null }[] = [];
    const { used, top } = propose(key);
    for (const { index, shared } of top) {
      const target = keys[index]!;
      // One edit removes at most four of the key's trigrams from the target (a transposition spans
      // four), so a title missing more than 4 x budget of them cannot align within budget: skip it.
      const alignment = used - shared > 4 * budget ? null : alignStrings(key, target, budget, truncated);
      const covered = alignment ? alignment.keyLength : target.length;
      const score = alignment
        ? 1 - alignment.distance / Math.max(key.length, covered)
        : sharedPrefixScore(key, target, truncated);
      scored.push({ index, score, alignment });
    }
    scored.sort((a, b) => b.score - a.score);
    const candidates = scored.slice(0, CANDIDATES_SHOWN).map((s) => candidateOf(s.index, s.score));
    const best = scored[0];
    if (!best?.alignment || !isTypoLike(best.alignment)) {
      const head = truncated ? null : matchHead(key, top);
      return head
        ? { match: head, candidates: [head, ...candidates.filter((c) => c.id !== head.id)] }
        : { match: null, candidates };
    }
    if (truncated) {
      const target = keys[best.index]!;
      if (key.length < MIN_TRUNCATED_LENGTH || key.length < target.length * MIN_TRUNCATED_SHARE) {
        return { match: null, candidates };
      }
      // A cut title that fits two corpus titles equally well names neither.
      const runnerUp = scored[1];
      if (runnerUp?.alignment && runnerUp.alignment.distance <= best.alignment.distance) {
        return { match: null, candidates };
      }
    }
    return { match: candidateOf(best.index, best.score), candidates };
  }

  return { match };
}

/** A rough similarity for candidates the alignment rejected, so the CLI can still rank them. */
function sharedPrefixScore(query: string, key: string, truncated: boolean): number {
  let same = 0;
  while (same < query.length && same < key.length && query[same] === key[same]) same++;
  const whole = truncated ? query.length : Math.max(query.length, key.length);
  return Math.min(0.99, (same / whole) * 0.9);
}
