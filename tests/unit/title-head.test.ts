import { describe, expect, it } from 'vitest';
import { distinctiveHeadKeys, titleHead } from '../../lib/match/title-head';
import { realPapers } from '../helpers/corpus';

describe('titleHead', () => {
  it.each([
    ['Never Train from Scratch: Fair Comparison of Long-Sequence Models', 'Never Train from Scratch'],
    ['AstroM$^3$: A self-supervised multimodal model for astronomy', 'AstroM3'],
    ['Amuro &amp; Char: Analyzing the Relationship between Pre-Training and Fine-Tuning', 'Amuro & Char'],
    ['The Llama 3 Herd of Models', null],
    ['GaLore: v2', null],
    [': A title that opens with its colon', null],
  ])('%s -> %s', (title, head) => {
    expect(titleHead(title)).toBe(head);
  });
});

describe('distinctiveHeadKeys', () => {
  const titles = realPapers().map((p) => p.title);
  const keys = distinctiveHeadKeys(titles);
  const headKeyOf = (head: string) => keys[titles.findIndex((t) => t.startsWith(`${head}:`))];

  it.each([
    ['Never Train from Scratch', 'nevertrainfromscratch'],
    ['Beyond Cosine Decay', 'beyondcosinedecay'],
    ['RoBERTa', 'roberta'],
    ['mALBERT', 'malbert'],
    ['ERNIE 3.0', 'ernie30'],
    ['Kimi k1.5', 'kimik15'],
    ['Sabiá', 'sabia'],
    // Field words alone, dictionary words and short acronyms name no one paper.
    ['Pre-Trained Models', ''],
    ['Instruction Pre-Training', ''],
    ['Continual Pre-Training of Large Language Models', ''],
    ['Pre-trained Models for Natural Language Processing', ''],
    ['LLM Post-Training', ''],
    ['Crystal', ''],
    ['SCALE', ''],
    ['OPT', ''],
    // Opens another corpus title word for word ('Don't Stop Pretraining? Make Prompt-based ...').
    ["Don't Stop Pretraining", ''],
  ])('%s -> %j', (head, key) => {
    expect(headKeyOf(head)).toBe(key);
  });

  it('drops a head two titles share, and a head that is another whole title', () => {
    expect(
      distinctiveHeadKeys([
        'FooNet: Fast Object Oriented Networks for Vision',
        'FooNet: Friendly Online Optimisation of Networks',
        'BarNet: Binary Attention Routing Networks',
        'BarNet',
      ]),
    ).toEqual(['', '', '', '']);
  });
});
