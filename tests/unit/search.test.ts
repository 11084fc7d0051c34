import { describe, expect, it } from 'vitest';
import { createCorpusSearch } from '../../lib/search/search-corpus';
import { realPapers } from '../helpers/corpus';

const papers = realPapers();
const search = createCorpusSearch(papers);
const titles = (query: string, limit = 5) => search.search(query, limit).map((hit) => papers[hit.index]!.title);

describe('createCorpusSearch', () => {
  it('finds a title by a prefix typed so far', () => {
    expect(search.search('galo', 5).map((hit) => [papers[hit.index]!.title, hit.field])).toEqual([
      ['GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection', 'title'],
      [
        'Scalable Parameter and Memory Efficient Pretraining for LLM: Recent Algorithmic Advances and Benchmarking',
        'abstract',
      ],
    ]);
  });

  it('tolerates a typo', () => {
    expect(titles('phobret')).toContain('PhoBERT: Pre-trained language models for Vietnamese');
  });

  it('treats Pre-Training, pretraining and pre-training alike', () => {
    const a = titles('continual pretraining', 20);
    expect(titles('Continual Pre-Training', 20)).toEqual(a);
    expect(a).toContain('Continual Pre-Training of Large Language Models: How to (re)warm your model?');
  });

  it('ranks title hits above abstract hits', () => {
    const hits = search.search('obfuscation', 10);
    expect(hits[0]).toEqual({ index: papers.findIndex((p) => p.title.startsWith('ObscuraCoder')), field: 'title' });
    expect(hits.slice(1).every((hit) => hit.field === 'abstract')).toBe(true);
  });

  it('finds words that only the abstract holds', () => {
    const hits = search.search('SlimPajama', 10);
    expect(hits.map((h) => h.field)).not.toContain('title');
    expect(hits.map((h) => papers[h.index]!.title)).toContain(
      'Continual Pre-Training of Large Language Models: How to (re)warm your model?',
    );
  });

  it('returns nothing for an empty query or a query of punctuation', () => {
    expect(search.search('', 10)).toEqual([]);
    expect(search.search(' -- ', 10)).toEqual([]);
  });

  it('respects the limit and never repeats a paper', () => {
    const hits = search.search('language model', 25);
    expect(hits).toHaveLength(25);
    expect(new Set(hits.map((h) => h.index)).size).toBe(25);
  });
});
