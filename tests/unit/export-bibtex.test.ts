import { parse } from '@retorquere/bibtex-parser';
import { describe, expect, it } from 'vitest';
import { baseKey, citationKeys, escapeBibtex, toBibtex } from '../../lib/reading-list/bibtex';
import { BIBTEX_PREAMBLE } from '../../lib/reading-list/tex-text';
import type { ExportPaper } from '../../lib/reading-list/types';

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
// It reports the two macros of the export's own @preamble as unknown, and nothing else.
const read = (bib: string) => {
  const library = parse(bib, { sentenceCase: false, english: false });
  const known = /^unhandled macro \\(providecommand|PaperLensUnicode)$/;
  expect(library.errors.filter((e) => !known.test(e.error))).toEqual([]);
  return library.entries.map((e) => ({
    ...e,
    fields: Object.fromEntries(
      Object.entries(e.fields).map(([k, v]) => [k, typeof v === 'string' ? v.normalize('NFC') : v]),
    ),
  }));
};

const SPECIAL = 'Q&A at 100% for $5: #1 snake_case {braces} ~tilde ^caret back\\slash <tags> a|b';
const TITLES = [
  SPECIAL,
  'Sabiá: Portuguese Large Language Models',
  'Pre--training and ``quotes\'\' vs "double", ,,low',
  'LLaMA: Open and Efficient Foundation Language Models',
];

