import type { SparseVector } from './model';
import { topK } from './top-k';

/**
 * The corpus's TF-IDF vectors (as the model holds them) and each term's postings as flat typed
 * arrays (compressed columns, papers ascending): two passes over the nonzeros, not one array per
 * term, which is what keeps loading a 50,000-paper model fast.
 */
export interface DocIndex {
  docs: number;
  terms: number;
  vectors: readonly SparseVector[];
  postingStarts: Int32Array;
  postingDocs: Int32Array;
  postingWeights: Float64Array;
}

export function indexDocs(vectors: readonly SparseVector[], terms: number): DocIndex {
  const docs = vectors.length;
  const postingStarts = new Int32Array(terms + 1);
  for (const { ids } of vectors) for (let i = 0; i < ids.length; i++) postingStarts[ids[i]! + 1]!++;
  for (let t = 0; t < terms; t++) postingStarts[t + 1]! += postingStarts[t]!;
  const fill = postingStarts.slice(0, terms);
  const postingDocs = new Int32Array(postingStarts[terms]!);
  const postingWeights = new Float64Array(postingStarts[terms]!);
  for (let d = 0; d < docs; d++) {
    const { ids, weights } = vectors[d]!;
    for (let i = 0; i < ids.length; i++) {
      const at = fill[ids[i]!]!++;
      postingDocs[at] = d;
      postingWeights[at] = weights[i]!;
    }
  }
  return { docs, terms, vectors, postingStarts, postingDocs, postingWeights };
}

/** Adds the query's cosine with every paper into `out` (term by term over the postings). */
export function cosineInto(index: DocIndex, query: SparseVector, out: Float64Array): void {
  const { postingStarts, postingDocs, postingWeights } = index;
  for (let i = 0; i < query.ids.length; i++) {
    const w = query.weights[i]!;
    const id = query.ids[i]!;
    for (let p = postingStarts[id]!; p < postingStarts[id + 1]!; p++) out[postingDocs[p]!]! += w * postingWeights[p]!;
  }
}

/**
 * One paper's cosine with a query scattered into `dense` (query weight per term id, zeros elsewhere).
 * Sums in the same order as `cosineInto` (ascending term id), so both give the same number to the bit.
 */
export function cosineWithDense(index: DocIndex, doc: number, dense: Float64Array): number {
  const { ids, weights } = index.vectors[doc]!;
  let sum = 0;
  for (let i = 0; i < ids.length; i++) sum += dense[ids[i]!]! * weights[i]!;
  return sum;
}

export function scatter(dense: Float64Array, vector: SparseVector, clear = false): void {
  for (let i = 0; i < vector.ids.length; i++) dense[vector.ids[i]!] = clear ? 0 : vector.weights[i]!;
}

/** How many of a query's heaviest terms propose candidates, and how deep each term's list is read. */
export const CANDIDATE_TERMS = 40;
export const CANDIDATE_POSTINGS = 400;

/**
 * Candidate generation for large corpora: every term's postings reordered by weight (impact order)
 * and cut at CANDIDATE_POSTINGS, so a common term ('language model') costs no more than a rare one.
 * A query's heaviest terms are read through these lists; the papers with the highest partial dot
 * products are the candidates, which the caller then scores exactly. The work per query is bounded
 * (CANDIDATE_TERMS x CANDIDATE_POSTINGS), whatever the corpus size.
 */
export interface CandidateIndex {
  /** Up to `count` papers (never `exclude`) by descending partial dot product with the query. */
  candidates(query: SparseVector, count: number, exclude: number): number[];
}

export function createCandidateIndex(
  index: DocIndex,
  depth = CANDIDATE_POSTINGS,
  queryTerms = CANDIDATE_TERMS,
): CandidateIndex {
  const starts = new Int32Array(index.terms + 1);
  for (let t = 0; t < index.terms; t++)
    starts[t + 1] = starts[t]! + Math.min(depth, index.postingStarts[t + 1]! - index.postingStarts[t]!);
  const docs = new Int32Array(starts[index.terms]!);
  const weights = new Float64Array(starts[index.terms]!);
  for (let t = 0; t < index.terms; t++) {
    const from = index.postingStarts[t]!;
    const to = index.postingStarts[t + 1]!;
    const order = Array.from({ length: to - from }, (_, i) => from + i);
    if (to - from > depth)
      order.sort((a, b) => index.postingWeights[b]! - index.postingWeights[a]! || a - b).length = depth;
    order.forEach((p, i) => {
      docs[starts[t]! + i] = index.postingDocs[p]!;
      weights[starts[t]! + i] = index.postingWeights[p]!;
    });
  }
  const partial = new Float64Array(index.docs);
  return {
    candidates(query, count, exclude) {
      const heaviest = topK(query.weights, queryTerms);
      const touched: number[] = [];
      for (const i of heaviest) {
        const id = query.ids[i]!;
        const w = query.weights[i]!;
        for (let p = starts[id]!; p < starts[id + 1]!; p++) {
          const d = docs[p]!;
          if (partial[d] === 0) touched.push(d);
          partial[d]! += w * weights[p]!;
        }
      }
      const best = topK(partial, count, exclude, touched);
      for (const d of touched) partial[d] = 0;
      return best;
    },
  };
}

/**
 * Corpus size above which the build switches to its scalable path: candidate-based neighbour lists
 * (here), the fast LSA solver (model.ts) and precomputed related work ranked over candidates
 * (corpus/bundle.ts). Up to it the build is exact, as the judged set was tuned, and the precomputed
 * lists equal what the live ranker answers; the exact path is quadratic (a full scan per paper) but
 * takes only seconds at 2,000 papers. Forced on the real corpus, the scalable path scores the same
 * on the judged set (tests/unit/related.test.ts).
 */
export const EXACT_LIMIT = 2000;

/** How many candidates are scored exactly to find a paper's nearest neighbours in candidate mode. */
const NEIGHBOUR_CANDIDATES = 100;

/**
 * Every paper's `count` nearest papers by TF-IDF cosine (only those above zero), best first. Up to
 * `exactLimit` papers each is a full scan over the postings (exact, quadratic in all); above it 100
 * candidates per paper come from the impact-ordered postings and are scored exactly (bounded work
 * per paper; 99.98% of the exact lists at 10,000 synthetic papers).
 */
export function nearestNeighbours(index: DocIndex, count: number, exactLimit = EXACT_LIMIT): number[][] {
  const vectors = index.vectors;
  const n = index.docs;
  const out: number[][] = [];
  if (n <= exactLimit) {
    const scores = new Float64Array(n);
    for (let d = 0; d < n; d++) {
      scores.fill(0);
      cosineInto(index, vectors[d]!, scores);
      out.push(topK(scores, count, d).filter((t) => scores[t]! > 0));
    }
    return out;
  }
  const candidateIndex = createCandidateIndex(index);
  const dense = new Float64Array(index.terms);
  const scores = new Float64Array(n);
  for (let d = 0; d < n; d++) {
    const vector = vectors[d]!;
    const candidates = candidateIndex.candidates(vector, NEIGHBOUR_CANDIDATES, d);
    scatter(dense, vector);
    for (const c of candidates) scores[c] = cosineWithDense(index, c, dense);
    scatter(dense, vector, true);
    out.push(topK(scores, count, d, candidates).filter((t) => scores[t]! > 0));
    for (const c of candidates) scores[c] = 0;
  }
  return out;
}
