// Types and limits shared by the reading-list export and import modules (pure: no browser APIs).
import type { PaperRef, SavedPaper } from './saved-list';
import { ARXIV_ID } from '../pages/arxiv';

/** A reading-list entry plus what the corpus knows about it, when it is a corpus paper. */
export interface ExportPaper extends SavedPaper {
  date?: string | null;
  organisation?: string | null;
  abstract?: string | null;
}

/** One paper read from an imported file: a PaperRef with whatever tags, note and state the file had. */
export interface ImportedPaper extends PaperRef {
  corpusId: string | null;
  arxivId: string | null;
  url: string | null;
  tags: string[];
  note: string;
  /** Author names as SavedPaper.authors holds them, when the file names them. */
  authors?: string[];
  /** Only our own JSON carries these three. */
  key?: string;
  savedAt?: number;
  read?: boolean;
}

/** Thrown for a file that cannot be imported; its message is fit to show the user. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** The largest import accepted, in characters of text (5 MiB). */
export const MAX_IMPORT_CHARS = 5 * 1024 * 1024;

/** Throws ImportError for text over the size limit; call before any parsing. */
export function checkImportSize(text: string): void {
  if (text.length > MAX_IMPORT_CHARS) {
    const mb = (text.length / 1024 / 1024).toFixed(1);
    throw new ImportError(`The file is too large to import (${mb} MB; the limit is 5 MB).`);
  }
}

/** The abstract page of an arXiv paper. */
export function arxivUrl(arxivId: string): string {
  return `https://arxiv.org/abs/${arxivId}`;
}

/** Where a paper can be read: its saved URL, else its arXiv page, else null. */
export function paperLink(paper: Pick<SavedPaper, 'url' | 'arxivId'>): string | null {
  return paper.url ?? (paper.arxivId ? arxivUrl(paper.arxivId) : null);
}

/** The year of an arXiv id (2403.03507 -> 2024, hep-th/9901001 -> 1999), or null. */
export function arxivYear(arxivId: string | null): number | null {
  const id = arxivId ? ARXIV_ID.exec(arxivId)?.[1] : undefined;
  if (!id) return null;
  const yy = Number(id.includes('/') ? id.slice(id.indexOf('/') + 1, id.indexOf('/') + 3) : id.slice(0, 2));
  return yy >= 91 ? 1900 + yy : 2000 + yy;
}

/** A paper's year: from its arXiv id (stable), else a four-digit year in the corpus date, else null. */
export function paperYear(paper: Pick<ExportPaper, 'arxivId' | 'date'>): number | null {
  const fromDate = paper.date ? /\b(19|20)\d{2}\b/.exec(paper.date)?.[0] : undefined;
  return arxivYear(paper.arxivId) ?? (fromDate ? Number(fromDate) : null);
}
