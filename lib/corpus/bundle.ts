import { EXACT_LIMIT } from '../related/doc-index';
import type { RelatedModel } from '../related/model';
import { createRelatedRanker } from '../related/rank-related';
import type { CorpusBundle } from './service';
import type { Paper } from './types';

/** How many related papers are precomputed per corpus paper; longer lists are ranked live. */
export const PRECOMPUTED_RELATED = 12;

/**
 * Precomputes every paper's related work into the bundle the extension ships. Up to EXACT_LIMIT
 * papers each list is ranked over the whole corpus (exact: what the live ranker answers); above it
 * each is ranked over its candidates (neighbours, their neighbours, papers its key terms propose),
 * bounded work per paper, so the build stays near-linear in the corpus size.
 */
export function createBundle(
  papers: Paper[],
  model: RelatedModel,
  k = PRECOMPUTED_RELATED,
  exactLimit = EXACT_LIMIT,
): CorpusBundle {
  const ranker = createRelatedRanker(model);
  const rank = papers.length <= exactLimit ? ranker.rankPaper : ranker.rankPaperAmongCandidates;
  const related = papers.map((_, index) => {
    const hits = rank(index, k);
    return { index: hits.map((h) => h.index), score: hits.map((h) => h.score), terms: hits.map((h) => h.terms) };
  });
  return { version: 1, papers, related };
}
