import { describe, expect, it } from 'vitest';
import { parseCorpus } from '../../lib/corpus/build-corpus';
import { parseSeedPage } from '../../lib/corpus/parse-seed';
import { corpusStats } from '../../lib/corpus/service';
import { readSeedFiles } from '../../scripts/lib/seed-files';
import { paperTitled, realPapers } from '../helpers/corpus';

const ABSTRACT = (topic: string) =>
  `We study ${topic} in depth. This abstract is long enough to be an abstract: it has two sentences and more than one hundred characters.`;

describe('parseCorpus over the real seeds', () => {
  it('places every line of every seed file', () => {
    expect(parseCorpus(readSeedFiles()).errors.map((e) => e.message)).toEqual([]);
  });

  // 465 was counted with an independent script (distinct exact titles over the five files:
  // 45 + 94 + 52 + 247 + 94 = 532 entries, 57 titles in more than one file).
  it('finds exactly 465 distinct papers, and the distinct papers of each file', () => {
    const stats = corpusStats(realPapers());
    expect(stats.papers).toBe(465);
    expect(stats.sources).toEqual({
      '000_472e4f7e2b760b69.txt': 45,
      '001_6611a2872512ca7e.txt': 94,
      '002_7d206c308f7408d5.txt': 52,
      '003_50c1a0a2980a6b3b.txt': 247,
      '004_85cb8d4773058be6.txt': 94,
    });
    expect(stats.inSeveralSources).toBe(57);
  });

  it('splits the first title of the no-blank-line file off "Subscribe"', () => {
    const usb = paperTitled('USB: A Unified Semi-supervised Learning Benchmark for Classification');
    expect(usb.sources).toEqual(['003_50c1a0a2980a6b3b.txt']);
    expect(usb.abstract.startsWith('Semi-supervised learning (SSL) improves model generalization')).toBe(true);
  });

  it('merges one paper seen in three files and keeps all three sources', () => {
    const paper = paperTitled('Efficient Continual Pre-training by Mitigating the Stability Gap');
    expect(paper.sources).toEqual(['001_6611a2872512ca7e.txt', '002_7d206c308f7408d5.txt', '003_50c1a0a2980a6b3b.txt']);
    expect(paper.abstract.endsWith('https://huggingface.co/YiDuo1999/Llama-3-Physician-8B-Instruct.')).toBe(true);
  });

  it('keeps near-identical titles apart', () => {
    const titles = new Set(realPapers().map((p) => p.title));
    for (const title of [
      'MMRL: Multi-Modal Representation Learning for Vision-Language Models',
      'MMRL++: Parameter-Efficient and Interaction-Aware Representation Learning for Vision-Language Models',
      'PROP: Pre-training with Representative Words Prediction for Ad-hoc Retrieval',
      'B-PROP: Bootstrapped Pre-training with Representative Words Prediction for Ad-hoc Retrieval',
      'ERNIE 2.0: A Continual Pre-training Framework for Language Understanding',
      'ERNIE 3.0: Large-scale Knowledge Enhanced Pre-training for Language Understanding and Generation',
    ]) {
      expect(titles.has(title)).toBe(true);
    }
  });

  it('reads author counts, organisations, dates as printed and upvotes', () => {
    expect(paperTitled('Pretraining Large Language Models with NVFP4')).toMatchObject({
      organisation: 'NVIDIA',
      authorCount: null,
      date: 'Sep 29, 2025',
      upvotes: 2,
    });
    expect(
      paperTitled('Gradient-Regulated Meta-Prompt Learning for Generalizable Vision-Language Models'),
    ).toMatchObject({
      authorCount: 10,
      date: 'Mar 12, 2023',
      upvotes: null,
    });
    // Printed 'Jan 21' in one file and 'Jan 21, 2025' in another: the fuller date wins.
    expect(
      paperTitled(
        'The Journey Matters: Average Parameter Count over Pre-training Unifies Sparse and Dense Scaling Laws',
      ).date,
    ).toBe('Jan 21, 2025');
  });

  it('maps every Hugging Face mirror link back to huggingface.co', () => {
    const abstracts = realPapers()
      .map((p) => p.abstract)
      .join('\n');
    expect(abstracts).not.toMatch(/barry1\.top|stormocean\.uk|workers\.dev/);
    expect(paperTitled('Experience of Training a 1.7B-Parameter LLaMa Model From Scratch').abstract).toContain(
      'https://huggingface.co/collections/McGill-DMaS/dmas-llama-lite-6761d97ba903f82341954ceb',
    );
  });

  it('gives every paper a unique id that does not change between builds', () => {
    const ids = realPapers().map((p) => p.id);
    expect(new Set(ids).size).toBe(465);
    expect(paperTitled('MMRL: Multi-Modal Representation Learning for Vision-Language Models').id).toBe(
      'mmrl-multimodal-representation-157wjt3',
    );
    expect(parseCorpus(readSeedFiles().toReversed()).papers.map((p) => p.id)).toEqual(ids);
  });

  it('takes the papers of a new page dump dropped beside the others', () => {
    const extra = {
      name: '900_extra.txt',
      text: `new\n\nSubscribe\n\nA Brand New Paper on Pre-training\n\n${ABSTRACT('x')}\n`,
    };
    const { papers, errors } = parseCorpus([...readSeedFiles(), extra]);
    expect(errors).toEqual([]);
    expect(papers).toHaveLength(466);
    expect(papers.at(-1)).toMatchObject({ title: 'A Brand New Paper on Pre-training', sources: ['900_extra.txt'] });
  });
});

