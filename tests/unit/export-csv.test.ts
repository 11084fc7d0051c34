import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CSV_BOM, CSV_COLUMNS, readCsvCell, splitCsvTags, toCsv } from '../../lib/reading-list/csv';
import type { SavedPaper } from '../../lib/reading-list/saved-list';

const NOTE = 'Compare with "Attention", see §3, then\nre-run; also\r\nthe appendix';
const papers: SavedPaper[] = [
  {
    key: 'arxiv:2304.07880',
    title: 'Sabiá: Portuguese Large Language Models',
    corpusId: 'sabia-portuguese-abc123',
    arxivId: '2304.07880',
    url: 'https://arxiv.org/abs/2304.07880',
    savedAt: Date.UTC(2024, 2, 5, 14, 30, 0, 250),
    tags: ['llm', 'portuguese, brazilian'],
    note: NOTE,
    read: true,
  },
  {
    key: 'title:plain',
    title: ' Leading space, and a comma',
    corpusId: null,
    arxivId: null,
    url: null,
    savedAt: 0,
    tags: [],
    note: '',
    read: false,
  },
];

describe('toCsv', () => {
  it('writes a header row and CRLF line ends, quoting only where RFC 4180 needs it', () => {
    const csv = toCsv(papers);
    expect(csv.split('\r\n')[0]).toBe(`${CSV_BOM}title,arxiv_id,corpus_id,url,saved_at,tags,note,read,authors`);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n').slice(-2)).toEqual([
      '" Leading space, and a comma",,,,1970-01-01T00:00:00.000Z,,,false,',
      '',
    ]);
    expect(csv).toContain('"Compare with ""Attention"", see §3, then\nre-run; also\r\nthe appendix",true,\r\n');
    expect(csv).toContain('Sabiá: Portuguese Large Language Models,2304.07880,');
  });

  it('parses back with papaparse to the same fields', () => {
    const parsed = Papa.parse<string[]>(toCsv(papers).slice(1), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([
      [...CSV_COLUMNS],
      [
        'Sabiá: Portuguese Large Language Models',
        '2304.07880',
        'sabia-portuguese-abc123',
        'https://arxiv.org/abs/2304.07880',
        '2024-03-05T14:30:00.250Z',
        'llm; portuguese, brazilian',
        NOTE,
        'true',
        '',
      ],
      [' Leading space, and a comma', '', '', '', '1970-01-01T00:00:00.000Z', '', '', 'false', ''],
    ]);
  });

  it('writes only the header for an empty list', () => {
    expect(toCsv([])).toBe(`${CSV_BOM}title,arxiv_id,corpus_id,url,saved_at,tags,note,read,authors\r\n`);
  });

  it('neutralises cells a spreadsheet would run as a formula, and readCsvCell gives the text back', () => {
    const hostile = ['=HYPERLINK("http://x")', '+1+1', '-2', '@SUM(A1)', 'plain'];
    const csv = toCsv(hostile.map((title, i) => ({ ...papers[1]!, title, note: title, savedAt: i })));
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data.slice(1);
    expect(rows.map((r) => r[0])).toEqual(['\'=HYPERLINK("http://x")', "'+1+1", "'-2", "'@SUM(A1)", 'plain']);
    expect(rows.map((r) => readCsvCell(r[6]!))).toEqual(hostile);
  });

  it('keeps a tag holding the separator whole', () => {
    const tags = ['a; b', 'back\\slash', 'c'];
    const csv = toCsv([{ ...papers[1]!, tags }]);
    const row = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data[1]!;
    expect(splitCsvTags(row[5]!)).toEqual(tags);
  });
});
