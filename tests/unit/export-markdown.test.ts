import { describe, expect, it } from 'vitest';
import { escapeMarkdown, markdownUrl, toMarkdown } from '../../lib/reading-list/markdown';
import { toRelatedWorkStarter } from '../../lib/reading-list/starter';
import type { ExportPaper } from '../../lib/reading-list/types';
import type { RelatedPaper } from '../../lib/corpus/service';

const paper = (over: Partial<ExportPaper>): ExportPaper => ({
  key: 'title:x',
  title: 'X',
  corpusId: null,
  arxivId: null,
  url: null,
  savedAt: 0,
  tags: [],
  note: '',
  read: false,
  ...over,
});

const sabia = paper({
  title: 'Sabiá: Portuguese *Large* Language Models',
  arxivId: '2304.07880',
  tags: ['llm', '#pt'],
  note: 'Good baseline [see §3]\n\n# not a heading\n1. not a list',
  read: true,
});

describe('toMarkdown', () => {
  it('lists each paper with a link, read state, tags and its note as a quote', () => {
    expect(toMarkdown([sabia, paper({ title: 'A_b <c> | d', url: 'javascript:alert(1)' })])).toBe(
      [
        '# Reading list',
        '',
        '- [x] [Sabiá: Portuguese \\*Large\\* Language Models](https://arxiv.org/abs/2304.07880)\\',
        '  read · arXiv:2304.07880 · tags: llm, \\#pt',
        '',
        '  > Good baseline \\[see §3\\]',
        '  >',
        '  > \\# not a heading',
        '  > 1\\. not a list',
        '',
        '- [ ] A\\_b \\<c\\> \\| d\\',
        '  unread',
        '',
      ].join('\n'),
    );
  });

  it('says so when the list is empty', () => {
    expect(toMarkdown([])).toBe('# Reading list\n\n_No papers saved._\n');
  });

  it('escapes Markdown syntax in plain text and encodes link targets', () => {
    expect(escapeMarkdown('a*b_c `d` [e](f) ~g~ &amp; & \\')).toBe(
      'a\\*b\\_c \\`d\\` \\[e\\](f) \\~g\\~ \\&amp; & \\\\',
    );
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('> quote')).toBe('\\> quote');
    expect(markdownUrl('https://x.org/a (b)')).toBe('https://x.org/a%20%28b%29');
    expect(markdownUrl('data:text/html,x')).toBeNull();
  });
});

describe('toRelatedWorkStarter', () => {
  const related: RelatedPaper[] = [
    { id: 'b', title: 'Second_Best', score: 0.4, reason: 'Shares portuguese', terms: ['portuguese'] },
    { id: 'a', title: 'Best [one]', score: 0.9, reason: 'Shares llm, portuguese', terms: ['llm', 'portuguese'] },
    { id: 'c', title: 'Third', score: 0.1, reason: 'Nearest in topic; no key terms in common', terms: [] },
  ];

  it('follows each chosen paper with its top related corpus papers and the reasons', () => {
    const chosen = { ...sabia, note: '', organisation: 'Maritaca AI', date: 'Mar 12, 2023' };
    const lonely = paper({ title: 'Lonely' });
    const text = toRelatedWorkStarter([chosen, lonely], (p) => (p === chosen ? related : []), 'markdown', {
      limit: 2,
    });
    expect(text).toBe(
      [
        '# Related-work starter',
        '',
        '## [Sabiá: Portuguese \\*Large\\* Language Models](https://arxiv.org/abs/2304.07880)',
        '',
        'Maritaca AI, Mar 12, 2023',
        '',
        'Related work from the Paper Lens corpus:',
        '',
        '1. Best \\[one\\] — Shares llm, portuguese',
        '2. Second\\_Best — Shares portuguese',
        '',
        '## Lonely',
        '',
        '_No related papers in the corpus._',
        '',
      ].join('\n'),
    );
  });

  it('lists five related papers by default and quotes the note', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({ ...related[0]!, title: `P${i}`, score: 1 - i / 10 }));
    const text = toRelatedWorkStarter([paper({ note: 'why' })], () => many, 'markdown');
    expect(text.match(/^\d\. /gm)).toHaveLength(5);
    expect(text).toContain('> why\n');
  });
});
