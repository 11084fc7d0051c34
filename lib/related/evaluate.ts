/** Topic labels per corpus paper, in corpus order: two papers are related when they share a topic. */
export type Judgements = string[][];

/** Mean precision@5 and nDCG@10 (binary gains) of a ranking function over every judged paper. */
export function evaluateRanking(
  judgements: Judgements,
  rank: (index: number) => number[],
): { precisionAt5: number; ndcgAt10: number; queries: number } {
  let precision = 0;
  let ndcg = 0;
  let queries = 0;
  judgements.forEach((topics, q) => {
    if (topics.length === 0) return;
    const relevant = (d: number) => judgements[d]!.some((t) => topics.includes(t));
    const totalRelevant = judgements.filter((_, d) => d !== q && relevant(d)).length;
    if (totalRelevant === 0) return;
    const ranked = rank(q).slice(0, 10);
    precision += ranked.slice(0, 5).filter(relevant).length / 5;
    let dcg = 0;
    ranked.forEach((d, i) => (dcg += relevant(d) ? 1 / Math.log2(i + 2) : 0));
    let ideal = 0;
    for (let i = 0; i < Math.min(10, totalRelevant); i++) ideal += 1 / Math.log2(i + 2);
    ndcg += dcg / ideal;
    queries++;
  });
  const round = (x: number) => Math.round((x / queries) * 1000) / 1000;
  return { precisionAt5: round(precision), ndcgAt10: round(ndcg), queries };
}
