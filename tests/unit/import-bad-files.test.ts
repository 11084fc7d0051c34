import { describe, expect, it } from 'vitest';
import { describeJsonError } from '../../lib/reading-list/foreign-files';
import { ImportError, parseImport } from '../../lib/reading-list/import';
import { findUnbalancedBrace } from '../../lib/reading-list/read-bibtex';

/** The ImportError parseImport throws for `text`, as the person reads it. */
function importError(text: string, name: string): string {
  try {
    parseImport(text, name);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return (error as Error).message;
  }
  throw new Error(`${name} was imported`);
}

/** Bytes as File.text() hands them over: decoded as UTF-8, invalid sequences as U+FFFD. */
function asText(bytes: number[] | Uint8Array): string {
  return new TextDecoder('utf-8').decode(new Uint8Array(bytes));
}

function binary(length: number, seed = 7): number[] {
  let x = seed;
  return Array.from({ length }, () => (x = (x * 1103515245 + 12345) % 2 ** 31) & 0xff);
}

const INSTEAD = 'Paper Lens imports its own JSON export or a BibTeX (.bib) file';

// A Zotero "CSL JSON" export of one paper (Zotero 7, File > Export Library > CSL JSON).
const ZOTERO_CSL = JSON.stringify(
  [
    {
      id: 'http://zotero.org/users/local/abc/items/7XQ2K9AB',
      type: 'article',
      title: 'GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection',
      URL: 'http://arxiv.org/abs/2403.03507',
      DOI: '10.48550/arXiv.2403.03507',
      number: 'arXiv:2403.03507',
      publisher: 'arXiv',
      author: [{ family: 'Zhao', given: 'Jiawei' }],
      issued: { 'date-parts': [['2024', 3, 6]] },
    },
  ],
  null,
  '\t',
);

// PaperMemory's "Download memory" file: its storage object, keyed by paper id, with a data version.
const PAPER_MEMORY = JSON.stringify({
  __dataVersion: 1004,
  'Arxiv-2403.03507': {
    addDate: '2024-03-07T10:00:00.000Z',
    author: 'Jiawei Zhao and Zhenyu Zhang',
    bibtex: '@article{zhao2024galore, title={GaLore}, year={2024}}',
    codeLink: '',
    count: 3,
    favorite: false,
    id: 'Arxiv-2403.03507',
    key: 'zhao2024galore',
    lastOpenDate: '2024-03-08T10:00:00.000Z',
    note: '',
    pdfLink: 'https://arxiv.org/pdf/2403.03507.pdf',
    source: 'arxiv',
    tags: ['optim'],
    title: 'GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection',
    venue: '',
    year: '2024',
  },
});

// A RIS export (Zotero, EndNote, Mendeley and publishers all write it), with Windows line ends.
const RIS = [
  'TY  - JOUR',
  'TI  - GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection',
  'AU  - Zhao, Jiawei',
  'PY  - 2024',
  'UR  - http://arxiv.org/abs/2403.03507',
  'ER  - ',
  '',
].join('\r\n');

describe('parseImport: another application’s file gets an error that names it and says what to do', () => {
  it.each([
    [
      'zotero.json',
      ZOTERO_CSL,
      `This is a CSL-JSON file (as Zotero, Mendeley and citation tools export). ${INSTEAD}: export your references as BibTeX and import that.`,
    ],
    [
      'PaperMemory-data-3.7.2024.json',
      PAPER_MEMORY,
      `This is a PaperMemory export. ${INSTEAD}: in PaperMemory, export your papers as BibTeX and import that.`,
    ],
    [
      'refs.ris',
      RIS,
      `This is a RIS file (from Zotero, EndNote, Mendeley or a publisher's site). ${INSTEAD}: export your references as BibTeX and import that.`,
    ],
    [
      'refs.ris',
      `\uFEFF${RIS}`,
      `This is a RIS file (from Zotero, EndNote, Mendeley or a publisher's site). ${INSTEAD}: export your references as BibTeX and import that.`,
    ],
    [
      'paper.pdf',
      asText([
        ...new TextEncoder().encode('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nstream\n'),
        ...binary(4000),
      ]),
      `This is a PDF document, not a list of papers. ${INSTEAD}.`,
    ],
    [
      'figure.png',
      asText([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...binary(2000, 3)]),
      `This is not a text file. ${INSTEAD}.`,
    ],
    [
      'refs.docx',
      asText([0x50, 0x4b, 0x03, 0x04, ...binary(2000, 5)]),
      `This is a ZIP archive (or a file packed as one). ${INSTEAD}.`,
    ],
    [
      'endnote.xml',
      '<?xml version="1.0" encoding="UTF-8"?><xml><records><record/></records></xml>',
      `This is an XML file (such as an EndNote XML or Zotero RDF export). ${INSTEAD}: export your references as BibTeX and import that.`,
    ],
    [
      'bookmarks.html',
      '<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<html><body>x</body></html>',
      'The file is neither a Paper Lens JSON export nor a BibTeX file.',
    ],
    [
      'page.html',
      '<!doctype html><html><body>@misc{a, title={x}}</body></html>',
      `This is a web page (HTML). ${INSTEAD}.`,
    ],
    [
      'paper-lens-list.csv',
      'title,arxiv_id,corpus_id,url,saved_at,tags,note,read\r\nGaLore,,,,2024-03-07,,,false\r\n',
      `This is a Paper Lens CSV export, which is for spreadsheets. ${INSTEAD}: use Export JSON to move a list.`,
    ],
    ['items.json', '{"items": []}', 'This JSON file is not a Paper Lens reading-list export.'],
  ])('%s', (name, text, message) => {
    expect(importError(text, name)).toBe(`${name}: ${message}`);
  });
});

