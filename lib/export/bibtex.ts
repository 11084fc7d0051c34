// BibTeX export. @retorquere/bibtex-parser (Zotero's Better BibTeX parser) only reads, and the
// maintained writers come with whole citation frameworks (citation-js), so writing is templated here
// and tested by reading the output back with that parser (read-bibtex.ts does the same for import).
// Significant title words come from the `stopword` package already used for related work.
// Every entry is @misc with biblatex/arXiv eprint fields (eprint, archivePrefix), which both BibTeX
// styles and biblatex accept for preprints. Titles are wrapped in double braces ({{...}}) so no
// style changes their capitalisation; text is escaped for LaTeX and unicode is kept as UTF-8.
import { removeStopwords } from 'stopword';
import { wordTokens } from '../text/normalize';
import { paperLink, paperYear, type ExportPaper } from './types';

const SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
};

/** Escapes text for a braced BibTeX field: LaTeX specials, and ligatures (--, '', ``, ,,, !`, ?`) broken with {}. */
export function escapeBibtex(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\{}&%$#_~^<>|]/g, (c) => SPECIAL[c]!)
    .replace(/([-'`,])(?=\1)/g, '$1{}')
    .replace(/([!?])(?=`)/g, '$1{}');
}

/** A URL made safe for a verbatim field: braces, backslashes and white space percent-encoded. */
function verbatimUrl(url: string): string {
  return url.trim().replace(/[{}\\\s]/g, (c) => encodeURIComponent(c));
}

/** The base of a citation key: first significant title word (ASCII-folded) plus the year when known. */
export function baseKey(paper: Pick<ExportPaper, 'title' | 'arxivId' | 'date'>): string {
  const words = removeStopwords(wordTokens(paper.title))
    .map((w) => w.replace(/\+/g, ''))
    .filter((w) => /^[a-z0-9]+$/.test(w) && /[a-z]/.test(w));
  return `${words[0] ?? 'paper'}${paperYear(paper) ?? ''}`;
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
  const keys: string[] = [];
  for (const i of order) {
    const base = baseKey(papers[i]!);
    let key = base;
    for (let n = 0; used.has(key); n++) key = base + suffix(n);
    used.add(key);
    keys[i] = key;
  }
  return keys;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function entry(paper: ExportPaper, key: string): string {
  const fields: [string, string][] = [['title', `{${escapeBibtex(paper.title)}}`]];
  if (paper.arxivId) fields.push(['eprint', escapeBibtex(paper.arxivId)], ['archivePrefix', 'arXiv']);
  const link = paperLink(paper);
  if (link) fields.push(['url', verbatimUrl(link)]);
  const year = paperYear(paper);
  if (year) fields.push(['year', String(year)]);
  if (paper.organisation?.trim()) fields.push(['organization', escapeBibtex(paper.organisation)]);
  // Keywords are matched as plain strings (biblatex's keyword= filters, Zotero reads them verbatim),
  // so they are not TeX-escaped; readers split on ',' and ';', and braces and '\\' would break syntax.
  const tags = paper.tags.map((t) => t.replace(/[,;{}\\\s]+/g, ' ').trim()).filter(Boolean);
  if (tags.length > 0) fields.push(['keywords', tags.join(', ')]);
  if (paper.note.trim()) fields.push(['note', escapeBibtex(paper.note)]);
  if (paper.abstract?.trim()) fields.push(['abstract', escapeBibtex(paper.abstract)]);
  const body = fields.map(([name, value]) => `  ${name} = {${value}}`).join(',\n');
  return `@misc{${key},\n${body}\n}\n`;
}

/** The papers as a BibTeX file: one @misc entry each, with unique and stable citation keys. */
export function toBibtex(papers: readonly ExportPaper[]): string {
  const keys = citationKeys(papers);
  return papers.map((paper, i) => entry(paper, keys[i]!)).join('\n');
}
