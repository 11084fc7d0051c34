// Validation of the stored reading list (schema version 1). Nothing read from storage is trusted:
// each entry is checked field by field, readable entries are kept, and what could not be read is
// described in plain words for the person whose list it is.
import type { SavedPaper } from './saved-list';

/** The schema version of the reading list this code reads and writes. */
export const SAVED_LIST_VERSION = 1;

/** The longest title an entry may have. */
export const MAX_TITLE = 1000;

/** The readable entries of stored data, and what could not be read (null when everything could). */
export interface SavedListCheck {
  papers: SavedPaper[];
  problem: string | null;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const nullableString = (x: unknown) => x === null || typeof x === 'string';

/** The most author names an entry holds, and the longest name (as IMPORT_LIMITS cuts imports to). */
export const MAX_AUTHORS = 100;
export const MAX_AUTHOR = 200;

/** A list of at most MAX_AUTHORS non-empty names of at most MAX_AUTHOR characters. */
export function isAuthors(x: unknown): x is string[] {
  return (
    Array.isArray(x) &&
    x.length <= MAX_AUTHORS &&
    x.every((a) => typeof a === 'string' && a.trim().length > 0 && a.length <= MAX_AUTHOR)
  );
}

const FIELD_CHECKS: Record<keyof SavedPaper, (x: unknown) => boolean> = {
  key: (x) => typeof x === 'string' && x.length > 0,
  title: (x) => typeof x === 'string' && x.trim().length > 0 && x.length <= MAX_TITLE,
  corpusId: nullableString,
  arxivId: nullableString,
  url: nullableString,
  savedAt: (x) => typeof x === 'number' && Number.isFinite(x),
  tags: (x) => Array.isArray(x) && x.every((t) => typeof t === 'string'),
  note: (x) => typeof x === 'string',
  read: (x) => typeof x === 'boolean',
  // Optional: entries saved from pages have no authors.
  authors: (x) => x === undefined || isAuthors(x),
};

/** True when a stored value is a whole, well-typed reading-list entry (unknown extra fields are kept). */
export function isSavedPaper(value: unknown): value is SavedPaper {
  return isObject(value) && Object.entries(FIELD_CHECKS).every(([field, ok]) => ok(value[field]));
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Reads a stored list that was kept as JSON text; undefined when the text is not JSON (cut short, say). */
function parseText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function checkEntries(entries: unknown[]): SavedListCheck {
  const papers = entries.filter(isSavedPaper);
  const bad = entries.length - papers.length;
  const noun = entries.length === 1 ? 'entry' : 'entries';
  const problem = bad > 0 ? `${bad} of ${entries.length} saved ${noun} could not be read.` : null;
  return { papers, problem };
}

const join = (...problems: (string | null)[]) => problems.filter(Boolean).join(' ') || null;

/**
 * Checks stored data as schema version 1: the valid entries, and a description of anything that was
 * not. null or nothing stored is an empty list. Text holding the list as JSON, and a bare list of
 * entries, are read as far as they can be, and reported (their entries are kept).
 */
export function validateSavedList(raw: unknown): SavedListCheck {
  if (raw === null || raw === undefined) return { papers: [], problem: null };
  if (typeof raw === 'string') {
    const parsed = parseText(raw);
    if (parsed === undefined || typeof parsed === 'string') {
      return { papers: [], problem: 'The saved list is text that is not valid JSON (it may have been cut short).' };
    }
    const inner = validateSavedList(parsed);
    return { papers: inner.papers, problem: join('The saved list was stored as text.', inner.problem) };
  }
  if (Array.isArray(raw)) {
    const inner = checkEntries(raw);
    return { papers: inner.papers, problem: join('The saved list is a bare list of entries.', inner.problem) };
  }
  if (!isObject(raw)) {
    return { papers: [], problem: `The saved list is not in a form Paper Lens can read (it is ${kindOf(raw)}).` };
  }
  if (!Array.isArray(raw.papers)) {
    const what = 'papers' in raw ? `its papers are ${kindOf(raw.papers)}` : 'it has no papers';
    return { papers: [], problem: `The saved list is not in a form Paper Lens can read (${what}).` };
  }
  const unknown = Object.keys(raw).filter((field) => field !== 'papers');
  const fields =
    unknown.length > 0 ? `The saved list has fields Paper Lens does not know (${unknown.join(', ')}).` : null;
  const entries = checkEntries(raw.papers);
  return { papers: entries.papers, problem: join(fields, entries.problem) };
}

/** The schema version a stored version record (the `savedList$` key WXT's storage uses) names. */
export type StoredVersion = { kind: 'ok'; version: number } | { kind: 'unreadable' };

/** Reads the version record: none means version 1 (as WXT's storage reads it); anything odd is unreadable. */
export function readVersion(meta: unknown): StoredVersion {
  if (meta === null || meta === undefined) return { kind: 'ok', version: 1 };
  if (!isObject(meta)) return { kind: 'unreadable' };
  const { v } = meta;
  if (v === undefined) return { kind: 'ok', version: 1 };
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 1
    ? { kind: 'ok', version: v }
    : { kind: 'unreadable' };
}
