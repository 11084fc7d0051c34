import { analysePaper } from './analyze';
import { docEmbedding, queryEmbedding } from './lsa';
import { vectorize, type RelatedModel, type SparseVector } from './model';

/** One related paper: its corpus index, its similarity, and the key terms it shares. */
export interface RelatedHit {
  index: number;
  score: number;
  terms: string[];
}

/** Ranks corpus papers by relatedness to a corpus paper or to any title and abstract. */
export interface RelatedRanker {
  rankPaper(index: number, k: number): RelatedHit[];
  rankText(title: string, abstract: string, k: number): RelatedHit[];
}

const REASON_TERMS = 3;

/** What a query is, for scoring: its TF-IDF vector and, for a corpus paper, its index. */
interface Query {
  vector: SparseVector;
  self: number;
}

/**
 * Builds the ranker. A paper's relatedness to a query blends three views of the corpus:
 * TF-IDF cosine (shared words), LSA cosine (shared topics through other words) and shared
 * neighbours (both near the same papers); the query is then expanded with its top papers
 * (pseudo-relevance feedback). Each view added precision on the judged set (scripts/eval-related.ts).
 */
export function createRelatedRanker(model: RelatedModel): RelatedRanker {
  const n = model.docs.length;
  const { lsaWeight, sharedNeighbours, sharedWeight, feedbackDocs, feedbackWeight } = model.options;
  const postingDocs: number[][] = model.terms.map(() => []);
  const postingWeights: number[][] = model.terms.map(() => []);
  model.docs.forEach((doc, index) => {
    doc.ids.forEach((id, i) => {
      postingDocs[id]!.push(index);
      postingWeights[id]!.push(doc.weights[i]!);
    });
  });
  const termIds = new Map(model.terms.map((term, id) => [term, id]));
  const dims = model.latent.dims;
  const embeddings = new Float64Array(n * dims);
  for (let d = 0; d < n; d++) embeddings.set(docEmbedding(model.latent, d), d * dims);

  function cosine(vector: SparseVector): Float64Array {
    const scores = new Float64Array(n);
    vector.ids.forEach((id, i) => {
      const w = vector.weights[i]!;
      const docs = postingDocs[id]!;
      const weights = postingWeights[id]!;
      for (let p = 0; p < docs.length; p++) scores[docs[p]!]! += w * weights[p]!;
    });
    return scores;
  }

  /** Indices by descending score (ties by corpus order), `exclude` left out, at most k. */
  function top(values: Float64Array, k: number, exclude: number): number[] {
    const order: number[] = [];
    for (let i = 0; i < n; i++) if (i !== exclude) order.push(i);
    order.sort((a, b) => values[b]! - values[a]! || a - b);
    return order.slice(0, Math.max(0, k));
  }

  /** A paper's neighbour profile: its nearest papers by TF-IDF cosine, and itself. */
  function profile(similarities: Float64Array, self: number): Map<number, number> {
    const row = new Map<number, number>();
    for (const d of top(similarities, sharedNeighbours, self)) if (similarities[d]! > 0) row.set(d, similarities[d]!);
    if (self >= 0) row.set(self, 1);
    return row;
  }
  const profiles = model.docs.map((doc, d) => profile(cosine(doc), d));
  const profileNorms = profiles.map((row) => Math.sqrt([...row.values()].reduce((s, w) => s + w * w, 0)) || 1);
  const profilePostings: [number, number][][] = Array.from({ length: n }, () => []);
  profiles.forEach((row, d) => row.forEach((w, t) => profilePostings[t]!.push([d, w])));

  const blendedCache = new Map<number, Float64Array>();

  function blended(query: Query): Float64Array {
    const cached = query.self >= 0 ? blendedCache.get(query.self) : undefined;
    if (cached) return cached;
    const scores = cosine(query.vector);
    const own = query.self >= 0 ? docEmbedding(model.latent, query.self) : queryEmbedding(model.latent, scores);
    const row = query.self >= 0 ? profiles[query.self]! : profile(scores, -1);
    const rowNorm = Math.sqrt([...row.values()].reduce((s, w) => s + w * w, 0)) || 1;
    const shared = new Float64Array(n);
    row.forEach((w, t) => {
      for (const [d, v] of profilePostings[t]!) shared[d]! += w * v;
    });
    const out = new Float64Array(n);
    for (let d = 0; d < n; d++) {
      let latent = 0;
      for (let c = 0; c < dims; c++) latent += own[c]! * embeddings[d * dims + c]!;
      out[d] = scores[d]! + lsaWeight * latent + (sharedWeight * shared[d]!) / (rowNorm * profileNorms[d]!);
    }
    if (query.self >= 0) blendedCache.set(query.self, out);
    return out;
  }

  function sharedTerms(query: SparseVector, doc: SparseVector): string[] {
    const contributions: [number, number][] = [];
    for (let i = 0, j = 0; i < query.ids.length && j < doc.ids.length;) {
      const a = query.ids[i]!;
      const b = doc.ids[j]!;
      if (a === b) contributions.push([a, query.weights[i++]! * doc.weights[j++]!]);
      else if (a < b) i++;
      else j++;
    }
    contributions.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    // A phrase replaces a word it contains ('continual' then 'continual learning' shows once).
    const chosen: { stems: string[]; text: string }[] = [];
    for (const [id] of contributions) {
      const stems = model.terms[id]!.split(' ');
      if (stems.every((stem) => chosen.some((c) => c.stems.includes(stem)))) continue;
      const entry = { stems, text: model.display[id]! };
      const inside = chosen.findIndex((c) => c.stems.length === 1 && stems.includes(c.stems[0]!));
      if (inside >= 0) chosen[inside] = entry;
      else if (chosen.length < REASON_TERMS) chosen.push(entry);
      else break;
    }
    return chosen.map((c) => c.text);
  }

  function rank(query: Query, k: number): RelatedHit[] {
    const base = blended(query);
    const feedback = feedbackDocs > 0 ? top(base, feedbackDocs, query.self) : [];
    const final = Float64Array.from(base);
    for (const t of feedback) {
      const theirs = blended({ vector: model.docs[t]!, self: t });
      for (let d = 0; d < n; d++) final[d]! += (feedbackWeight / feedback.length) * theirs[d]!;
    }
    const scale = 1 / (1 + lsaWeight + sharedWeight) / (1 + (feedback.length > 0 ? feedbackWeight : 0));
    return top(final, k, query.self).map((index) => {
      const doc = model.docs[index]!;
      let terms = sharedTerms(query.vector, doc);
      for (let f = 0; terms.length === 0 && f < feedback.length; f++)
        terms = sharedTerms(model.docs[feedback[f]!]!, doc);
      return { index, score: Math.round(final[index]! * scale * 10000) / 10000, terms };
    });
  }

  return {
    rankPaper: (index, k) => rank({ vector: model.docs[index]!, self: index }, k),
    rankText: (title, abstract, k) =>
      rank(
        { vector: vectorize(model, termIds, analysePaper(title, abstract, model.options.titleWeight)), self: -1 },
        k,
      ),
  };
}

/** The one-line reason shown beside a related paper. */
export function formatReason(terms: string[]): string {
  return terms.length > 0 ? `Shares ${terms.join(', ')}` : 'Nearest in topic; no key terms in common';
}
