import { parse } from '@retorquere/bibtex-parser';
import { describe, expect, it } from 'vitest';
import { baseKey, citationKeys, escapeBibtex, toBibtex } from '../../lib/export/bibtex';
import type { ExportPaper } from '../../lib/export/types';

const paper = (over: Partial<ExportPaper>): ExportPaper => ({
  key: `title:${over.title ?? 'x'}`,
  title: 'A Paper',
  corpusId: null,
  arxivId: null,
  url: null,
  savedAt: 1_700_000_000_000,
  tags: [],
  note: '',
  read: false,
  ...over,
});

// Titles as another tool reads them: the real parser, with its default sentence-casing turned off.
const read = (bib: string) => {
  const library = parse(bib, { sentenceCase: false, english: false });
  expect(library.errors).toEqual([]);
  return library.entries;
};

const SPECIAL = 'Q&A at 100% for $5: #1 snake_case {braces} ~tilde ^caret back\\slash <tags> a|b';
const TITLES = [
  SPECIAL,
  'Sabiá: Portuguese Large Language Models',
  'Pre--training and ``quotes\'\' vs "double", ,,low',
  'LLaMA: Open and Efficient Foundation Language Models',
];

describe('toBibtex', () => {
  it('writes one @misc entry with arXiv eprint fields, year, keywords, note and a double-braced title', () => {
    const bib = toBibtex([
      paper({
        key: 'arxiv:2304.07880',
        title: 'Sabiá: Portuguese Large Language Models',
        arxivId: '2304.07880',
        tags: ['llm', 'portuguese'],
        note: 'Read §3 & the 50% figure',
        organisation: 'Maritaca AI',
      }),
    ]);
    expect(bib).toBe(
      [
        '@misc{sabia2023,',
        '  title = {{Sabiá: Portuguese Large Language Models}},',
        '  eprint = {2304.07880},',
        '  archivePrefix = {arXiv},',
        '  url = {https://arxiv.org/abs/2304.07880},',
        '  year = {2023},',
        '  organization = {Maritaca AI},',
        '  keywords = {llm, portuguese},',
        '  note = {Read §3 \\& the 50\\% figure}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('parses back with @retorquere/bibtex-parser to the same titles, notes and fields', () => {
    const papers = TITLES.map((title, i) => paper({ title, savedAt: i, note: title, tags: ['a_b', 'c&d', 'x,y;z{}'] }));
    papers[1] = { ...papers[1]!, arxivId: '2304.07880', url: 'https://example.org/a_b%20c?x={y}' };
    const entries = read(toBibtex(papers));
    expect(entries.map((e) => e.fields.title)).toEqual(TITLES);
    expect(entries.map((e) => e.fields.note)).toEqual(TITLES);
    expect(entries[0]!.fields.keywords).toEqual(['a_b', 'c&d', 'x y z']);
    expect(entries[1]!.fields).toMatchObject({
      eprint: '2304.07880',
      archiveprefix: 'arXiv',
      url: 'https://example.org/a_b%20c?x=%7By%7D',
      year: '2023',
    });
  });

  it('protects the capitalisation of the whole title with double braces', () => {
    // The parser sentence-cases English titles unless protected; removeOuterBraces: [] makes it keep
    // BibTeX's meaning of {{...}} (Zotero's default deliberately drops one layer of braces).
    const options = { removeOuterBraces: [] };
    const unprotected = parse('@misc{x, title = {LLaMA: Open and Efficient Models}}', options).entries[0]!;
    expect(unprotected.fields.title).toBe('LLaMA: Open and efficient models');
    const entries = parse(toBibtex(TITLES.map((title) => paper({ title }))), options).entries;
    expect(entries.map((e) => (e.fields.title ?? '').replace(/<\/?span[^>]*>/g, ''))).toEqual(TITLES);
  });

  it('escapes & % $ # _ { } ~ ^ \\ < > | and breaks TeX ligatures', () => {
    expect(escapeBibtex('&%$#_{}')).toBe('\\&\\%\\$\\#\\_\\{\\}');
    expect(escapeBibtex('~^\\<>|')).toBe(
      '\\textasciitilde{}\\textasciicircum{}\\textbackslash{}\\textless{}\\textgreater{}\\textbar{}',
    );
    expect(escapeBibtex("a--b ``c'' ,,d !`e")).toBe("a-{}-b `{}`c'{}' ,{},d !{}`e");
    expect(escapeBibtex(' two\n lines\t ')).toBe('two lines');
    expect(escapeBibtex('Sabiá 中文 α')).toBe('Sabiá 中文 α');
  });
});

describe('citation keys', () => {
  it('are the first significant title word plus the year from the arXiv id or the corpus date', () => {
    expect(baseKey({ title: 'Sabiá: Portuguese Large Language Models', arxivId: '2304.07880' })).toBe('sabia2023');
    expect(baseKey({ title: 'The Attention Is All You Need', arxivId: 'cs/9901001v2' })).toBe('attention1999');
    expect(baseKey({ title: 'On the MMRL++ Method', arxivId: null, date: 'Mar 12, 2023' })).toBe('mmrl2023');
    expect(baseKey({ title: 'A New Hope', arxivId: null, date: 'Sep 29' })).toBe('new');
    expect(baseKey({ title: '中文 42', arxivId: null })).toBe('paper');
  });

  it('are unique, with a, b, c suffixes in order of saving, whatever the export order', () => {
    const papers = [
      paper({ key: 'k3', title: 'Attention Again', arxivId: '1706.00003', savedAt: 3 }),
      paper({ key: 'k1', title: 'Attention Is All You Need', arxivId: '1706.03762', savedAt: 1 }),
      paper({ key: 'k2', title: 'Attention Sinks', arxivId: '1706.00002', savedAt: 2 }),
      paper({ key: 'k4', title: 'Attention2017a', savedAt: 0 }),
    ];
    expect(citationKeys(papers)).toEqual(['attention2017c', 'attention2017', 'attention2017b', 'attention2017a']);
    expect(citationKeys(papers.toReversed())).toEqual([
      'attention2017a',
      'attention2017b',
      'attention2017',
      'attention2017c',
    ]);
    const keys = read(toBibtex(papers)).map((e) => e.key);
    expect(new Set(keys).size).toBe(4);
  });

  it('stay the same when a paper saved later is added to the export', () => {
    const before = [paper({ key: 'k1', title: 'Scaling Laws', arxivId: '2001.08361', savedAt: 1 })];
    const later = paper({ key: 'k2', title: 'Scaling Up', arxivId: '2001.00002', savedAt: 5 });
    expect(citationKeys(before)).toEqual(['scaling2020']);
    expect(citationKeys([later, ...before])).toEqual(['scaling2020a', 'scaling2020']);
  });
});
