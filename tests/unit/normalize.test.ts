import { describe, expect, it } from 'vitest';
import { cleanPageTitle } from '../../lib/text/clean-title';
import { cleanText, decodeEntities, matchKey, stripTex, wordTokens } from '../../lib/text/normalize';

describe('decodeEntities', () => {
  it.each([
    ['A &amp; B', 'A & B'],
    ['it&#39;s &quot;x&quot;', `it's "x"`],
    ['a&nbsp;b', 'a b'],
    ['pre&#8211;training', 'pre\u2013training'],
    ['&#x2014;', '\u2014'],
    ['Sabi&aacute;', 'Sabiá'],
    ['&unknown; stays', '&unknown; stays'],
    ['&#99999999;', '&#99999999;'],
  ])('%s -> %s', (input, expected) => {
    expect(decodeEntities(input)).toBe(expected);
  });
});

describe('stripTex', () => {
  it.each([
    ['AstroM$^3$: A model', 'AstroM3: A model'],
    ['E$^{2}$S$^2$', 'E2S2'],
    ["\\emph{Don't} stop", "Don't stop"],
    ['\\textbf{\\emph{nested}}', 'nested'],
    ['Vision--Language', 'Vision-Language'],
    ['A \\& B', 'A & B'],
    ['$\\alpha$-Net', 'α-Net'],
    ["``quoted''", '"quoted"'],
    ['plain title', 'plain title'],
  ])('%s -> %s', (input, expected) => {
    expect(stripTex(input)).toBe(expected);
  });
});

describe('cleanText', () => {
  it('folds unicode dashes, quotes, odd spaces and soft hyphens, and collapses white space', () => {
    expect(cleanText('Don\u2019t\u00a0Stop \u2014 Pre\u00adtraining\n  \u201cnow\u201d')).toBe(
      `Don't Stop - Pretraining "now"`,
    );
  });
});

describe('matchKey', () => {
  it.each([
    ['Pre-Training', 'pretraining'],
    ['Pretraining', 'pretraining'],
    ['pre training', 'pretraining'],
    ['PRE‐TRAINING', 'pretraining'],
    ['Sabiá: Portuguese', 'sabiaportuguese'],
    ['MMRL++: X', 'mmrl++x'],
    ['ERNIE 3.0', 'ernie30'],
    ['AstroM$^3$', 'astrom3'],
  ])('%s -> %s', (input, expected) => {
    expect(matchKey(input)).toBe(expected);
  });
});

describe('wordTokens', () => {
  it('joins hyphenated compounds and keeps ++', () => {
    expect(wordTokens('Vision-Language Pre-Training of MMRL++ models')).toEqual([
      'visionlanguage',
      'pretraining',
      'of',
      'mmrl++',
      'models',
    ]);
  });
});

describe('cleanPageTitle', () => {
  it.each([
    ['Title: Attention Sinks', 'Attention Sinks', false],
    ['[2403.03507] GaLore: Memory-Efficient LLM Training', 'GaLore: Memory-Efficient LLM Training', false],
    ['[2403.03507v2] GaLore', 'GaLore', false],
    ['[hep-th/9901001v1] Old Style', 'Old Style', false],
    ['arXiv:2403.03507 GaLore', 'GaLore', false],
    ['Paper page - GaLore: Memory-Efficient LLM Training', 'GaLore: Memory-Efficient LLM Training', false],
    ['GaLore | Hugging Face', 'GaLore', false],
    ['GaLore - arXiv', 'GaLore', false],
    ['[PDF] GaLore | Semantic Scholar', 'GaLore', false],
    ['GaLore | Papers With Code', 'GaLore', false],
    ['GaLore | OpenReview', 'GaLore', false],
    ['GaLore (arXiv:2403.03507)', 'GaLore', false],
    ['GaLore: Memory-Efficient LLM...', 'GaLore: Memory-Efficient LLM', true],
    ['GaLore: Memory-Efficient LLM Trai…', 'GaLore: Memory-Efficient LLM Trai', true],
    ['  Title:\n  GaLore:   Memory-Efficient\n LLM Training ', 'GaLore: Memory-Efficient LLM Training', false],
  ])('%j -> %j (truncated: %s)', (input, text, truncated) => {
    expect(cleanPageTitle(input)).toEqual({ text, truncated });
  });

  it('bounds the work on a hostile 100,000-character title', () => {
    const started = performance.now();
    const { text } = cleanPageTitle(`$^{`.repeat(25_000));
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