describe('parseImport: malformed JSON says where, or that the file was cut short', () => {
  const start =
    '{"format": "paper-lens-reading-list", "version": 1, "exportedAt": "2026-01-01T00:00:00.000Z", "papers": [';
  it.each([
    [
      'cut short mid-entry',
      `${start}{"key": "title:a", "title": "A`,
      'The file is not valid JSON: it ends in the middle (was it cut short?).',
    ],
    ['cut short after a value', `${start}\n`, 'The file is not valid JSON: it ends in the middle (was it cut short?).'],
    [
      'a doubled comma',
      '{\n  "format": "paper-lens-reading-list",,\n  "version": 1\n}',
      `The file is not valid JSON: Expected double-quoted property name at line 2, column 39.`,
    ],
    ['a trailing comma', '{"papers": [1, 2,]}', "The file is not valid JSON (Unexpected token ']')."],
    [
      'text after the end',
      '{"papers": []} trailing',
      'The file is not valid JSON: Unexpected non-whitespace character after JSON at line 1, column 16.',
    ],
  ])('%s', (_name, text, message) => {
    expect(importError(text, 'list.json')).toBe(`list.json: ${message}`);
  });

  it("reads Chromium's and Firefox's wording the same way (line and column are computed, not copied)", () => {
    const text = '{\n  "a": 1,,\n}';
    const chromium = new SyntaxError('Expected double-quoted property name in JSON at position 11 (line 2 column 10)');
    expect(describeJsonError(chromium, text)).toBe(
      'The file is not valid JSON: Expected double-quoted property name at line 2, column 10.',
    );
    const firefox = new SyntaxError('JSON.parse: unexpected end of data at line 1 column 2 of the JSON data');
    expect(describeJsonError(firefox, '{')).toBe(
      'The file is not valid JSON: it ends in the middle (was it cut short?).',
    );
  });
});

describe('parseImport: BibTeX with unbalanced braces imports the other entries and says where', () => {
  it.each([
    [
      'a field never closed',
      '@misc{a, title = {Unclosed}\n',
      [],
      [
        {
          line: 1,
          reason: 'The @misc entry "a" could not be read: it is never closed (no \'}\' before the next entry).',
        },
      ],
    ],
    [
      'a title that swallows the next entry',
      '@misc{a, title = {First {nested},\n  year = 2024}\n@misc{b, title = {Second}}\n',
      ['Second'],
      [
        {
          line: 1,
          reason: 'The @misc entry "a" could not be read: it is never closed (no \'}\' before the next entry).',
        },
      ],
    ],
    [
      'a brace never closed in the middle of the file',
      '@misc{a, title = {Good}}\n@misc{b, title = {Bad {nest}\n@misc{c, title = {Third}}\n',
      ['Good', 'Third'],
      [{ line: 2, reason: 'The @misc entry "b" could not be read: a \'{\' in it is never closed.' }],
    ],
    // BibTeX itself ignores text between entries, an extra '}' included: both entries are read.
    ['an extra closing brace after an entry', '@misc{a, title = {A}}}\n@misc{b, title = {B}}\n', ['A', 'B'], []],
  ])('%s', (_name, text, titles, skipped) => {
    const result = parseImport(text, 'refs.bib');
    expect(result.papers.map((p) => p.title)).toEqual(titles);
    expect(result.skipped).toEqual(skipped);
  });

  it('counts braces outside comments and escapes only', () => {
    expect(findUnbalancedBrace('% a comment with { in it\n@misc{a, title = {50\\% \\{of\\} it}}')).toBeNull();
    expect(findUnbalancedBrace('@misc{a,\n title = {x}\n')).toBe("the '{' on line 1 is never closed");
    expect(findUnbalancedBrace('@misc{a, title = {x}}\n\n}')).toBe("an extra '}' on line 3");
  });
});

describe('parseImport: a file too large is refused before it is parsed', () => {
  it('a 50 MB file, with the limit in the message', () => {
    const text = `{"format": "paper-lens-reading-list", "papers": [${'1,'.repeat(25 * 1024 * 1024)}`;
    expect(importError(text, 'huge.json')).toBe(
      'huge.json: The file is too large to import (50.0 MB; the limit is 5 MB).',
    );
  });
});
