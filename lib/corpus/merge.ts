import { matchKey } from '../text/normalize';
import { paperId } from './paper-id';
import type { Paper, SeedPaper } from './types';

/** A date with a year ('Jan 21, 2025') says more than the same date printed without one ('Jan 21'). */
function betterDate(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return !a.includes(',') && b.includes(',') ? b : a;
}

function maxOrNull(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

/**
 * Merges the same paper seen in several seed files into one record. Papers are the same when their
 * titles have the same matching key, so 'MMRL' and 'MMRL++' or 'ERNIE 2.0' and 'ERNIE 3.0' stay apart.
 */
export function mergeSeedPapers(seedPapers: SeedPaper[]): Paper[] {
  const byKey = new Map<string, Paper>();
  for (const seed of seedPapers) {
    const key = matchKey(seed.title);
    const known = byKey.get(key);
    if (!known) {
      byKey.set(key, {
        id: paperId(seed.title),
        title: seed.title,
        abstract: seed.abstract,
        authorCount: seed.authorCount,
        organisation: seed.organisation,
        date: seed.date,
        upvotes: seed.upvotes,
        sources: [seed.source],
      });
      continue;
    }
    if (seed.abstract.length > known.abstract.length) known.abstract = seed.abstract;
    known.authorCount ??= seed.authorCount;
    known.organisation ??= seed.organisation;
    known.date = betterDate(known.date, seed.date);
    known.upvotes = maxOrNull(known.upvotes, seed.upvotes);
    if (!known.sources.includes(seed.source)) known.sources.push(seed.source);
  }
  const papers = [...byKey.values()];
  assertUniqueIds(papers);
  return papers;
}

function assertUniqueIds(papers: Paper[]): void {
  const seen = new Map<string, string>();
  for (const paper of papers) {
    const other = seen.get(paper.id);
    if (other) throw new Error(`paper id collision: ${paper.id} for "${other}" and "${paper.title}"`);
    seen.set(paper.id, paper.title);
  }
}
