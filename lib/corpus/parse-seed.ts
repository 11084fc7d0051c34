import { collapseSpace } from '../text/normalize';
import { restoreHuggingFaceLinks } from './mirror-links';
import type { SeedPaper } from './types';

/** A seed line the parser could not place, with its file and 1-based line number. */
export class SeedParseError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
    readonly text: string,
  ) {
    const preview = text.length > 80 ? `${text.slice(0, 77)}...` : text;
    // Collected, never thrown: a stack trace per bad line cost ~1 KB and most of the time on garbage input.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(`${file}:${line}: ${reason}: ${JSON.stringify(preview)}`);
    Error.stackTraceLimit = stackTraceLimit;
    this.name = 'SeedParseError';
  }
}

/** Every paper a seed file holds, and every line that could not be placed. */
export interface SeedParseResult {
  papers: SeedPaper[];
  errors: SeedParseError[];
}

// Page chrome of Hugging Face listing pages, as the text dumps carry it.
const CHROME = new Set([
  'new',
  'Get trending papers in your email inbox!',
  'Get trending papers in your email inbox once a day!',
  'Subscribe',
  'Daily Papers',
  'Trending Papers',
  'byAK and the research community',
]);
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const HEADER_DATE = new RegExp(`^${MONTH} \\d{1,2}(?:, \\d{4})?$`);
const META_DATE = new RegExp(`^(${MONTH} \\d{1,2}(?:, \\d{4})?)(?: (\\d{1,7}))?$`);
const AUTHORS = /^•\s*(\d{1,5}) authors?$/;
const SEPARATOR = '·';
const MAX_TITLE = 400;
const MIN_ABSTRACT = 100;

interface Line {
  no: number;
  text: string;
}

type LineKind = 'authors' | 'separator' | 'date' | 'text';

function kindOf(text: string): LineKind {
  if (text === SEPARATOR) return 'separator';
  if (AUTHORS.test(text)) return 'authors';
  if (META_DATE.test(text)) return 'date';
  return 'text';
}

function looksLikeTitle(text: string): boolean {
  return text.length <= MAX_TITLE && kindOf(text) === 'text';
}

function looksLikeAbstract(text: string): boolean {
  return text.length >= MIN_ABSTRACT && kindOf(text) === 'text';
}

/** Splits the header chrome off; a first title glued to 'Subscribe' is split from it. */
function skipHeader(lines: Line[]): Line[] {
  let i = 0;
  for (; i < lines.length; i++) {
    const { text, no } = lines[i]!;
    if (CHROME.has(text) || HEADER_DATE.test(text)) continue;
    const glued = /^Subscribe(?=\S)(.*)$/.exec(text);
    if (glued) return [{ no, text: glued[1]! }, ...lines.slice(i + 1)];
    break;
  }
  return lines.slice(i);
}

/**
 * Parses the text of one Hugging Face paper-listing page dump into papers. It accepts the three
 * layouts seen in the wild (blank-line separated, with metadata blocks, and with no blank lines)
 * because all three are the same sequence of non-blank lines: title, abstract, optional metadata.
 */
export function parseSeedPage(text: string, file: string): SeedParseResult {
  const lines: Line[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, index) => {
      const trimmed = collapseSpace(raw);
      if (trimmed) lines.push({ no: index + 1, text: trimmed });
    });
  const body = skipHeader(lines);
  const papers: SeedPaper[] = [];
  const errors: SeedParseError[] = [];
  let i = 0;
  while (i < body.length) {
    const title = body[i]!;
    if (!looksLikeTitle(title.text)) {
      const reason =
        kindOf(title.text) === 'text'
          ? 'expected a paper title, found a long paragraph'
          : 'metadata line with no paper before it';
      errors.push(new SeedParseError(file, title.no, reason, title.text));
      i++;
      continue;
    }
    const abstract = body[i + 1];
    if (!abstract || !looksLikeAbstract(abstract.text)) {
      errors.push(new SeedParseError(file, title.no, 'paper title with no abstract after it', title.text));
      i++;
      continue;
    }
    const paper: SeedPaper = {
      title: title.text,
      abstract: restoreHuggingFaceLinks(abstract.text),
      authorCount: null,
      organisation: null,
      date: null,
      upvotes: null,
      source: file,
      line: title.no,
    };
    i = readMetadata(body, i + 2, paper);
    papers.push(paper);
  }
  return { papers, errors };
}

/** Reads the optional block after an abstract: an author count or organisation line, '·', a date. */
function readMetadata(body: Line[], start: number, paper: SeedPaper): number {
  let i = start;
  const at = (k: number) => body[k]?.text ?? '';
  const authors = AUTHORS.exec(at(i));
  if (authors) {
    paper.authorCount = Number(authors[1]);
    i++;
  } else if (at(i + 1) === SEPARATOR && kindOf(at(i)) === 'text' && at(i).length <= 120) {
    // An organisation line ('nvidia NVIDIA'): the org's handle, then its display name.
    const org = at(i);
    const space = org.indexOf(' ');
    paper.organisation = space > 0 ? org.slice(space + 1) : org;
    i++;
  }
  // The '·' only ever stands before a date; a stray one is left in place to be reported, not eaten.
  if (at(i) === SEPARATOR && META_DATE.test(at(i + 1))) i++;
  const date = META_DATE.exec(at(i));
  if (date) {
    paper.date = date[1]!;
    paper.upvotes = date[2] === undefined ? null : Number(date[2]);
    i++;
  }
  return i;
}