describe('parseSeedPage', () => {
  it('reads the blank-line layout with page chrome and a bare date', () => {
    const text = `new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\nbyAK and the research community\n\nMar 14\n\nFirst Paper\n\n${ABSTRACT('a')}\n\nSecond Paper\n\n${ABSTRACT('b')}\n`;
    const { papers, errors } = parseSeedPage(text, 'a.txt');
    expect(errors).toEqual([]);
    expect(papers.map((p) => [p.title, p.line])).toEqual([
      ['First Paper', 13],
      ['Second Paper', 17],
    ]);
  });

  it('reads metadata blocks: author count or organisation, a dot line, a date with upvotes', () => {
    const text = `Subscribe\n\nOne\n\n${ABSTRACT('a')}\n\n  • 13 authors\n·\nSep 5, 2024 2\n\nTwo\n\n${ABSTRACT('b')}\n\napple Apple\n·\nSep 29\n`;
    const { papers, errors } = parseSeedPage(text, 'b.txt');
    expect(errors).toEqual([]);
    expect(papers.map((p) => [p.authorCount, p.organisation, p.date, p.upvotes])).toEqual([
      [13, null, 'Sep 5, 2024', 2],
      [null, 'Apple', 'Sep 29', null],
    ]);
  });

  it('reads the layout with no blank lines and CRLF line ends', () => {
    const text = `Get trending papers in your email inbox!\r\nSubscribeGlued Title\r\n${ABSTRACT('a')}\r\nNext Title\r\n${ABSTRACT('b')}`;
    const { papers, errors } = parseSeedPage(text, 'c.txt');
    expect(errors).toEqual([]);
    expect(papers.map((p) => p.title)).toEqual(['Glued Title', 'Next Title']);
  });

  it('reports a title without an abstract with its file and line, and keeps the papers around it', () => {
    const text = `Subscribe\n\nGood One\n\n${ABSTRACT('a')}\n\nOrphan Title\n\nGood Two\n\n${ABSTRACT('b')}\n`;
    const { papers, errors } = parseSeedPage(text, 'd.txt');
    expect(papers.map((p) => p.title)).toEqual(['Good One', 'Good Two']);
    expect(errors.map((e) => [e.file, e.line, e.reason])).toEqual([
      ['d.txt', 7, 'paper title with no abstract after it'],
    ]);
    expect(errors[0]!.message).toBe('d.txt:7: paper title with no abstract after it: "Orphan Title"');
  });

  it('reports every unplaceable line, not just the first', () => {
    const long = 'word '.repeat(100).trim();
    const text = `Subscribe\n\n·\n\n${long}\n\nFine\n\n${ABSTRACT('a')}\n\nSep 4, 2023\n\nLast Orphan\n`;
    const { papers, errors } = parseSeedPage(text, 'e.txt');
    expect(papers.map((p) => p.title)).toEqual(['Fine']);
    expect(errors.map((e) => [e.line, e.reason])).toEqual([
      [3, 'metadata line with no paper before it'],
      [5, 'expected a paper title, found a long paragraph'],
      [13, 'paper title with no abstract after it'],
    ]);
  });

  it('returns nothing and no error for a page of nothing but chrome', () => {
    expect(parseSeedPage('new\n\nSubscribe\n\nDaily Papers\n\nMar 3\n', 'f.txt')).toEqual({ papers: [], errors: [] });
  });
});
