/** Topic labels per corpus paper, in corpus order: two papers are related when they share a topic. */
export type Judgements = string[][];

/** Mean precision@5 and nDCG@10 over some queries. */
export interface RankingQuality {
  precisionAt5: number;
  ndcgAt10: number;
  queries: number;
}

/** One judged query's precision@5 and nDCG@10 (binary gains). */
export interface QueryScore {
  query: number;
  precision: number;
  ndcg: number;
}

/**
 * Scores every judged paper as a query: a paper with no topic, or whose topics no other paper has,
 * is not a query. `rank` gives the query's ranked corpus indices (the first 10 are read).
 */
export function scoreQueries(judgements: Judgements, rank: (index: number) => number[]): QueryScore[] {
  const out: QueryScore[] = [];
  judgements.forEach((topics, q) => {
    if (topics.length === 0) return;
    const relevant = (d: number) => judgements[d]!.some((t) => topics.includes(t));
    const totalRelevant = judgements.filter((_, d) => d !== q && relevant(d)).length;
    if (totalRelevant === 0) return;
    const ranked = rank(q).slice(0, 10);
    let dcg = 0;
    ranked.forEach((d, i) => (dcg += relevant(d) ? 1 / Math.log2(i + 2) : 0));
    let ideal = 0;
    for (let i = 0; i < Math.min(10, totalRelevant); i++) ideal += 1 / Math.log2(i + 2);
    out.push({ query: q, precision: ranked.slice(0, 5).filter(relevant).length / 5, ndcg: dcg / ideal });
  });
  return out;
}

/** Means of query scores, to three decimals. */
export function meanQuality(scores: readonly QueryScore[]): RankingQuality {
  const round = (x: number) => Math.round((x / scores.length) * 1000) / 1000;
  return {
    precisionAt5: round(scores.reduce((sum, s) => sum + s.precision, 0)),
    ndcgAt10: round(scores.reduce((sum, s) => sum + s.ndcg, 0)),
    queries: scores.length,
  };
}

/** Mean precision@5 and nDCG@10 (binary gains) of a ranking function over every judged paper. */
export function evaluateRanking(judgements: Judgements, rank: (index: number) => number[]): RankingQuality {
  return meanQuality(scoreQueries(judgements, rank));
}

/** Every paper's topics, keeping only those in `topics`. */
export function restrictJudgements(judgements: Judgements, topics: ReadonlySet<string>): Judgements {
  return judgements.map((own) => own.filter((t) => topics.has(t)));
}

/**
 * Deals the judged topics into `k` folds: sorted by name, shuffled by a fixed seed (a topic's fold does
 * not depend on what it is called), then dealt round-robin so folds differ in size by one topic at most.
 */
export function topicFolds(judgements: Judgements, k: number, seed = 1): string[][] {
  const topics = [...new Set(judgements.flat())].sort();
  let state = seed;
  const next = () => (state = (state * 16807) % 2147483647) / 2147483647;
  for (let i = topics.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [topics[i], topics[j]] = [topics[j]!, topics[i]!];
  }
  return Array.from({ length: k }, (_, f) => topics.filter((_topic, i) => i % k === f));
}

/** One setting of the ranker to choose from, with its ranking (top 10) of every corpus paper. */
export interface Candidate {
  name: string;
  rankings: number[][];
}

/** What cross-validation over topic folds chose in each fold, and how the choices scored held out. */
export interface HeldOutResult {
  chosen: string[];
  /** The chosen settings scored on each fold's held-out topics, pooled over the folds' queries. */
  heldOut: RankingQuality;
  /** A reference setting scored on the same held-out topics, untuned, for comparison. */
  reference: RankingQuality;
}

/** How a fold scores a candidate: on the queries and judgements it trains on, and on those it holds out. */
interface Split {
  train: (candidate: Candidate) => QueryScore[];
  test: (candidate: Candidate) => QueryScore[];
}

/** For each split, the candidate best on its training side (mean of precision@5 and nDCG@10) scored on its held-out side. */
function crossValidate(splits: Split[], candidates: readonly Candidate[], reference: Candidate): HeldOutResult {
  const chosen: string[] = [];
  const heldOut: QueryScore[] = [];
  const referenceScores: QueryScore[] = [];
  for (const split of splits) {
    let best = candidates[0]!;
    let bestValue = -Infinity;
    for (const candidate of candidates) {
      // Unrounded: the choice should not hang on a rounding tie. Ties go to the earlier candidate.
      const value = split.train(candidate).reduce((sum, s) => sum + s.precision + s.ndcg, 0);
      if (value > bestValue) [best, bestValue] = [candidate, value];
    }
    chosen.push(best.name);
    heldOut.push(...split.test(best));
    referenceScores.push(...split.test(reference));
  }
  return { chosen, heldOut: meanQuality(heldOut), reference: meanQuality(referenceScores) };
}

const ranksOf = (candidate: Candidate) => (q: number) => candidate.rankings[q]!;

/**
 * Cross-validation over topics: for each of k folds of topics, the candidate best on the other folds'
 * topics (judgements keep only those topics) is scored on the fold's own topics, so no choice is
 * ever scored on the topics it was chosen on.
 */
export function crossValidateTopics(
  judgements: Judgements,
  candidates: readonly Candidate[],
  reference: Candidate,
  k = 5,
): HeldOutResult {
  const all = [...new Set(judgements.flat())];
  const splits = topicFolds(judgements, k).map((fold): Split => {
    const held = new Set(fold);
    const train = restrictJudgements(judgements, new Set(all.filter((t) => !held.has(t))));
    const test = restrictJudgements(judgements, held);
    return { train: (c) => scoreQueries(train, ranksOf(c)), test: (c) => scoreQueries(test, ranksOf(c)) };
  });
  return crossValidate(splits, candidates, reference);
}

/**
 * Cross-validation over query papers (every topic kept): paper q is in fold q mod k; a fold's papers
 * are scored with the candidate best on the other folds' papers.
 */
export function crossValidatePapers(
  judgements: Judgements,
  candidates: readonly Candidate[],
  reference: Candidate,
  k = 5,
): HeldOutResult {
  const splits = Array.from({ length: k }, (_, f): Split => {
    const scores = (c: Candidate, inFold: boolean) =>
      scoreQueries(judgements, ranksOf(c)).filter((s) => (s.query % k === f) === inFold);
    return { train: (c) => scores(c, false), test: (c) => scores(c, true) };
  });
  return crossValidate(splits, candidates, reference);
}
