// BibTeX import that takes what it can. scan-bibtex.ts splits the file into entries (an unreadable
// one is skipped with its line and reason); each entry's few kept fields then go through
// @retorquere/bibtex-parser (the parser behind Zotero's Better BibTeX), which decodes TeX accents,
// commands and @string macros. Plain values skip the parser: it is slow on long text. About 550 kB
// minified, mostly LaTeX-to-unicode tables, so only the import path loads this module.
import { parse } from '@retorquere/bibtex-parser';
import { ARXIV_ID } from '../pages/arxiv';
import { scanSteps, type RawEntry, type ScannedBibtex, type SkippedEntry } from './scan-bibtex';
import { ImportError, type ImportedPaper } from './types';

export { findUnbalancedBrace } from './unbalanced';

const ID = ARXIV_ID.source;
const ARXIV_URL = new RegExp(`arxiv\\.org/(?:abs|pdf|html)/${ID}`, 'i');
const ARXIV_DOI = new RegExp(`10\\.48550/arXiv\\.${ID}`, 'i');
const ARXIV_TEXT = new RegExp(`arXiv:\\s*${ID}`, 'i');
const WHOLE_ID = new RegExp(`^(?:arXiv:)?\\s*${ID}$`, 'i');

/** The fields an import reads; the rest (abstracts, files, editors) are never decoded. */
const KEPT = [
  'title',
  'author',
  'keywords',
  'note',
  'annote',
  'annotation',
  'url',
  'howpublished',
  'doi',
  'eprint',
  'archiveprefix',
  'eprinttype',
  'arxivid',
  'arxiv',
  'journal',
  'journaltitle',
];
/** Entry types that are never a paper of their own: sets of entries, and inherited data. */
const NOT_PAPERS = new Set(['set', 'xdata']);
/** Container types: not a paper when other entries cross-reference them. */
const CONTAINERS = new Set([
  'proceedings',
  'mvproceedings',
  'book',
  'mvbook',
  'collection',
  'mvcollection',
  'periodical',
]);
const PARSER_OPTIONS = {
  sentenceCase: false,
  english: false,
  caseProtection: false,
  unsupported: 'ignore',
  applyCrossRef: false,
} as const;

/** What a BibTeX file gave: the papers (each with the line it starts on) and the entries skipped. */
export interface BibtexImport {
  papers: (ImportedPaper & { line: number })[];
  skipped: SkippedEntry[];
}

