import { analysePaper, type AnalysedText } from './analyze';
import { computeLatentSpace, type LatentSpace } from './lsa';

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
): RelatedModel {
  const analysed = papers.map((paper) => analysePaper(paper.title, paper.abstract, options.titleWeight));
  const df = new Map<string, number>();
  const surfaceCounts = new Map<string, Map<string, number>>();
  for (const text of analysed) {
    for (const term of text.counts.keys()) df.set(term, (df.get(term) ?? 0) + 1);
    for (const [term, surface] of text.surfaces) {
      let forms = surfaceCounts.get(term);
      if (!forms) surfaceCounts.set(term, (forms = new Map()));
      forms.set(surface, (forms.get(surface) ?? 0) + 1);
    }
  }
  const n = papers.length;
  const maxDf = Math.max(options.minDf, Math.floor(n * options.maxDfShare));
  const terms = [...df.keys()].filter((term) => df.get(term)! >= options.minDf && df.get(term)! <= maxDf).sort();
  const termIds = new Map(terms.map((term, id) => [term, id]));
  const idf = terms.map((term) => Math.log((n + 1) / (df.get(term)! + 1)) + 1);
  const display = terms.map((term) => mostCommon(surfaceCounts.get(term)!));
  const partial = { idf, options };
  const docs = analysed.map((text) => vectorize(partial, termIds, text));
  const latent = computeLatentSpace(docs, terms.length, options.lsaDims);
  return { terms, display, idf, docs: docs.map(roundVector), latent, options };
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
