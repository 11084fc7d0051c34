import { IMPORT_LIMITS } from '../reading-list/import-limits';
import { ARXIV_ID } from '../pages/arxiv';
import { ENVELOPE_FIELDS } from './wire';

/** A message whose data has the wrong shape; the sender gets this as an error, nothing else happens. */
export class BadRequestError extends Error {
  constructor(message: string) {
    super(`bad request: ${message}`);
    this.name = 'BadRequestError';
  }
}

/** Limits that keep one message from costing the background more than a page's worth of work. */
export const LIMITS = {
  titles: 5000,
  text: 20_000,
  title: 2000,
  query: 500,
  k: 100,
  /** A whole message's data, in characters of JSON (an import of the largest file fits). */
  message: 8 * 1024 * 1024,
} as const;

/** The pages Paper Lens reads and links to: its content scripts run there and nowhere else. */
export const SITE_URL = /^https:\/\/(arxiv\.org|huggingface\.co)\//;
const WEB_URL = /^https?:\/\//;

const PAPER_REF_FIELDS = ['title', 'corpusId', 'arxivId', 'url'] as const;
/** A saved entry's (and an imported paper's) fields: a paper reference plus the list's own. */
const SAVED_FIELDS = [...PAPER_REF_FIELDS, 'key', 'savedAt', 'tags', 'note', 'read', 'authors'] as const;

/** A field name as an error message shows it: quoted, and cut short. */
function quote(name: string): string {
  return JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);
}

/** Checks that a value is a string of at most `max` characters. */
export function checkString(value: unknown, name: string, max: number): string {
  if (typeof value !== 'string') throw new BadRequestError(`${name} must be a string`);
  if (value.length > max) throw new BadRequestError(`${name} is longer than ${max} characters`);
  return value;
}

/** Checks that a value is a whole number from 1 to LIMITS.k. */
export function checkK(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > LIMITS.k) {
    throw new BadRequestError(`k must be a whole number from 1 to ${LIMITS.k}`);
  }
  return value;
}

/** Checks that a value is a finite number. */
function checkNumber(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new BadRequestError(`${name} must be a number`);
  return value;
}

/** Checks that a value is true or false. */
function checkBoolean(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') throw new BadRequestError(`${name} must be true or false`);
  return value;
}

/**
 * Checks that a value is a plain object (no class instance, no array) whose own keys are all among
 * `fields`, and returns it for field checks. Unknown keys, `__proto__` and `constructor` among them,
 * are refused rather than carried along into storage.
 */
export function checkObject(value: unknown, name: string, fields: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BadRequestError(`${name} must be an object`);
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw new BadRequestError(`${name} must be a plain object`);
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key !== 'string' || !fields.includes(key)) {
      throw new BadRequestError(`${name} has an unknown field ${quote(String(key))}`);
    }
  }
  return value as Record<string, unknown>;
}

/** Checks that a value is a plain array of at most `max` entries (holes read as undefined). */
function checkArray(value: unknown, name: string, max: number): unknown[] {
  if (!Array.isArray(value) || Object.getPrototypeOf(value) !== Array.prototype) {
    throw new BadRequestError(`${name} must be an array`);
  }
  if (value.length > max) throw new BadRequestError(`${name} has more than ${max} entries`);
  return Array.from(value);
}

/** Checks that a value is an array of at most `max` strings of at most `maxLength` characters each. */
export function checkStrings(value: unknown, name: string, max: number, maxLength: number): string[] {
  return checkArray(value, name, max).map((item, i) => checkString(item, `${name}[${i}]`, maxLength));
}

