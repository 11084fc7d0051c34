// BibTeX import with @retorquere/bibtex-parser (the parser behind Zotero's Better BibTeX): it
// handles @string macros, concatenation, TeX accents and commands to unicode, and reports syntax
// errors such as unbalanced braces with line and column. Pure JS (no Node built-ins), bundles for
// the browser (about 550 kB minified, mostly its LaTeX-to-unicode tables), so load this module lazily.
import { parse, type Entry } from '@retorquere/bibtex-parser';
import { ARXIV_ID } from '../pages/arxiv';
import { ImportError, type ImportedPaper } from './types';

const ID = ARXIV_ID.source;
const ARXIV_URL = new RegExp(`arxiv\\.org/(?:abs|pdf|html)/${ID}`, 'i');
const ARXIV_DOI = new RegExp(`10\\.48550/arXiv\\.${ID}`, 'i');
const ARXIV_TEXT = new RegExp(`arXiv:\\s*${ID}`, 'i');
const WHOLE_ID = new RegExp(`^(?:arXiv:)?\\s*${ID}$`, 'i');

/** Removes the parser's rich-text markup (<i>, <b>, <span class="nocase">...) and keeps paragraphs. */
function plain(text: string, keepParagraphs = false): string {
  const paragraphs = text.split(/<\/?(?:p|br)\s*\/?>/i).map((part) =>
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

function field(entry: Entry, name: string): string | null {
  const value = (entry.fields as Record<string, unknown>)[name];
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** The arXiv id (without version) an entry names in eprint, arxivid, url, doi or a journal/note text. */
function arxivIdOf(entry: Entry): string | null {
  const prefix = (field(entry, 'archiveprefix') ?? field(entry, 'eprinttype') ?? 'arxiv').toLowerCase();
  const candidates: [string | null, RegExp][] = [
    [prefix === 'arxiv' ? field(entry, 'eprint') : null, WHOLE_ID],
    [field(entry, 'arxivid') ?? field(entry, 'arxiv'), WHOLE_ID],
    [field(entry, 'url'), ARXIV_URL],
    [field(entry, 'doi'), ARXIV_DOI],
    [field(entry, 'journal') ?? field(entry, 'journaltitle'), ARXIV_TEXT],
    [field(entry, 'howpublished'), ARXIV_URL],
    [field(entry, 'note'), ARXIV_TEXT],
  ];
  for (const [text, pattern] of candidates) {
    const match = text ? pattern.exec(text) : null;
    if (match?.[1]) return match[1];
  }
  return null;
}

function urlOf(entry: Entry): string | null {
  const url = field(entry, 'url') ?? field(entry, 'howpublished');
  if (url && /^https?:\/\/\S+$/i.test(url)) return url;
  const doi = field(entry, 'doi');
  return doi ? `https://doi.org/${doi.replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, '')}` : null;
}

function toImported(entry: Entry): ImportedPaper {
  const title = plain(field(entry, 'title') ?? '');
  if (!title) throw new ImportError(`The BibTeX entry "${entry.key}" has no title.`);
  const keywords = entry.fields.keywords ?? [];
  return {
    title,
    corpusId: null,
    arxivId: arxivIdOf(entry),
    url: urlOf(entry),
    tags: [...new Set(keywords.map((k) => plain(k)).filter(Boolean))],
    note: plain(field(entry, 'note') ?? '', true),
  };
}

/**
 * Where braces do not pair up, outside quoted or escaped text: an extra '}' (which the parser skips
 * as text between entries, silently dropping what follows it) or a '{' never closed. Null when they pair.
 */
export function findUnbalancedBrace(text: string): string | null {
  const open: number[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && text[i + 1] !== '\n') i++;
    else if (c === '\n') line++;
    else if (c === '%' && open.length === 0) {
      const end = text.indexOf('\n', i);
      i = (end < 0 ? text.length : end) - 1;
    } else if (c === '{') open.push(line);
    else if (c === '}' && open.pop() === undefined) return `an extra '}' on line ${line}`;
  }
  const last = open.at(-1);
  return last === undefined ? null : `the '{' on line ${last} is never closed`;
}

/** Reads BibTeX text into imported papers; throws ImportError on any syntax error or when no entry is found. */
export function parseBibtex(text: string): ImportedPaper[] {
  let library: ReturnType<typeof parse>;
  try {
    // No sentence-casing and no case-protection markup: titles come back exactly as written.
    library = parse(text, { sentenceCase: false, english: false, caseProtection: false, unsupported: 'ignore' });
  } catch (error) {
    throw new ImportError(`The BibTeX could not be read: ${(error as Error).message}`);
  }
  const [first] = library.errors;
  if (first) {
    const more = library.errors.length > 1 ? ` (and ${library.errors.length - 1} more problems)` : '';
    const hint = /^(Token mismatch|Unterminated)/.test(first.error)
      ? ' Check for unbalanced braces or a missing comma.'
      : '';
    throw new ImportError(`The BibTeX could not be read: ${first.error}${more}.${hint}`);
  }
  const unbalanced = findUnbalancedBrace(text);
  if (unbalanced)
    throw new ImportError(`The BibTeX has unbalanced braces: ${unbalanced}. Nothing was imported from it.`);
  if (library.entries.length === 0) throw new ImportError('The BibTeX file holds no entries.');
  return library.entries.map(toImported);
}
