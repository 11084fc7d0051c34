import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createBundle } from '../../lib/corpus/bundle';
import { cosineInto, indexDocs, nearestNeighbours } from '../../lib/related/doc-index';
import { evaluateRanking, type Judgements } from '../../lib/related/evaluate';
import { createRelatedRanker, formatReason } from '../../lib/related/rank-related';
import { buildRelatedModel, DEFAULT_RELATED_OPTIONS } from '../../lib/related/model';
import { topK } from '../../lib/related/top-k';
import { EXACT_LIMIT } from '../../lib/related/doc-index';
import { paperTitled, realEmbeddings, realModel, realPapers, realService } from '../helpers/corpus';

const papers = realPapers();
const ranker = createRelatedRanker(realModel());
const indexOf = (title: string) => papers.indexOf(paperTitled(title));

function judgements(): Judgements {
  const judged = JSON.parse(readFileSync('tests/fixtures/related-judgements.json', 'utf8')) as {
    papers: { title: string; topics: string[] }[];
  };
  const topics = new Map(judged.papers.map((p) => [p.title, p.topics]));
  return papers.map((p) => topics.get(p.title) ?? []);
}

describe('createRelatedRanker on the judged topic set', () => {
  // Hand-judged topics for all 465 papers (tests/fixtures/related-judgements.json); an arxiv-sanity-style
  // TF-IDF scores 0.534 / 0.500 on this set. Held-out figures: bench/related-quality.md.
  it('reaches precision@5 of 0.669 and nDCG@10 of 0.631 with sentence embeddings', () => {
    const result = evaluateRanking(judgements(), (q) => ranker.rankPaper(q, 10).map((hit) => hit.index));
    expect(result).toEqual({ precisionAt5: 0.669, ndcgAt10: 0.631, queries: 465 });
  });

  it('reaches precision@5 of 0.648 and nDCG@10 of 0.612 on words alone, as synthetic corpora are ranked', () => {
    const words = createRelatedRanker(buildRelatedModel(papers));
    const result = evaluateRanking(judgements(), (q) => words.rankPaper(q, 10).map((hit) => hit.index));
    expect(result).toEqual({ precisionAt5: 0.648, ndcgAt10: 0.612, queries: 465 });
  });

  // The large-corpus path (fast LSA solver, candidate neighbour lists, candidate-ranked bundle lists)
  // forced on the real corpus: it must rank about as well as the exact one.
  it('scores as well with the large-corpus path forced', () => {
    const large = createRelatedRanker(buildRelatedModel(papers, DEFAULT_RELATED_OPTIONS, 0));
    for (const rank of [large.rankPaper, large.rankPaperAmongCandidates]) {
      const result = evaluateRanking(judgements(), (q) => rank(q, 10).map((hit) => hit.index));
      expect(result.precisionAt5).toBeGreaterThanOrEqual(0.64);
      expect(result.ndcgAt10).toBeGreaterThanOrEqual(0.6);
    }
  });
});

describe('topK', () => {
  it('selects what a full sort selects: descending value, ties by ascending index, one index left out', () => {
    let seed = 1;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let round = 0; round < 50; round++) {
      const values = Float64Array.from({ length: 1 + Math.floor(next() * 300) }, () => Math.floor(next() * 20) / 4);
      const exclude = Math.floor(next() * values.length);
      const sorted = Array.from(values.keys())
        .filter((i) => i !== exclude)
        .sort((a, b) => values[b]! - values[a]! || a - b);
      for (const k of [0, 1, 5, 40, 1000]) expect(topK(values, k, exclude)).toEqual(sorted.slice(0, k));
      const among = Array.from(values.keys()).filter((i) => i % 3 === 0);
      expect(topK(values, 7, exclude, among)).toEqual(sorted.filter((i) => i % 3 === 0).slice(0, 7));
    }
  });
});

