// BibTeX export that pdfLaTeX reads with classic BibTeX (plain, unsrt, plainnat) and with
// biblatex + biber: tests/tex compiles it with the real tools. @retorquere/bibtex-parser (Zotero's
// Better BibTeX parser) only reads, and the maintained writers come with whole citation frameworks
// (citation-js), so writing is templated here; tex-text.ts turns plain text into field TeX.
// Every entry is @misc: the arXiv id goes in eprint/archivePrefix (biblatex) and in howpublished,
// which plain and unsrt print too. The reader's notes go in annote and tags in keywords, which no
// standard style prints, unless the export is asked to print the notes.
import { eng } from 'stopword';
import { wordTokens } from '../text/normalize';
import { BIBTEX_PREAMBLE, toTexText } from './tex-text';
import { paperLink, paperYear, type ExportPaper } from './types';

/** How a BibTeX export treats the reader's own notes. */
export interface BibtexOptions {
  /** 'annote' (default): kept but printed by no standard style; 'note': printed in the reference list. */
  notes?: 'annote' | 'note';
}

/** Escapes text for a braced BibTeX field (see tex-text.ts); kept under this name for callers. */
export function escapeBibtex(text: string): string {
  return toTexText(text);
}

/** stopword's English list (what its removeStopwords uses by default), as a set: one lookup a word. */
const STOPWORDS = new Set(eng);

