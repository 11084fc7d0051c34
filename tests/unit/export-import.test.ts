import { describe, expect, it } from 'vitest';
import { toBibtex } from '../../lib/reading-list/bibtex';
import { ImportError, parseImport, planImport, type ImportedPaper } from '../../lib/reading-list/import';
import { toJsonExport } from '../../lib/reading-list/json';
import type { SavedPaper } from '../../lib/reading-list/saved-list';

const NOW = 1_800_000_000_000;

const saved = (over: Partial<SavedPaper>): SavedPaper => ({
  key: 'title:x',
  title: 'X',
  corpusId: null,
  arxivId: null,
  url: null,
  savedAt: 1,
  tags: [],
  note: '',
  read: false,
  ...over,
});

const incoming = (over: Partial<ImportedPaper>): ImportedPaper => ({
  title: 'X',
  corpusId: null,
  arxivId: null,
  url: null,
  tags: [],
  note: '',
  ...over,
});

const importError = (text: string, name = 'refs.bib') => {
  try {
    parseImport(text, name);
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return (e as Error).message;
  }
  throw new Error('no ImportError thrown');
};

const list: SavedPaper[] = [
  saved({
    key: 'arxiv:2304.07880',
    title: 'Sabiá: Portuguese Large Language Models',
    arxivId: '2304.07880',
    tags: ['llm'],
    note: 'Strong baseline, "really"',
    read: true,
    savedAt: 10,
  }),
  saved({ key: 'title:attentionisallyouneed', title: 'Attention Is All You Need', savedAt: 20 }),
];

describe('parseImport', () => {
  it('reads our JSON export back exactly, detected by content', () => {
    const result = parseImport(`\uFEFF  ${toJsonExport(list, NOW)}`, 'list.txt');
    expect(result).toEqual({ format: 'json', papers: list, skipped: [] });
    expect(planImport([], result.papers, NOW).merged).toEqual(list);
  });

  it('reads our BibTeX export back: titles, arXiv ids, URLs, tags and notes', () => {
    const result = parseImport(toBibtex(list), 'list.json');
    expect(result.format).toBe('bibtex');
    expect(result.papers).toEqual([
      incoming({
        title: 'Sabiá: Portuguese Large Language Models',
        arxivId: '2304.07880',
        url: 'https://arxiv.org/abs/2304.07880',
        tags: ['llm'],
        note: 'Strong baseline, "really"',
      }),
      incoming({ title: 'Attention Is All You Need' }),
    ]);
  });

  it('finds arXiv ids in eprint, url, doi and journal fields, and reads TeX, macros and paragraphs', () => {
    const bib = `% exported by another tool
@string{arx = "arXiv preprint"}
@article{a, title = {Sabi{\\'a}: {P}ortuguese \\emph{Large} Models}, journal = arx # " arXiv:1706.03762"}
@misc{b, title = "Second", url = {https://arxiv.org/pdf/2403.03507v2}, keywords = {b; a, c d}}
@misc{c, title = {Third}, doi = {10.48550/arXiv.2401.00001}}
@misc{d, title = {Fourth}, eprint = {hep-th/9901001v1}, archivePrefix = {arXiv}, note = {one

two}}
@misc{e, title = {Fifth}, eprint = {1234.5678}, eprinttype = {pubmed}, doi = {10.1000/xyz}}`;
    expect(parseImport(bib, 'x.bib').papers).toEqual([
      incoming({ title: 'Sabiá: Portuguese Large Models', arxivId: '1706.03762' }),
      incoming({
        title: 'Second',
        arxivId: '2403.03507',
        url: 'https://arxiv.org/pdf/2403.03507v2',
        tags: ['b', 'a', 'c d'],
      }),
      incoming({ title: 'Third', arxivId: '2401.00001', url: 'https://doi.org/10.48550/arXiv.2401.00001' }),
      incoming({ title: 'Fourth', arxivId: 'hep-th/9901001', note: 'one\n\ntwo' }),
      incoming({ title: 'Fifth', url: 'https://doi.org/10.1000/xyz' }),
    ]);
  });

  it('skips an unreadable entry with its line and reason and reads the rest', () => {
    const result = parseImport(
      '@misc{a, title = {First}}\n@misc{b, title = {Unclosed\n@misc{c, title = nomacro}\n@misc{d, year = {2020}}\n@misc{e, title = {Last}}\n',
      'refs.bib',
    );
    expect(result.papers.map((p) => p.title)).toEqual(['First', 'Last']);
    expect(result.skipped).toEqual([
      { line: 2, reason: 'The @misc entry "b" could not be read: a \'{\' in it is never closed.' },
      {
        line: 3,
        reason:
          'The @misc entry "c" could not be read: its title uses the @string "nomacro", which the file never defines.',
      },
      { line: 4, reason: 'The @misc entry "d" has no title.' },
    ]);
  });

  it('throws ImportError with the file name for no entries, unknown formats and huge files', () => {
    expect(importError('@comment{nothing here}')).toBe('refs.bib: The BibTeX file holds no entries.');
    expect(importError('Title,Url\nA,b', 'list.csv')).toBe(
      'list.csv: The file is neither a Paper Lens JSON export nor a BibTeX file.',
    );
    expect(importError('')).toBe('refs.bib: The file is neither a Paper Lens JSON export nor a BibTeX file.');
    expect(importError('{"items": []}', 'zotero.json')).toBe(
      'zotero.json: This JSON file is not a Paper Lens reading-list export.',
    );
    expect(importError(`@misc{a, title = {${'x'.repeat(5 * 1024 * 1024)}}}`)).toBe(
      'refs.bib: The file is too large to import (5.0 MB; the limit is 5 MB).',
    );
  });
});