/** Checks the envelope of a message and returns its type (one of `types`) and data. */
export function checkMessage(value: unknown, types: ReadonlySet<string>): { type: string; data: unknown } {
  const message = checkObject(value, 'message', ENVELOPE_FIELDS);
  if (!Number.isSafeInteger(message.id)) throw new BadRequestError('message id must be a whole number');
  if (typeof message.timestamp !== 'number' || !Number.isFinite(message.timestamp)) {
    throw new BadRequestError('message timestamp must be a number');
  }
  const type = checkString(message.type, 'message type', 100);
  // A Set, not an object lookup: "constructor" or "__proto__" must not find anything inherited.
  if (!types.has(type)) throw new BadRequestError(`unknown message type ${quote(type)}`);
  let size: number;
  try {
    size = JSON.stringify(message.data ?? null).length;
  } catch {
    throw new BadRequestError('message data is not plain data');
  }
  if (size > LIMITS.message) throw new BadRequestError(`message data is larger than ${LIMITS.message} characters`);
  return { type, data: message.data };
}

// The same id shape the page readers use, anchored: the whole value must be an id.
const ARXIV_ID_SHAPE = new RegExp(`^${ARXIV_ID.source}$`);

function checkNullable<T>(value: unknown, check: (v: unknown) => T): T | null {
  return value === undefined || value === null ? null : check(value);
}

/** A paper reference, checked. */
interface CheckedRef {
  title: string;
  corpusId: string | null;
  arxivId: string | null;
  url: string | null;
}

/**
 * Checks a reference to a paper: a non-empty title and optional ids of the right shape, and a URL on
 * arxiv.org or huggingface.co. With `savedFields`, a whole saved or imported entry is accepted too: its
 * URL may then be any web address (an import keeps a DOI link), and its list fields are not read here.
 */
export function checkPaperRef(value: unknown, savedFields = false): CheckedRef {
  const ref = checkObject(value, 'paper', savedFields ? SAVED_FIELDS : PAPER_REF_FIELDS);
  const title = checkString(ref.title, 'title', LIMITS.title);
  if (title.trim() === '') throw new BadRequestError('title is empty');
  const arxivId = checkNullable(ref.arxivId, (v) => checkString(v, 'arxivId', 40));
  if (arxivId !== null && !ARXIV_ID_SHAPE.test(arxivId)) throw new BadRequestError('arxivId is not an arXiv id');
  const url = checkNullable(ref.url, (v) => checkString(v, 'url', 2000));
  // Any web page: the popup saves papers read from pages of any site. A content script may name
  // only its own page, which the savePaper handler checks against the browser's account of it.
  if (url !== null && !WEB_URL.test(url)) throw new BadRequestError('url must be a web address');
  return {
    title,
    corpusId: checkNullable(ref.corpusId, (v) => checkString(v, 'corpusId', LIMITS.query)),
    arxivId,
    url,
  };
}

/** Checks an arXiv id without its version ('2403.03507', 'hep-th/9901001'). */
export function checkArxivId(value: unknown): string {
  const id = checkString(value, 'arxivId', 40);
  const match = ARXIV_ID_SHAPE.exec(id);
  if (!match || match[2]) throw new BadRequestError('arxivId must be an arXiv id without its version');
  return id;
}

/** Checks a page report: the page's kind as its content script read it, and its papers. */
export function checkReport(value: unknown): {
  kind: string;
  papers: { title: string; arxivId: string | null; matchId: string | null; matchKind?: 'head' }[];
} {
  const report = checkObject(value, 'report', ['kind', 'papers']);
  const kind = checkString(report.kind, 'kind', 40);
  const papers = checkArray(report.papers, 'papers', LIMITS.titles).map((item, i) => {
    const paper = checkObject(item, `papers[${i}]`, ['title', 'arxivId', 'matchId', 'matchKind']);
    if (paper.matchKind !== undefined && paper.matchKind !== 'head') {
      throw new BadRequestError(`papers[${i}].matchKind must be "head" when given`);
    }
    const arxivId = checkNullable(paper.arxivId, (v) => checkString(v, `papers[${i}].arxivId`, 40));
    return {
      title: checkString(paper.title, `papers[${i}].title`, LIMITS.title),
      arxivId: arxivId !== null && ARXIV_ID_SHAPE.test(arxivId) ? arxivId : null,
      matchId: checkNullable(paper.matchId, (v) => checkString(v, `papers[${i}].matchId`, LIMITS.query)),
      ...(paper.matchKind === 'head' ? { matchKind: 'head' as const } : {}),
    };
  });
  return { kind, papers };
}

