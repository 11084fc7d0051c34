import type { RelatedModel } from '../related/model';
import { createRelatedRanker } from '../related/rank-related';
import type { CorpusBundle } from '../service/corpus-service';
import type { Paper } from './types';

/** How many related papers are precomputed per corpus paper; longer lists are ranked live. */
export const PRECOMPUTED_RELATED = 12;

/** Precomputes every paper's related work into the bundle the extension ships. */
export function createBundle(papers: Paper[], model: RelatedModel, k = PRECOMPUTED_RELATED): CorpusBundle {
  const ranker = createRelatedRanker(model);
  const related = papers.map((_, index) => {
    const hits = ranker.rankPaper(index, k);
    return { index: hits.map((h) => h.index), score: hits.map((h) => h.score), terms: hits.map((h) => h.terms) };
  });
  return { version: 1, papers, related };
}