describe('planImport', () => {
  it('folds duplicates inside the file, also through a third entry, uniting tags and filling ids', () => {
    const plan = planImport(
      [],
      [
        incoming({ title: 'New Paper', arxivId: '2501.00001v2', tags: ['A'] }),
        incoming({ title: 'NEW paper', url: 'https://x.org/new', tags: ['b', 'a'], note: 'first' }),
        incoming({ title: 'New Paper (v3)', arxivId: '2501.00001', corpusId: 'new-1', note: 'second' }),
        incoming({ title: 'Other' }),
      ],
      NOW,
    );
    expect(plan.duplicatesInFile).toBe(2);
    expect(plan.update).toEqual([]);
    expect(plan.unchanged).toBe(0);
    expect(plan.add).toEqual([
      saved({
        key: 'arxiv:2501.00001',
        title: 'New Paper',
        arxivId: '2501.00001',
        corpusId: 'new-1',
        url: 'https://x.org/new',
        savedAt: NOW,
        tags: ['a', 'b'],
        note: 'first\n\nsecond',
      }),
      saved({ key: 'title:other', title: 'Other', savedAt: NOW }),
    ]);
    expect(plan.merged).toEqual(plan.add);
  });

  it('merges into the list without dropping or reordering existing entries, and counts for a preview', () => {
    const before = structuredClone(list);
    const plan = planImport(
      list,
      [
        incoming({ title: 'sabia portuguese large language models', tags: ['pt', 'llm'], note: 'Strong baseline' }),
        incoming({ title: 'Attention is all you need', arxivId: '1706.03762v7', url: 'https://a.org', read: true }),
        incoming({ title: 'Attention Is All You Need', tags: [] }),
        incoming({ title: 'Brand New', tags: ['new'] }),
      ],
      NOW,
    );
    expect(list).toEqual(before);
    expect(plan.add).toEqual([saved({ key: 'title:brandnew', title: 'Brand New', tags: ['new'], savedAt: NOW })]);
    expect(plan.update).toEqual([
      { index: 0, before: list[0], after: { ...list[0], tags: ['llm', 'pt'] } },
      { index: 1, before: list[1], after: { ...list[1], arxivId: '1706.03762', url: 'https://a.org', read: true } },
    ]);
    expect(plan.unchanged).toBe(0);
    expect(plan.duplicatesInFile).toBe(1);
    expect(plan.merged.map((p) => p.title)).toEqual(['Brand New', ...list.map((p) => p.title)]);

    const again = planImport(plan.merged, [incoming({ title: 'Brand New', tags: ['new'] })], NOW + 1);
    expect(again).toMatchObject({ add: [], update: [], unchanged: 1, duplicatesInFile: 0 });
    expect(again.merged).toEqual(plan.merged);
  });

  it('rejects an entry with no usable title', () => {
    expect(() => planImport([], [incoming({ title: '  ' })], NOW)).toThrow(ImportError);
  });
});
