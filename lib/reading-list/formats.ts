// The export formats, in one table that the popup's buttons and `npm run corpus -- export` share,
// so the command line writes exactly what the popup downloads.
import type { Paper } from '../corpus/types';
import type { SavedPaper } from './saved-list';
import { toBibtex, type BibtexOptions } from './bibtex';
import { toCsv } from './csv';
import { toJsonExport } from './json';
import { toMarkdown } from './markdown';
import type { ExportPaper } from './types';

/** The formats a list can be exported in. */
export type ExportFormat = 'bibtex' | 'csv' | 'json' | 'markdown';

/** Options of an export: BibTeX's note handling, and the time a JSON export is stamped with. */
export interface ExportOptions extends BibtexOptions {
  now?: number;
}

interface FormatSpec {
  label: string;
  extension: string;
  type: string;
  write(papers: readonly ExportPaper[], options: ExportOptions): string;
}

/** Each format: its button label, file extension, MIME type and writer. */
export const EXPORT_FORMATS: Record<ExportFormat, FormatSpec> = {
  bibtex: { label: 'BibTeX', extension: 'bib', type: 'application/x-bibtex', write: (p, o) => toBibtex(p, o) },
  csv: { label: 'CSV', extension: 'csv', type: 'text/csv', write: (p) => toCsv(p) },
  json: { label: 'JSON', extension: 'json', type: 'application/json', write: (p, o) => toJsonExport(p, o.now) },
  markdown: { label: 'Markdown', extension: 'md', type: 'text/markdown', write: (p) => toMarkdown(p) },
};

/** True for the name of an export format. */
export function isExportFormat(name: string): name is ExportFormat {
  return Object.hasOwn(EXPORT_FORMATS, name);
}

/** The papers in one format, as the popup downloads them and the CLI prints them. */
export function exportPapers(
  format: ExportFormat,
  papers: readonly ExportPaper[],
  options: ExportOptions = {},
): string {
  return EXPORT_FORMATS[format].write(papers, options);
}

/** A saved paper with what its corpus paper adds to a citation (date, organisation, abstract). */
export function withCorpusFacts(saved: SavedPaper, corpus: Paper | null | undefined): ExportPaper {
  return corpus ? { ...saved, date: corpus.date, organisation: corpus.organisation, abstract: corpus.abstract } : saved;
}

/** A corpus paper as an export entry, as if saved at time 0 with no tags or note. */
export function corpusPaperEntry(paper: Paper): ExportPaper {
  const saved: SavedPaper = {
    key: `corpus:${paper.id}`,
    title: paper.title,
    corpusId: paper.id,
    arxivId: null,
    url: null,
    savedAt: 0,
    tags: [],
    note: '',
    read: false,
  };
  return withCorpusFacts(saved, paper);
}