/** Checks an edit of a saved entry: tags, note and read state, each optional. */
export function checkEdit(value: unknown): { key: string; edit: { tags?: string[]; note?: string; read?: boolean } } {
  const request = checkObject(value, 'request', ['key', 'edit']);
  const key = checkString(request.key, 'key', LIMITS.title);
  const edit = checkObject(request.edit, 'edit', ['tags', 'note', 'read']);
  const out: { tags?: string[]; note?: string; read?: boolean } = {};
  if (edit.tags !== undefined) out.tags = checkStrings(edit.tags, 'tags', 50, 60);
  if (edit.note !== undefined) out.note = checkString(edit.note, 'note', 5000);
  if (edit.read !== undefined) out.read = checkBoolean(edit.read, 'read');
  return { key, edit: out };
}

/** Checks which kept copies of unreadable data to delete: the dates they were made, as the person saw them. */
export function checkCopyDates(value: unknown): number[] {
  const request = checkObject(value, 'request', ['copiedAt']);
  return checkArray(request.copiedAt, 'copiedAt', 1000).map((at, i) => checkNumber(at, `copiedAt[${i}]`));
}

/** A whole saved entry, as checkSavedEntry returns it. */
export type CheckedEntry = CheckedRef & {
  key: string;
  savedAt: number;
  tags: string[];
  note: string;
  read: boolean;
  authors?: string[];
};

/** Checks a whole saved entry (to restore it): exactly the list's fields, each of the right type. */
export function checkSavedEntry(value: unknown, name = 'entry'): CheckedEntry {
  const entry = checkObject(value, name, SAVED_FIELDS);
  // A restored entry's fields are named bare, as they always were; an import part's by their place.
  const at = (field: string) => (name === 'entry' ? field : `${name}.${field}`);
  const checked: CheckedEntry = {
    key: checkString(entry.key, at('key'), LIMITS.title),
    ...checkPaperRef(entry, true),
    savedAt: checkNumber(entry.savedAt, at('savedAt')),
    tags: checkStrings(entry.tags, at('tags'), IMPORT_LIMITS.tags, IMPORT_LIMITS.tag),
    note: checkString(entry.note, at('note'), IMPORT_LIMITS.note),
    read: checkBoolean(entry.read, at('read')),
  };
  if (entry.authors !== undefined) {
    checked.authors = checkStrings(entry.authors, at('authors'), IMPORT_LIMITS.authors, IMPORT_LIMITS.author);
  }
  return checked;
}

/** An id of an import being sent in parts (the popup makes one per preview). */
export function checkImportId(value: unknown): string {
  const id = checkString(value, 'id', 100);
  if (!/^[\w-]+$/.test(id)) throw new BadRequestError('id must be letters, digits, "_" or "-"');
  return id;
}

/** Checks a whole number from `min` to `max`. */
export function checkCount(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new BadRequestError(`${name} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/**
 * Checks one part of a planned import's write: whole saved entries to add and to put in place of
 * the entry at an index of the list, at most IMPORT_LIMITS.papersPerMessage in all.
 */
export function checkImportPart(
  add: unknown,
  update: unknown,
): { add: CheckedEntry[]; update: { index: number; entry: CheckedEntry }[] } {
  const max = IMPORT_LIMITS.papersPerMessage;
  const added = checkArray(add, 'add', max).map((item, i) => checkSavedEntry(item, `add[${i}]`));
  const updated = checkArray(update, 'update', max - added.length).map((item, i) => {
    const change = checkObject(item, `update[${i}]`, ['index', 'entry']);
    return {
      index: checkCount(change.index, `update[${i}].index`, 0, 10_000_000),
      entry: checkSavedEntry(change.entry, `update[${i}].entry`),
    };
  });
  return { add: added, update: updated };
}
