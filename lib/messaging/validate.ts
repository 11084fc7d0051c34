import type { ImportedPaper } from '../export/types';
import { ARXIV_ID } from '../pages/arxiv';

/** A message whose data has the wrong shape; the sender gets this as an error, nothing else happens. */
export class BadRequestError extends Error {
  constructor(message: string) {
    super(`bad request: ${message}`);
    this.name = 'BadRequestError';
  }
}

/** Limits that keep one message from costing the background more than a page's worth of work. */
export const LIMITS = { titles: 5000, text: 20_000, title: 2000, query: 500, k: 100 } as const;

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

/** Checks that a value is a plain object and returns it for field checks. */
export function checkObject(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BadRequestError(`${name} must be an object`);
  }
  return value as Record<string, unknown>;
}

/** Checks that a value is an array of at most `max` strings of at most `maxLength` characters each. */
export function checkStrings(value: unknown, name: string, max: number, maxLength: number): string[] {
  if (!Array.isArray(value)) throw new BadRequestError(`${name} must be an array`);
  if (value.length > max) throw new BadRequestError(`${name} has more than ${max} entries`);
  return value.map((item, i) => checkString(item, `${name}[${i}]`, maxLength));
}

// The same id shape the page readers use, anchored: the whole value must be an id.
const ARXIV_ID_SHAPE = new RegExp(`^${ARXIV_ID.source}$`);

function checkNullable<T>(value: unknown, check: (v: unknown) => T): T | null {
  return value === undefined || value === null ? null : check(value);
}

/** Checks a reference to a paper: a non-empty title and optional ids of the right shape. */
export function checkPaperRef(value: unknown): {
  title: string;
  corpusId: string | null;
  arxivId: string | null;
  url: string | null;
} {
  const ref = checkObject(value, 'paper');
  const title = checkString(ref.title, 'title', LIMITS.title);
  if (title.trim() === '') throw new BadRequestError('title is empty');
  const arxivId = checkNullable(ref.arxivId, (v) => checkString(v, 'arxivId', 40));
  if (arxivId !== null && !ARXIV_ID_SHAPE.test(arxivId)) throw new BadRequestError('arxivId is not an arXiv id');
  const url = checkNullable(ref.url, (v) => checkString(v, 'url', 2000));
  if (url !== null && !/^https:\/\/(arxiv\.org|huggingface\.co)\//.test(url)) {
    throw new BadRequestError('url must be an arxiv.org or huggingface.co address');
  }
  return {
    title,
    corpusId: checkNullable(ref.corpusId, (v) => checkString(v, 'corpusId', LIMITS.query)),
    arxivId,
    url,
  };
}

/** Checks a page report's papers. */
export function checkReport(value: unknown): { title: string; arxivId: string | null; matchId: string | null }[] {
  const report = checkObject(value, 'report');
  if (!Array.isArray(report.papers)) throw new BadRequestError('papers must be an array');
  if (report.papers.length > LIMITS.titles) throw new BadRequestError(`papers has more than ${LIMITS.titles} entries`);
  return report.papers.map((item: unknown, i: number) => {
    const paper = checkObject(item, `papers[${i}]`);
    const arxivId = checkNullable(paper.arxivId, (v) => checkString(v, 'arxivId', 40));
    return {
      title: checkString(paper.title, `papers[${i}].title`, LIMITS.title),
      arxivId: arxivId !== null && ARXIV_ID_SHAPE.test(arxivId) ? arxivId : null,
      matchId: checkNullable(paper.matchId, (v) => checkString(v, 'matchId', LIMITS.query)),
    };
  });
}

/** Checks an edit of a saved entry: tags, note and read state, each optional. */
export function checkEdit(value: unknown): { key: string; edit: { tags?: string[]; note?: string; read?: boolean } } {
  const request = checkObject(value, 'request');
  const key = checkString(request.key, 'key', LIMITS.title);
  const edit = checkObject(request.edit, 'edit');
  const out: { tags?: string[]; note?: string; read?: boolean } = {};
  if (edit.tags !== undefined) out.tags = checkStrings(edit.tags, 'tags', 50, 60);
  if (edit.note !== undefined) out.note = checkString(edit.note, 'note', 5000);
  if (edit.read !== undefined) {
    if (typeof edit.read !== 'boolean') throw new BadRequestError('read must be true or false');
    out.read = edit.read;
  }
  return { key, edit: out };
}

/** Checks papers read from an import file: a paper reference plus tags, a note and, from our JSON, the rest. */
export function checkImported(value: unknown): ImportedPaper[] {
  if (!Array.isArray(value)) throw new BadRequestError('papers must be an array');
  if (value.length > LIMITS.titles) throw new BadRequestError(`papers has more than ${LIMITS.titles} entries`);
  return value.map((item: unknown, i: number) => {
    const paper = checkObject(item, `papers[${i}]`);
    const { url: _url, ...ref } = checkPaperRef({ ...paper, url: null });
    const url = checkNullable(paper.url, (v) => checkString(v, 'url', 2000));
    if (url !== null && !/^https?:\/\//.test(url)) throw new BadRequestError(`papers[${i}].url must be a web address`);
    const out: ImportedPaper = {
      ...ref,
      url,
      tags: checkStrings(paper.tags ?? [], `papers[${i}].tags`, 50, 60),
      note: checkString(paper.note ?? '', `papers[${i}].note`, 20_000),
    };
    if (paper.key !== undefined) out.key = checkString(paper.key, `papers[${i}].key`, LIMITS.title);
    if (paper.savedAt !== undefined) {
      if (typeof paper.savedAt !== 'number' || !Number.isFinite(paper.savedAt)) {
        throw new BadRequestError(`papers[${i}].savedAt must be a number`);
      }
      out.savedAt = paper.savedAt;
    }
    if (paper.read !== undefined) {
      if (typeof paper.read !== 'boolean') throw new BadRequestError(`papers[${i}].read must be true or false`);
      out.read = paper.read;
    }
    return out;
  });
}
