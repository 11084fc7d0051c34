import { describe, expect, it } from 'vitest';
import { matchKey } from '../../lib/text/normalize';
import { syntheticCorpus } from '../../scripts/lib/synthetic-corpus';
import { realPapers } from '../helpers/corpus';

describe('syntheticCorpus', () => {
  const real = realPapers();
  const papers = syntheticCorpus(real, 3000);

  it('makes exactly n papers, the same every run', () => {
    expect(papers).toHaveLength(3000);
    expect(syntheticCorpus(real, 3000)).toEqual(papers);
    expect(syntheticCorpus(real, 3000, 99)).not.toEqual(papers);
  });

  it('gives unique ids and titles with unique matching keys, none a real title', () => {
    expect(new Set(papers.map((p) => p.id)).size).toBe(papers.length);
    const keys = new Set(papers.map((p) => matchKey(p.title)));
    expect(keys.size).toBe(papers.length);
    for (const paper of real) expect(keys.has(matchKey(paper.title))).toBe(false);
  });

  it('is a prefix of any larger corpus, so the papers after n are papers not in the corpus of n', () => {
    const larger = syntheticCorpus(real, 3100);
    expect(larger.slice(0, 3000)).toEqual(papers);
    const titles = new Set(papers.map((p) => p.title));
    expect(larger.slice(3000).some((p) => titles.has(p.title))).toBe(false);
  });

  it('builds abstracts from whole sentences of real abstracts, and plausible metadata', () => {
    const realSentences = real.flatMap((p) => p.abstract.split(/(?<=[.!?])\s+(?=[A-Z(])/));
    /** The abstract as a sequence of real sentences joined by spaces, or null when it is not one. */
    const segment = (text: string): string[] | null => {
      if (text === '') return [];
      for (const sentence of realSentences) {
        if (!text.startsWith(sentence) || (text.length > sentence.length && text[sentence.length] !== ' ')) continue;
        const rest = segment(text.slice(sentence.length + 1));
        if (rest) return [sentence, ...rest];
      }
      return null;
    };
    for (const paper of papers.slice(0, 100)) {
      const sentences = segment(paper.abstract);
      expect(sentences).not.toBeNull();
      expect(sentences!.length).toBeGreaterThanOrEqual(3);
      expect(paper.title.length).toBeGreaterThan(8);
      expect(paper.title).not.toMatch(/\n/);
      expect(paper.sources).toHaveLength(1);
      if (paper.date !== null) expect(paper.date).toMatch(/^[A-Z][a-z]{2} \d{1,2}(, 20\d\d)?$/);
      if (paper.authorCount !== null) expect(paper.authorCount).toBeGreaterThan(0);
    }
    // Some of every kind of metadata, as in the real corpus.
    for (const field of ['authorCount', 'date', 'upvotes', 'organisation'] as const)
      expect(papers.some((p) => p[field] !== null)).toBe(true);
  });
});
