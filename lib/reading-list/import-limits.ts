// What the background accepts in one import message and stores, in one place: the popup fits every
// imported paper to these limits before its preview, and lib/messaging/validate.ts checks the same
// numbers, so the preview never promises what the write then refuses.
import { normaliseTags } from './paper-identity';
import type { ImportedPaper } from './types';
import { MAX_AUTHOR, MAX_AUTHORS } from './validate-saved';

/** The limits of an imported paper and of one import message. */
export const IMPORT_LIMITS = {
  /** Papers in one applyImport message; a larger file is sent in several. */
  papersPerMessage: 5000,
  tags: 50,
  tag: 60,
  note: 20_000,
  title: 1000,
  url: 2000,
  /** Author names kept; a longer list keeps the first ones and ends in "others" (BibTeX's et al.). */
  authors: MAX_AUTHORS,
  author: MAX_AUTHOR,
} as const;

/** An imported paper fitted to IMPORT_LIMITS, and what had to change (for the preview). */
export function fitImported(paper: ImportedPaper): { paper: ImportedPaper; changes: string[] } {
  const changes: string[] = [];
  const tags = normaliseTags(paper.tags);
  const long = paper.tags.filter((t) => t.trim().length > IMPORT_LIMITS.tag).length;
  if (long > 0) changes.push(`${long} tag${long === 1 ? '' : 's'} cut to ${IMPORT_LIMITS.tag} characters`);
  const distinct = new Set(paper.tags.map((t) => t.trim().toLowerCase().slice(0, IMPORT_LIMITS.tag)).filter(Boolean));
  if (distinct.size > IMPORT_LIMITS.tags)
    changes.push(`only the first ${IMPORT_LIMITS.tags} of ${distinct.size} tags kept`);
  let note = paper.note;
  if (note.length > IMPORT_LIMITS.note) {
    note = note.slice(0, IMPORT_LIMITS.note);
    changes.push(`note cut to ${IMPORT_LIMITS.note} characters`);
  }
  let title = paper.title.replace(/\s+/g, ' ').trim();
  if (title.length > IMPORT_LIMITS.title) {
    title = title.slice(0, IMPORT_LIMITS.title);
    changes.push(`title cut to ${IMPORT_LIMITS.title} characters`);
  }
  let url = paper.url;
  if (url !== null && (url.length > IMPORT_LIMITS.url || !/^https?:\/\/\S+$/i.test(url))) {
    url = null;
    changes.push('link dropped (not a web address of at most 2000 characters)');
  }
  let authors = paper.authors;
  if (authors) {
    const cut = authors.filter((a) => a.length > IMPORT_LIMITS.author).length;
    if (cut > 0) changes.push(`${cut} author name${cut === 1 ? '' : 's'} cut to ${IMPORT_LIMITS.author} characters`);
    authors = authors.map((a) => a.slice(0, IMPORT_LIMITS.author));
    if (authors.length > IMPORT_LIMITS.authors) {
      changes.push(`only the first ${IMPORT_LIMITS.authors - 1} of ${authors.length} authors kept, then "others"`);
      authors = [...authors.slice(0, IMPORT_LIMITS.authors - 1), 'others'];
    }
  }
  return { paper: { ...paper, title, tags, note, url, ...(authors ? { authors } : {}) }, changes };
}
