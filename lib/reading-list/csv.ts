// CSV export with papaparse's unparse: a small, dependency-free, browser-ready RFC 4180 writer
// (quotes fields holding commas, quotes or line breaks and doubles inner quotes), and the same
// library parses the output back in the tests. csv-stringify would do as well, but its default
// entry imports Node's stream module and the browser needs its separate polyfilled build
// (csv-stringify/browser/esm/sync); papaparse is one plain-JS file in every environment.
//
// Made for spreadsheets: the file starts with a UTF-8 byte-order mark, without which Excel reads
// UTF-8 as a legacy code page and garbles accents. Titles and notes come from web pages, so a cell
// that starts with =, +, -, @, a tab or a carriage return (which a spreadsheet would run as a
// formula) is written with a leading apostrophe (papaparse's escapeFormulae; OWASP's advice);
// readCsvCell takes it off again. Tags share one cell, separated by "; "; a ';' or '\' inside a tag
// is written with a backslash before it, so splitCsvTags gives back every tag exactly. Authors, when
// known, share the last cell the same way ("Last, First; Other, Name"), read back by splitCsvTags too.
import Papa from 'papaparse';
import type { SavedPaper } from './saved-list';

/** The header row, in column order. */
export const CSV_COLUMNS = [
  'title',
  'arxiv_id',
  'corpus_id',
  'url',
  'saved_at',
  'tags',
  'note',
  'read',
  'authors',
] as const;

/** The byte-order mark the file starts with. */
export const CSV_BOM = '\uFEFF';

/** The tags of one paper as one cell: "; " between tags, ';' and '\' inside a tag escaped. */
export function joinCsvTags(tags: readonly string[]): string {
  return tags.map((tag) => tag.replace(/[\\;]/g, '\\$&')).join('; ');
}

/** The tags of a cell written by joinCsvTags. */
export function splitCsvTags(cell: string): string[] {
  const tags: string[] = [];
  let current = '';
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i]!;
    if (c === '\\' && i + 1 < cell.length) current += cell[++i];
    else if (c === ';') {
      tags.push(current.trim());
      current = '';
    } else current += c;
  }
  if (current.trim() || tags.length > 0) tags.push(current.trim());
  return tags.filter(Boolean);
}

/** A cell as its text again: the apostrophe that neutralised a formula-like start taken off. */
export function readCsvCell(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/** The papers as RFC 4180 CSV: a BOM, a header row, one row per paper, CRLF after every row. */
export function toCsv(papers: readonly SavedPaper[]): string {
  const data = papers.map((p) => [
    p.title,
    p.arxivId ?? '',
    p.corpusId ?? '',
    p.url ?? '',
    new Date(p.savedAt).toISOString(),
    joinCsvTags(p.tags),
    p.note,
    p.read ? 'true' : 'false',
    joinCsvTags(p.authors ?? []),
  ]);
  const body = Papa.unparse(
    { fields: [...CSV_COLUMNS], data },
    { newline: '\r\n', quotes: false, header: true, escapeFormulae: true },
  );
  // papaparse ends a header-only file with a line break and other files without one: end every row.
  return `${CSV_BOM}${body.replace(/\r\n$/, '')}\r\n`;
}
