// The Paper Lens JSON export: a versioned envelope around the reading list, exact in both
// directions. Plain JSON.parse plus hand-written checks: the schema is small, and the checks give
// messages that name the entry and the field (a schema library would add weight for no gain here).
import type { SavedPaper } from './saved-list';
import { checkImportSize, ImportError } from './types';
import { isAuthors, MAX_AUTHOR, MAX_AUTHORS, validateSavedList } from './validate-saved';

export { ImportError } from './types';

/** The format tag of our JSON export. */
export const JSON_FORMAT = 'paper-lens-reading-list';
/** The newest JSON export version this code writes and reads. */
export const JSON_VERSION = 1;
const MAX_TITLE = 1000;
const TOP_FIELDS = ['format', 'version', 'exportedAt', 'papers'];

/** The export envelope, version 1. */
export interface JsonExport {
  format: typeof JSON_FORMAT;
  version: 1;
  exportedAt: string;
  papers: SavedPaper[];
}

/** Only the SavedPaper fields, in a fixed order (drops any corpus extras of an ExportPaper). */
function pick(p: SavedPaper): SavedPaper {
  const { key, title, corpusId, arxivId, url, savedAt, tags, note, read, authors } = p;
  const picked: SavedPaper = { key, title, corpusId, arxivId, url, savedAt, tags: [...tags], note, read };
  if (authors && authors.length > 0) picked.authors = [...authors];
  return picked;
}

/** The reading list as a versioned JSON document (pretty-printed, ending in a newline). */
export function toJsonExport(papers: readonly SavedPaper[], now: number = Date.now()): string {
  const doc: JsonExport = {
    format: JSON_FORMAT,
    version: JSON_VERSION,
    exportedAt: new Date(now).toISOString(),
    papers: papers.map(pick),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNullableString = (x: unknown) => x === null || typeof x === 'string';

const FIELD_CHECKS: Record<keyof SavedPaper, [(x: unknown) => boolean, string]> = {
  key: [(x) => typeof x === 'string' && x.length > 0, 'a non-empty string'],
  title: [
    (x) => typeof x === 'string' && x.trim().length > 0 && x.length <= MAX_TITLE,
    `text of 1 to ${MAX_TITLE} characters`,
  ],
  corpusId: [isNullableString, 'a string or null'],
  arxivId: [isNullableString, 'a string or null'],
  url: [isNullableString, 'a string or null'],
  savedAt: [(x) => typeof x === 'number' && Number.isFinite(x) && x >= 0, 'a time in milliseconds'],
  tags: [(x) => Array.isArray(x) && x.every((t) => typeof t === 'string'), 'a list of strings'],
  note: [(x) => typeof x === 'string', 'a string'],
  read: [(x) => typeof x === 'boolean', 'true or false'],
  authors: [isAuthors, `a list of at most ${MAX_AUTHORS} names of at most ${MAX_AUTHOR} characters`],
};
/** Fields an entry may leave out. */
const OPTIONAL = new Set<string>(['authors']);

function checkEntry(raw: unknown, index: number): SavedPaper {
  const where = `Entry ${index + 1}`;
  if (!isObject(raw)) throw new ImportError(`${where} is not an object.`);
  const named = typeof raw.title === 'string' ? `${where} ("${raw.title.slice(0, 60)}")` : where;
  for (const [field, [ok, expected]] of Object.entries(FIELD_CHECKS)) {
    if (!(field in raw)) {
      if (OPTIONAL.has(field)) continue;
      throw new ImportError(`${named} has no "${field}" field.`);
    }
    if (!ok(raw[field])) throw new ImportError(`${named}: field "${field}" must be ${expected}.`);
  }
  const unknown = Object.keys(raw).find((field) => !(field in FIELD_CHECKS));
  if (unknown) throw new ImportError(`${named} has an unknown field "${unknown}".`);
  return pick(raw as unknown as SavedPaper);
}

/** Reads a Paper Lens JSON export, strictly: throws ImportError naming what is wrong, or returns every entry. */
export function parseJsonExport(text: string): { papers: SavedPaper[] } {
  checkImportSize(text);
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ImportError(`The file is not valid JSON (${(error as Error).message}).`);
  }
  if (!isObject(doc) || doc.format !== JSON_FORMAT) {
    throw new ImportError('This JSON file is not a Paper Lens reading-list export.');
  }
  const { version } = doc;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ImportError('The export has no valid version number.');
  }
  if (version > JSON_VERSION) {
    throw new ImportError(
      `The export is version ${version}, made by a newer Paper Lens; this one reads version ${JSON_VERSION}. Update Paper Lens to import it.`,
    );
  }
  if (typeof doc.exportedAt !== 'string' || Number.isNaN(Date.parse(doc.exportedAt))) {
    throw new ImportError('The export has no valid "exportedAt" date.');
  }
  if (!Array.isArray(doc.papers)) throw new ImportError('The export has no "papers" list.');
  const unknown = Object.keys(doc).find((field) => !TOP_FIELDS.includes(field));
  if (unknown) throw new ImportError(`The export has an unknown field "${unknown}".`);
  const papers = doc.papers.map(checkEntry);
  // Backstop: whatever is returned must pass the storage layer's own validation.
  const { problem } = validateSavedList({ papers });
  if (problem) throw new ImportError(`The export does not fit the reading list: ${problem}.`);
  return { papers };
}
