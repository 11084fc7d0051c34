// CSV export with papaparse's unparse: a small, dependency-free, browser-ready RFC 4180 writer
// (quotes fields holding commas, quotes or line breaks and doubles inner quotes), and the same
// library parses the output back in the tests. csv-stringify would do as well, but its default
// entry imports Node's stream module and the browser needs its separate polyfilled build
// (csv-stringify/browser/esm/sync); papaparse is one plain-JS file in every environment.
import Papa from 'papaparse';
import type { SavedPaper } from '../storage/saved-list';

/** The header row, in column order. */
export const CSV_COLUMNS = ['title', 'arxiv_id', 'corpus_id', 'url', 'saved_at', 'tags', 'note', 'read'] as const;

/** The papers as RFC 4180 CSV: a header row, one row per paper, CRLF after every row. */
export function toCsv(papers: readonly SavedPaper[]): string {
  const data = papers.map((p) => [
    p.title,
    p.arxivId ?? '',
    p.corpusId ?? '',
    p.url ?? '',
    new Date(p.savedAt).toISOString(),
    p.tags.join('; '),
    p.note,
    p.read ? 'true' : 'false',
  ]);
  // escapeFormulae stays off: it would prefix a quote to notes starting with '-', '+', '=' or '@'
  // and the export would no longer hold the user's text exactly.
  const body = Papa.unparse({ fields: [...CSV_COLUMNS], data }, { newline: '\r\n', quotes: false, header: true });
  // papaparse ends a header-only file with a line break and other files without one: end every row.
  return `${body.replace(/\r\n$/, '')}\r\n`;
}