describe('toBibtex', () => {
  it('writes a @preamble, then one @misc entry: key, title, arXiv id where classic styles print it, eprint, year, keywords, notes in annote', () => {
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
        `${BIBTEX_PREAMBLE}`,
        '',
        '@misc{sabia2023,',
        '  key = {Sabia Portuguese Large},',
        "  title = {{Sabi{\\'a}: Portuguese Large Language Models}},",
        '  howpublished = {arXiv:2304.07880},',
        '  eprint = {2304.07880},',
        '  archivePrefix = {arXiv},',
        '  url = {https://arxiv.org/abs/2304.07880},',
        '  year = {2023},',
        '  organization = {Maritaca AI},',
        '  keywords = {llm, portuguese},',
        '  annote = {Read {\\S}3 \\& the 50\\% figure}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('prints the notes in note only when asked, and writes authors when known', () => {
    const bib = toBibtex([paper({ note: 'mine', authors: ['Müller, Jürgen', 'Barnes and Noble'] })], { notes: 'note' });
    expect(bib).toContain('  note = {mine}');
    expect(bib).not.toContain('annote');
    expect(bib).toContain('  author = {M{\\"u}ller, J{\\"u}rgen and {Barnes and Noble}},');
    expect(bib).not.toContain('  key = ');
  });

  it('parses back with @retorquere/bibtex-parser to the same titles, notes and fields', () => {
    const papers = TITLES.map((title, i) => paper({ title, savedAt: i, note: title, tags: ['a_b', 'c&d', 'x,y;z'] }));
    papers[1] = { ...papers[1]!, arxivId: '2304.07880', url: 'https://example.org/a_b%20c?x={y}' };
    const entries = read(toBibtex(papers));
    expect(entries.map((e) => e.fields.title)).toEqual(TITLES);
    expect(entries.map((e) => e.fields.annote)).toEqual(TITLES);
    expect(entries[0]!.fields.keywords).toEqual(['a_b', 'c&d', 'x y z']);
    // A URL that \\url-less styles cannot print as it is stays out; the arXiv page is the link.
    expect(entries[1]!.fields).toMatchObject({
      eprint: '2304.07880',
      archiveprefix: 'arXiv',
      howpublished: 'arXiv:2304.07880',
      year: '2023',
    });
    expect(entries[1]!.fields.url).toBeUndefined();
  });

  it('protects the capitalisation of the whole title with double braces', () => {
    // The parser sentence-cases English titles unless protected; removeOuterBraces: [] makes it keep
    // BibTeX's meaning of {{...}} (Zotero's default deliberately drops one layer of braces).
    const options = { removeOuterBraces: [] };
    const unprotected = parse('@misc{x, title = {LLaMA: Open and Efficient Models}}', options).entries[0]!;
    expect(unprotected.fields.title).toBe('LLaMA: Open and efficient models');
    const entries = parse(toBibtex(TITLES.map((title) => paper({ title }))), options).entries;
    expect(entries.map((e) => (e.fields.title ?? '').replace(/<\/?span[^>]*>/g, '').normalize('NFC'))).toEqual(TITLES);
  });

  it('escapes TeX specials and lone braces with commands whose own braces balance, and breaks TeX ligatures', () => {
    // BibTeX and biber count \\{ and \\} as braces, so they cannot stand for a lone brace.
    expect(escapeBibtex('&%$#_{}')).toBe('\\&\\%\\$\\#\\_\\textbraceleft{}\\textbraceright{}');
    expect(escapeBibtex('~^\\<>|')).toBe(
      '\\textasciitilde{}\\textasciicircum{}\\textbackslash{}\\textless{}\\textgreater{}\\textbar{}',
    );
    expect(escapeBibtex("a--b ``c'' ,,d !`e")).toBe("a-{}-b `{}`c'{}' ,{},d !{}`e");
    // The same around letters outside ASCII, and only between characters that touch.
    expect(escapeBibtex("é--é ü``ü -é- !`é ''中")).toBe(
      "{\\'e}-{}-{\\'e} {\\\"u}`{}`{\\\"u} -{\\'e}- !{}`{\\'e} '{}'{\\PaperLensUnicode{中}}",
    );
    expect(escapeBibtex(' two\n lines\t ')).toBe('two lines');
    expect(escapeBibtex('Sabiá façade α')).toBe("Sabi{\\'a} fa{\\c{c}}ade $\\alpha$");
    expect(escapeBibtex('中文 🦙')).toBe('{\\PaperLensUnicode{中文}} {\\PaperLensUnicode{🦙}}');
  });

  it('keeps simple math as math and prints any other dollar as a dollar', () => {
    expect(escapeBibtex('AstroM$^3$ in $O(n^2)$')).toBe('AstroM$^3$ in $O(n^2)$');
    expect(escapeBibtex('$x^^2$ costs $5 and $10')).toBe(
      '\\$x\\textasciicircum{}\\textasciicircum{}2\\$ costs \\$5 and \\$10',
    );
    expect(escapeBibtex('$\\input{x}$')).toBe('\\$\\textbackslash{}input\\textbraceleft{}x\\textbraceright{}\\$');
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

  it('are found for 20,000 papers titled alike in well under a second, suffixes running on past z', () => {
    const papers = Array.from({ length: 20_000 }, (_, i) =>
      paper({ key: `k${i}`, title: `Towards Study ${i}`, arxivId: '2401.00001', savedAt: i }),
    );
    const start = performance.now();
    const keys = citationKeys(papers);
    expect(performance.now() - start).toBeLessThan(1000);
    expect([keys[0], keys[1], keys[26], keys[27], keys[702], keys[703], keys[19_999]]).toEqual([
      'towards2024',
      'towards2024a',
      'towards2024z',
      'towards2024aa',
      'towards2024zz',
      'towards2024aaa',
      'towards2024acoe',
    ]);
    expect(new Set(keys).size).toBe(20_000);
  });

  it('stay the same when a paper saved later is added to the export', () => {
    const before = [paper({ key: 'k1', title: 'Scaling Laws', arxivId: '2001.08361', savedAt: 1 })];
    const later = paper({ key: 'k2', title: 'Scaling Up', arxivId: '2001.00002', savedAt: 5 });
    expect(citationKeys(before)).toEqual(['scaling2020']);
    expect(citationKeys([later, ...before])).toEqual(['scaling2020a', 'scaling2020']);
  });
});