// A URL that \url, a verbatim url field and plainnat's \texttt fallback all print as it is.
const PLAIN_URL = /^https?:\/\/[A-Za-z0-9.\-/:?=+,;!*'()@]+$/;

/** The base of a citation key: first significant title word (ASCII-folded) plus the year when known. */
export function baseKey(paper: Pick<ExportPaper, 'title' | 'arxivId' | 'date'>): string {
  const word = wordTokens(paper.title)
    .filter((w) => !STOPWORDS.has(w.toLowerCase()))
    .map((w) => w.replace(/\+/g, ''))
    .find((w) => /^[a-z0-9]+$/.test(w) && /[a-z]/.test(w));
  return `${word ?? 'paper'}${paperYear(paper) ?? ''}`;
}

function suffix(n: number): string {
  // 0 -> a, 25 -> z, 26 -> aa: bijective base 26.
  return (n >= 26 ? suffix(Math.floor(n / 26) - 1) : '') + String.fromCharCode(97 + (n % 26));
}

/**
 * Unique citation keys, one per paper in input order. Papers are keyed in order of savedAt, then
 * entry key, so the earliest saved keeps the bare key and later ones get a, b, c: adding papers
 * saved later never changes the keys already exported.
 */
export function citationKeys(papers: readonly ExportPaper[]): string[] {
  const order = papers.map((_, i) => i);
  order.sort((a, b) => papers[a]!.savedAt - papers[b]!.savedAt || cmp(papers[a]!.key, papers[b]!.key) || a - b);
  const used = new Set<string>();
  // Per base, the first suffix not yet tried: every one before it is taken and stays taken, so the
  // search resumes there instead of walking a..zz again for each of a thousand "towards2024" papers.
  const nextSuffix = new Map<string, number>();
  const keys: string[] = [];
  for (const i of order) {
    const base = baseKey(papers[i]!);
    let key = base;
    if (used.has(key)) {
      let n = nextSuffix.get(base) ?? 0;
      while (used.has((key = base + suffix(n)))) n++;
      nextSuffix.set(base, n + 1);
    }
    used.add(key);
    keys[i] = key;
  }
  return keys;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Author names for the author field: each name's TeX, joined with "and". A person is held as
 * "Last, First" (see SavedPaper.authors) and written so; any other name, an organisation such as
 * "Google DeepMind", or one holding "and", is braced so that BibTeX reads it as one name.
 */
function authorField(authors: readonly string[]): string | null {
  const names = authors.map((name) => [name.trim(), toTexText(name)] as const).filter(([, tex]) => tex);
  if (names.length === 0) return null;
  return names
    .map(([name, tex]) => (name === 'others' || (name.includes(',') && !/\band\b/i.test(tex)) ? tex : `{${tex}}`))
    .join(' and ');
}

/**
 * The sort and label key of an entry with no author, which plainnat prints where the authors go and
 * inside \\bibitem[...(year)] (where brackets, parentheses and TeX break the label): the title's first
 * words in plain ASCII, or up to 60 characters of it where two entries would share the short one, else
 * the citation key. Without a key plainnat labels such entries by the first three letters of their
 * citation key, runs out of a..z suffixes after 26 alike and writes a broken .bbl.
 */
function labelKey(title: string, long: boolean): string | null {
  const ascii = title
    .normalize('NFD')
    .replace(/[^A-Za-z0-9\s-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const cut = long
    ? ascii.length > 60
      ? ascii.slice(0, 60).replace(/\s+\S*$/, '')
      : ascii
    : ascii.split(' ').slice(0, 3).join(' ');
  return /[A-Za-z0-9]/.test(cut) ? cut : null;
}

/** Each paper's key field (null when it has authors): short where unique in the file, longer where not. */
function labelKeys(papers: readonly ExportPaper[], citation: string[]): (string | null)[] {
  const short = papers.map((p) => (authorField(p.authors ?? []) ? null : labelKey(p.title, false)));
  const counts = new Map<string, number>();
  for (const key of short) if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  return papers.map((p, i) => {
    if (authorField(p.authors ?? [])) return null;
    const key = short[i];
    const chosen = key && counts.get(key) === 1 ? key : labelKey(p.title, true);
    return chosen ?? citation[i]!;
  });
}

function entry(paper: ExportPaper, key: string, label: string | null, options: BibtexOptions): string {
  const fields: [string, string][] = [];
  const authors = authorField(paper.authors ?? []);
  if (authors) fields.push(['author', authors]);
  if (label) fields.push(['key', label]);
  fields.push(['title', `{${toTexText(paper.title)}}`]);
  if (paper.arxivId) {
    fields.push(['howpublished', `arXiv:${toTexText(paper.arxivId)}`]);
    fields.push(['eprint', toTexText(paper.arxivId)], ['archivePrefix', 'arXiv']);
  }
  const link = paperLink(paper)?.trim();
  if (link && PLAIN_URL.test(link)) fields.push(['url', link]);
  const year = paperYear(paper);
  if (year) fields.push(['year', String(year)]);
  if (paper.organisation?.trim()) fields.push(['organization', toTexText(paper.organisation)]);
  // Keywords are matched as plain strings (biblatex's keyword= filters, Zotero reads them verbatim),
  // so they are not TeX-escaped; readers split on ',' and ';', and braces, '\\', '%' and '#' would
  // break the syntax of the .bib or of the .bbl biber writes (where they are stored, never printed).
  const tags = paper.tags.map((t) => t.replace(/[,;{}\\%#\s]+/g, ' ').trim()).filter(Boolean);
  if (tags.length > 0) fields.push(['keywords', tags.join(', ')]);
  if (paper.note.trim()) fields.push([options.notes ?? 'annote', toTexText(paper.note)]);
  if (paper.abstract?.trim()) fields.push(['abstract', toTexText(paper.abstract)]);
  const body = fields.map(([name, value]) => `  ${name} = {${value}}`).join(',\n');
  return `@misc{${key},\n${body}\n}\n`;
}

/** The papers as a BibTeX file: a @preamble, then one @misc entry each with unique and stable citation keys. */
export function toBibtex(papers: readonly ExportPaper[], options: BibtexOptions = {}): string {
  const keys = citationKeys(papers);
  const labels = labelKeys(papers, keys);
  return [`${BIBTEX_PREAMBLE}\n`, ...papers.map((paper, i) => entry(paper, keys[i]!, labels[i]!, options))].join('\n');
}
