import { analysePaper, type AnalysedText } from './analyze';
import type { PaperEmbeddings } from './embeddings';
import { EXACT_LIMIT, indexDocs, nearestNeighbours } from './doc-index';
import { computeLatentSpace, FAST_SOLVER, PLAIN_SOLVER, type LatentSpace } from './lsa';

/** A sparse, L2-normalised term vector; `ids` ascending. */
export interface SparseVector {
  ids: number[];
  weights: number[];
}

/** The vector-space model behind related work, built once from the corpus and bundled. */
export interface RelatedModel {
  /** Terms: unigram stems and 'stem stem' bigrams. */
  terms: string[];
  /** The most common written form of each term, for reasons. */
  display: string[];
  idf: number[];
  docs: SparseVector[];
  /** LSA of the TF-IDF matrix. */
  latent: LatentSpace;
  /**
   * Each paper's nearest papers by TF-IDF cosine (up to `sharedNeighbours`, best first): the profiles
   * of shared-neighbour similarity. Found at build time, because finding them at run time is a scan
   * of the corpus per paper, quadratic in its size; their cosines are recomputed when a query first
   * touches a paper (20 sparse dot products), exact and cheaper to ship than the numbers. A model
   * without them (written before they were shipped) has them computed when the ranker is created.
   */
  neighbours?: number[][];
  /**
   * Sentence embeddings of the papers, made at build time for the real corpus (none for synthetic
   * ones): a fourth view, of meaning rather than words, for corpus papers only.
   */
  embeddings?: PaperEmbeddings;
  options: RelatedOptions;
}

/** Knobs of the model; the defaults are the ones measured best on the judged set. */
export interface RelatedOptions {
  titleWeight: number;
  bigramWeight: number;
  minDf: number;
  maxDfShare: number;
  /** Latent dimensions (LSA) and the weight of latent cosine beside TF-IDF cosine. */
  lsaDims: number;
  lsaWeight: number;
  /** Shared-neighbour similarity: how many nearest papers make a paper's profile, and its weight. */
  sharedNeighbours: number;
  sharedWeight: number;
  /** Pseudo-relevance feedback: how many top papers add their own similarities, and with what weight. */
  feedbackDocs: number;
  feedbackWeight: number;
  /** The weight of embedding cosine, when the model has embeddings. */
  embeddingWeight: number;
}

export const DEFAULT_RELATED_OPTIONS: RelatedOptions = {
  titleWeight: 3,
  bigramWeight: 1,
  minDf: 2,
  maxDfShare: 0.5,
  lsaDims: 24,
  lsaWeight: 1,
  sharedNeighbours: 20,
  sharedWeight: 1,
  feedbackDocs: 3,
  feedbackWeight: 1,
  embeddingWeight: 0.5,
};

function sparseFromMap(entries: Map<number, number>): SparseVector {
  const ids = [...entries.keys()].sort((a, b) => a - b);
  const weights = ids.map((id) => entries.get(id)!);
  const norm = Math.sqrt(weights.reduce((sum, w) => sum + w * w, 0)) || 1;
  return { ids, weights: weights.map((w) => w / norm) };
}

/** Weights analysed counts against the model: sublinear tf times idf, bigrams scaled, L2-normalised. */
export function vectorize(
  model: Pick<RelatedModel, 'idf' | 'options'>,
  termIds: Map<string, number>,
  text: AnalysedText,
): SparseVector {
  const entries = new Map<number, number>();
  for (const [term, count] of text.counts) {
    const id = termIds.get(term);
    if (id === undefined) continue;
    const scale = term.includes(' ') ? model.options.bigramWeight : 1;
    entries.set(id, (1 + Math.log(count)) * model.idf[id]! * scale);
  }
  return sparseFromMap(entries);
}

/** Builds the model from the corpus papers, in corpus order. */
export function buildRelatedModel(
  papers: { title: string; abstract: string }[],
  options: RelatedOptions = DEFAULT_RELATED_OPTIONS,
  exactLimit = EXACT_LIMIT,
  embeddings?: PaperEmbeddings,
): RelatedModel {
  const analysed = papers.map((paper) => analysePaper(paper.title, paper.abstract, options.titleWeight));
  // Document frequencies: one map lookup per term occurrence, counts in a typed array.
  const seen = new Map<string, number>();
  let counts = new Int32Array(1024);
  for (const text of analysed) {
    for (const term of text.counts.keys()) {
      let at = seen.get(term);
      if (at === undefined) {
        seen.set(term, (at = seen.size));
        if (at === counts.length) {
          const grown = new Int32Array(counts.length * 2);
          grown.set(counts);
          counts = grown;
        }
      }
      counts[at]!++;
    }
  }
  const n = papers.length;
  const maxDf = Math.max(options.minDf, Math.floor(n * options.maxDfShare));
  const dfOf = (term: string) => counts[seen.get(term)!]!;
  const terms = [...seen.keys()].filter((term) => dfOf(term) >= options.minDf && dfOf(term) <= maxDf).sort();
  const termIds = new Map(terms.map((term, id) => [term, id]));
  const idf = terms.map((term) => Math.log((n + 1) / (dfOf(term) + 1)) + 1);
  // The written forms of the kept terms only (most terms are rare bigrams that are dropped).
  const surfaceCounts = terms.map(() => new Map<string, number>());
  for (const text of analysed) {
    for (const [term, surface] of text.surfaces) {
      const id = termIds.get(term);
      if (id === undefined) continue;
      const forms = surfaceCounts[id]!;
      forms.set(surface, (forms.get(surface) ?? 0) + 1);
    }
  }
  const display = surfaceCounts.map(mostCommon);
  const partial = { idf, options };
  const docs = analysed.map((text) => vectorize(partial, termIds, text));
  // Up to exactLimit papers: exact neighbour lists (a full scan per paper: quadratic) and the plain
  // LSA solver the judged set was tuned on; beyond: candidate-based neighbour lists and the fast
  // solver (about half the work in products with X X^T). See EXACT_LIMIT.
  const solver = n <= exactLimit ? PLAIN_SOLVER : FAST_SOLVER;
  const latent = computeLatentSpace(docs, terms.length, options.lsaDims, solver);
  const rounded = docs.map(roundVector);
  // Neighbours of the rounded vectors: the ones the ranker scores with.
  const neighbours = nearestNeighbours(indexDocs(rounded, terms.length), options.sharedNeighbours, exactLimit);
  return { terms, display, idf, docs: rounded, latent, neighbours, ...(embeddings && { embeddings }), options };
}

/** Four significant digits are plenty for ranking and halve the bundled model. */
function roundVector(vector: SparseVector): SparseVector {
  return { ids: vector.ids, weights: vector.weights.map((w) => Number(w.toPrecision(4))) };
}

function mostCommon(forms: Map<string, number>): string {
  let best = '';
  let bestCount = -1;
  for (const [form, count] of forms) {
    if (count > bestCount || (count === bestCount && form < best)) {
      best = form;
      bestCount = count;
    }
  }
  return best;
}