describe('createRelatedRanker', () => {
  it.each([5, 10, 40])('returns exactly %i other papers, never itself, never twice, best first', (k) => {
    for (let q = 0; q < papers.length; q += 7) {
      const hits = ranker.rankPaper(q, k);
      expect(hits).toHaveLength(k);
      expect(hits.some((h) => h.index === q)).toBe(false);
      expect(new Set(hits.map((h) => h.index)).size).toBe(k);
      for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    }
  });

  it('never returns more papers than the rest of the corpus', () => {
    expect(ranker.rankPaper(0, 10_000)).toHaveLength(464);
  });

  it('finds the continual pre-training papers for a continual pre-training paper, with reasons', () => {
    const hits = ranker.rankPaper(
      indexOf('Continual Pre-Training of Large Language Models: How to (re)warm your model?'),
      3,
    );
    expect(hits.map((h) => papers[h.index]!.title)).toEqual([
      'Simple and Scalable Strategies to Continually Pre-train Large Language Models',
      'Beyond Cosine Decay: On the effectiveness of Infinite Learning Rate Schedule for Continual Pre-training',
      'Efficient Continual Pre-training by Mitigating the Stability Gap',
    ]);
    expect(hits[0]!.terms).toEqual(['learning rate', 'distribution shift', 'continual pre-training']);
  });

  it('ranks a paper that is not in the corpus from its title and abstract', () => {
    const hits = ranker.rankText(
      'Tokenizer-free language models for Vietnamese',
      'We pre-train a BERT-style monolingual language model for Vietnamese and evaluate part-of-speech tagging, named entity recognition and natural language inference.',
      3,
    );
    expect(hits.map((h) => papers[h.index]!.title)).toContain('PhoBERT: Pre-trained language models for Vietnamese');
    expect(hits.every((h) => h.terms.length > 0)).toBe(true);
  });

  it('puts a corpus paper first when given its own title and abstract as text', () => {
    const paper = paperTitled('DistilBERT, a distilled version of BERT: smaller, faster, cheaper and lighter');
    expect(papers[ranker.rankText(paper.title, paper.abstract, 1)[0]!.index]).toBe(paper);
  });

  it('is deterministic: the same model built twice ranks the same', () => {
    const again = createRelatedRanker(
      buildRelatedModel(papers, DEFAULT_RELATED_OPTIONS, EXACT_LIMIT, realEmbeddings()),
    );
    expect(again.rankPaper(42, 10)).toEqual(ranker.rankPaper(42, 10));
  });
});

describe('large corpora', () => {
  const model = realModel();

  it("ships each paper's neighbour lists in the model, and ranks the same without them", () => {
    expect(model.neighbours).toHaveLength(papers.length);
    expect(model.neighbours!.every((list) => list.length <= model.options.sharedNeighbours)).toBe(true);
    const again = createRelatedRanker({ ...model, neighbours: undefined });
    for (const q of [0, 42, 300]) expect(again.rankPaper(q, 12)).toEqual(ranker.rankPaper(q, 12));
  });

  it('finds nearly every exact nearest neighbour from candidates', () => {
    const index = indexDocs(model.docs, model.terms.length);
    const approximate = nearestNeighbours(index, 20, 0);
    let found = 0;
    let total = 0;
    const scores = new Float64Array(papers.length);
    model.neighbours!.forEach((exact, d) => {
      scores.fill(0);
      cosineInto(index, model.docs[d]!, scores);
      // Ties at the cut may fall either way; count a neighbour as found when it scores as high.
      const cut = scores[exact.at(-1)!] ?? 0;
      total += exact.length;
      found += approximate[d]!.filter((t) => exact.includes(t) || scores[t]! >= cut).length;
    });
    expect(found / total).toBeGreaterThan(0.97);
  });

  it('ranks over candidates almost exactly as over the whole corpus, with the same scores', () => {
    let agree = 0;
    for (let q = 0; q < papers.length; q += 3) {
      const exact = ranker.rankPaper(q, 12);
      const candidates = ranker.rankPaperAmongCandidates(q, 12);
      expect(candidates).toHaveLength(12);
      agree += candidates.filter((hit) => exact.some((e) => e.index === hit.index)).length;
      if (candidates.map((h) => h.index).join() === exact.map((h) => h.index).join()) expect(candidates).toEqual(exact);
    }
    expect(agree / (12 * Math.ceil(papers.length / 3))).toBeGreaterThan(0.98);
  });

  it('precomputes lists over candidates past the exact limit', () => {
    const subset = papers.slice(0, 120);
    const subsetModel = buildRelatedModel(subset);
    const exact = createBundle(subset, subsetModel);
    const approximate = createBundle(subset, subsetModel, 12, 0);
    const hits = createRelatedRanker(subsetModel).rankPaper(5, 12);
    expect(exact.related[5]).toEqual({
      index: hits.map((h) => h.index),
      score: hits.map((h) => h.score),
      terms: hits.map((h) => h.terms),
    });
    approximate.related.forEach((entry, i) => {
      expect(entry.index).toHaveLength(12);
      expect(entry.index).not.toContain(i);
      for (let r = 1; r < 12; r++) expect(entry.score[r - 1]!).toBeGreaterThanOrEqual(entry.score[r]!);
    });
  });
});

describe('formatReason', () => {
  it('names the shared terms, or says plainly that there are none', () => {
    expect(formatReason(['learning rate', 'warmup'])).toBe('Shares learning rate, warmup');
    expect(formatReason([])).toBe('Nearest in topic; no key terms in common');
  });
});

describe('CorpusService.related', () => {
  const service = realService();

  it('answers from the precomputed lists and from the live ranker identically', async () => {
    const id = papers[3]!.id;
    const short = await service.related(id, 10);
    const long = await service.related(id, 30);
    expect(long.slice(0, 10)).toEqual(short);
    expect(long).toHaveLength(30);
    expect(long.every((r) => r.reason.length > 0 && r.id !== id)).toBe(true);
  });

  it('rejects an unknown id', async () => {
    await expect(service.related('no-such-paper', 5)).rejects.toThrow('unknown paper id: no-such-paper');
  });
});
