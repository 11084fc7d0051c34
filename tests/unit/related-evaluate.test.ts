import { describe, expect, it } from 'vitest';
import {
  crossValidatePapers,
  crossValidateTopics,
  evaluateRanking,
  restrictJudgements,
  scoreQueries,
  topicFolds,
  type Candidate,
  type Judgements,
} from '../../lib/related/evaluate';

// Ten papers on three topics; paper 9 has none (never a query).
const judgements: Judgements = [['a'], ['a'], ['a', 'b'], ['b'], ['b'], ['c'], ['c'], ['a'], ['b', 'c'], []];
const others = (q: number) => judgements.map((_, d) => d).filter((d) => d !== q);
const related = (q: number, d: number) => judgements[d]!.some((t) => judgements[q]!.includes(t));
/** Relevant papers first (the best ranking), or last (the worst). */
const good: Candidate = {
  name: 'good',
  rankings: judgements.map((_, q) => others(q).sort((x, y) => Number(related(q, y)) - Number(related(q, x)) || x - y)),
};
const bad: Candidate = {
  name: 'bad',
  rankings: judgements.map((_, q) => others(q).sort((x, y) => Number(related(q, x)) - Number(related(q, y)) || x - y)),
};

describe('scoreQueries', () => {
  it('scores each judged paper: precision@5 and nDCG@10 with binary gains', () => {
    const scores = scoreQueries(judgements, (q) => bad.rankings[q]!);
    expect(scores.map((s) => s.query)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    // Paper 5 (topic c): related 6 and 8, ranked last of nine, at ranks 8 and 9.
    const five = scores.find((s) => s.query === 5)!;
    expect(five.precision).toBe(0);
    expect(five.ndcg).toBeCloseTo((1 / Math.log2(9) + 1 / Math.log2(10)) / (1 + 1 / Math.log2(3)), 10);
    expect(evaluateRanking(judgements, (q) => good.rankings[q]!)).toEqual({
      precisionAt5: 0.644,
      ndcgAt10: 1,
      queries: 9,
    });
  });
});

describe('restrictJudgements', () => {
  it('keeps only the given topics of each paper', () => {
    expect(restrictJudgements(judgements, new Set(['b']))).toEqual([
      [],
      [],
      ['b'],
      ['b'],
      ['b'],
      [],
      [],
      [],
      ['b'],
      [],
    ]);
  });
});

describe('topicFolds', () => {
  it('deals every topic into exactly one fold, the same way each time', () => {
    const many: Judgements = Array.from({ length: 23 }, (_, i) => [`t${i}`]);
    const folds = topicFolds(many, 5);
    expect(folds.map((f) => f.length).sort()).toEqual([4, 4, 5, 5, 5]);
    expect(folds.flat().sort()).toEqual(many.flat().sort());
    expect(topicFolds(many, 5)).toEqual(folds);
    expect(topicFolds(many, 5, 2)).not.toEqual(folds);
  });
});

describe('crossValidateTopics and crossValidatePapers', () => {
  it('choose on the training folds and score on the held-out ones, beside an untuned reference', () => {
    const byTopics = crossValidateTopics(judgements, [bad, good], bad, 3);
    expect(byTopics.chosen).toEqual(['good', 'good', 'good']);
    // Not 1: the good ranking puts papers related by a training topic among those related by a held-out one.
    expect(byTopics.heldOut.ndcgAt10).toBeGreaterThan(0.9);
    expect(byTopics.reference.ndcgAt10).toBeLessThan(0.5);
    expect(byTopics.heldOut.queries).toBe(byTopics.reference.queries);
    const byPapers = crossValidatePapers(judgements, [bad, good], bad, 3);
    expect(byPapers.chosen).toEqual(['good', 'good', 'good']);
    expect(byPapers.heldOut).toEqual(evaluateRanking(judgements, (q) => good.rankings[q]!));
    expect(byPapers.reference).toEqual(evaluateRanking(judgements, (q) => bad.rankings[q]!));
  });

  it('keep the earlier candidate on a tie', () => {
    const twin = { ...good, name: 'twin' };
    expect(crossValidatePapers(judgements, [good, twin], bad, 3).chosen).toEqual(['good', 'good', 'good']);
  });
});