/** Removes the parser's rich-text markup (<i>, <b>, <span class="nocase">...) and keeps paragraphs. */
function plain(value: string, keepParagraphs = false): string {
  const paragraphs = value.split(/<\/?(?:p|br)\s*\/?>|\n\s*\n/i).map((part) =>
    part
      .replace(/<\/?(?:i|b|sup|sub|sc|code|li|span)(?:\s[^>]*)?>/gi, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  // TeX accents come back as combining marks (a + U+0301): compose them as typed text is.
  return paragraphs
    .filter(Boolean)
    .join(keepParagraphs ? '\n\n' : ' ')
    .normalize('NFC');
}

/**
 * A raw value that holds no TeX: one braced or quoted group of plain text (inner braces only
 * protect case, as in {T}ransformer, and are dropped), or a number. Null when the parser is needed.
 */
function plainValue(raw: string): string | null {
  if (/^\d+$/.test(raw)) return raw;
  const inner = /^\{(.*)\}$/s.exec(raw)?.[1] ?? /^"([^"]*)"$/s.exec(raw)?.[1];
  if (inner === undefined || /[\\$~^_&%#`'"]|--/.test(inner)) return null;
  let depth = 0;
  for (const c of inner) {
    if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return null;
  }
  if (depth !== 0) return null;
  // Blank lines are paragraph breaks (as in TeX): kept, for notes.
  return inner
    .replace(/[{}]/g, '')
    .split(/\n\s*\n/)
    .map((part) => part.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

/** The entry's kept fields decoded to text: plain values directly, the rest through the parser. */
function decodeFields(
  entry: RawEntry,
  strings: Record<string, string>,
): { fields: Record<string, unknown>; error?: string } {
  const fields: Record<string, unknown> = {};
  const tex: string[] = [];
  for (const name of KEPT) {
    const raw = entry.fields.get(name);
    if (raw === undefined) continue;
    // Names always go through the parser: "and" at brace depth 0 splits them, a braced one is an organisation.
    const value = name === 'author' ? null : plainValue(raw);
    if (value !== null) fields[name] = name === 'keywords' ? value.split(/\s*[,;]\s*/).filter(Boolean) : value;
    // Our own export wraps text pdfLaTeX cannot print in this macro: the text inside is the value.
    else tex.push(`${name} = ${raw.replace(/\\PaperLensUnicode\s*(?=\{)/g, '')}`);
  }
  if (tex.length === 0) return { fields };
  const library = parse(`@misc{x,\n${tex.join(',\n')}\n}`, { ...PARSER_OPTIONS, strings });
  const parsed = library.entries[0]?.fields ?? {};
  const unresolved = library.errors
    .map((e) => /^Unresolved @string reference "(.+)"$/.exec(e.error)?.[1])
    .filter(Boolean);
  const titleMacro = unresolved.find((macro) =>
    new RegExp(`(^|#)\\s*${macro}\\s*(#|$)`, 'i').test(entry.fields.get('title') ?? ''),
  );
  if (titleMacro) return { fields, error: `its title uses the @string "${titleMacro}", which the file never defines` };
  const other = library.errors.find((e) => !e.error.startsWith('Unresolved @string reference'));
  if (other && !parsed.title && !fields.title) return { fields, error: other.error };
  return { fields: { ...parsed, ...fields } };
}

function text(fields: Record<string, unknown>, name: string): string | null {
  const value = fields[name];
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** The arXiv id (without version) an entry names in eprint, arxivid, url, doi or a journal/note text. */
function arxivIdOf(fields: Record<string, unknown>): string | null {
  const prefix = (text(fields, 'archiveprefix') ?? text(fields, 'eprinttype') ?? 'arxiv').toLowerCase();
  const candidates: [string | null, RegExp][] = [
    [prefix === 'arxiv' ? text(fields, 'eprint') : null, WHOLE_ID],
    [text(fields, 'arxivid') ?? text(fields, 'arxiv'), WHOLE_ID],
    [text(fields, 'url'), ARXIV_URL],
    [text(fields, 'doi'), ARXIV_DOI],
    [text(fields, 'journal') ?? text(fields, 'journaltitle'), ARXIV_TEXT],
    [text(fields, 'howpublished'), ARXIV_URL],
    [text(fields, 'howpublished'), ARXIV_TEXT],
    [text(fields, 'note'), ARXIV_TEXT],
  ];
  for (const [value, pattern] of candidates) {
    const match = value ? pattern.exec(value) : null;
    if (match?.[1]) return match[1];
  }
  return null;
}

/**
 * A DOI as its bare 10.x/... form, whatever it was written as: "doi:10...", "https://doi.org/10...",
 * "http://dx.doi.org/10..." and even "https://doi.org/http://doi.acm.org/10..." (as some exports nest
 * them). Null when it holds no DOI.
 */
export function normaliseDoi(value: string): string | null {
  const doi = /\b(10\.\d{4,9}\/\S+)/.exec(value.trim())?.[1];
  return doi ? doi.replace(/[.,;]+$/, '') : null;
}

function urlOf(fields: Record<string, unknown>): string | null {
  const url = text(fields, 'url') ?? text(fields, 'howpublished');
  const doi = text(fields, 'doi');
  const bare = doi ? normaliseDoi(doi) : null;
  // A DOI names the paper more surely than a landing page: it is the link kept.
  if (bare) return `https://doi.org/${bare}`;
  const first = url ? /https?:\/\/\S+/i.exec(url)?.[0] : undefined;
  return first ?? null;
}

/** Notes from annote (BibTeX), annotation (biblatex, Zotero) and note, each once, in that order. */
function notesOf(fields: Record<string, unknown>): string {
  const notes = ['annote', 'annotation', 'note']
    .map((name) => plain(text(fields, name) ?? '', true))
    .filter((note, i, all) => note && all.indexOf(note) === i);
  return notes.join('\n\n');
}

/** One name as the parser gives it, as SavedPaper.authors holds it ("von Last, Jr, First", or a literal name). */
function authorName(creator: unknown): string {
  if (typeof creator !== 'object' || creator === null) return '';
  const c = creator as { name?: string; lastName?: string; firstName?: string; prefix?: string; suffix?: string };
  if (c.name !== undefined) return plain(c.name);
  const last = plain([c.prefix, c.lastName].filter(Boolean).join(' '));
  const rest = [c.suffix, c.firstName].map((part) => plain(part ?? '')).filter(Boolean);
  return rest.length > 0 ? [last, ...rest].join(', ') : last;
}

function toImported(entry: RawEntry, fields: Record<string, unknown>): ImportedPaper & { line: number } {
  const keywords = fields.keywords;
  const tags = Array.isArray(keywords) ? keywords.map((k) => plain(String(k))) : [];
  const authors = Array.isArray(fields.author) ? fields.author.map(authorName).filter(Boolean) : [];
  return {
    line: entry.line,
    title: plain(text(fields, 'title') ?? ''),
    corpusId: null,
    arxivId: arxivIdOf(fields),
    url: urlOf(fields),
    tags: [...new Set(tags.filter(Boolean))],
    note: notesOf(fields),
    ...(authors.length > 0 ? { authors } : {}),
  };
}

/** Parses the file's @string definitions once, for every entry. */
function readStrings(chunks: string[]): Record<string, string> {
  if (chunks.length === 0) return {};
  return parse(chunks.join('\n'), PARSER_OPTIONS).strings;
}

/** Reads the entries one at a time, yielding between them so a caller can pause. */
function* readEntries(source: string, out: BibtexImport): Generator<void, void, void> {
  // Old Mac files end lines with CR alone: as LF, entry starts and line numbers are found the same way.
  const scanned: ScannedBibtex = { entries: [], strings: [], skipped: [] };
  yield* scanSteps(source.replace(/\r\n?/g, '\n'), scanned);
  const strings = readStrings(scanned.strings);
  out.skipped.push(...scanned.skipped);
  const parents = new Set(
    scanned.entries
      .map((e) =>
        e.fields
          .get('crossref')
          ?.replace(/^[{"]|[}"]$/g, '')
          .trim()
          .toLowerCase(),
      )
      .filter(Boolean),
  );
  for (const entry of scanned.entries) {
    yield;
    const where = `The @${entry.type} entry${entry.key ? ` "${entry.key}"` : ''}`;
    if (NOT_PAPERS.has(entry.type)) {
      out.skipped.push({ line: entry.line, reason: `${where} is a set of other entries, not a paper.` });
      continue;
    }
    if (CONTAINERS.has(entry.type) && parents.has(entry.key.toLowerCase())) {
      out.skipped.push({
        line: entry.line,
        reason: `${where} is the volume other entries cite through crossref, not a paper.`,
      });
      continue;
    }
    const { fields, error } = decodeFields(entry, strings);
    if (error) {
      out.skipped.push({ line: entry.line, reason: `${where} could not be read: ${error}.` });
      continue;
    }
    const paper = toImported(entry, fields);
    if (!paper.title) out.skipped.push({ line: entry.line, reason: `${where} has no title.` });
    else out.papers.push(paper);
  }
  out.skipped.sort((a, b) => a.line - b.line);
  if (out.papers.length === 0 && out.skipped.length === 0) throw new ImportError('The BibTeX file holds no entries.');
}

/** Reads BibTeX text: every entry that names a paper, and each entry skipped with its line and reason. */
export function parseBibtex(source: string): BibtexImport {
  const out: BibtexImport = { papers: [], skipped: [] };
  for (const _ of readEntries(source, out));
  return out;
}

/** parseBibtex in slices: `pause` is awaited between entries (it yields to the event loop when a slice is used up). */
export async function parseBibtexInSlices(source: string, pause: () => Promise<void>): Promise<BibtexImport> {
  const out: BibtexImport = { papers: [], skipped: [] };
  for (const _ of readEntries(source, out)) await pause();
  return out;
}
