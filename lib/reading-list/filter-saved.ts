// The Saved view's filter: each entry's title, note and tags folded once into one search text, so a
// keystroke is a substring test per entry and nothing more. Pure.
import { foldCase, foldUnicode } from '../text/normalize';
import type { SavedPaper } from './saved-list';

// Plain ASCII (nearly every entry) needs only lower-casing; the full fold (NFKC, NFKD, look-alike
// dashes and quotes) costs several times more and changes nothing there.
// oxlint-disable-next-line no-control-regex
const NOT_ASCII = /[^\x00-\x7f]/;
const LINE_BREAKS = /[\t\n\r\f\v]/g;

/** Text folded for the filter: case and diacritics folded, look-alike dashes and quotes made ASCII. */
export function foldForFilter(text: string): string {
  return NOT_ASCII.test(text) ? foldCase(foldUnicode(text)) : text.replace(LINE_BREAKS, ' ').toLowerCase();
}

/** One entry's search text: title, note and tags, folded. */
function searchText(paper: SavedPaper): string {
  return foldForFilter(`${paper.title}\n${paper.note}\n${paper.tags.join(' ')}`);
}

const sameText = (a: SavedPaper, b: SavedPaper) =>
  a === b || (a.title === b.title && a.note === b.note && a.tags.join('\n') === b.tags.join('\n'));

/** The Saved view's filter, with the search texts it keeps. */
export interface SavedFilter {
  /** Folds the texts of a list now (the view calls it once the first rows are shown). */
  prepare(papers: readonly SavedPaper[]): void;
  /** The entries whose text holds `needle` (folded) and that carry `tag`, in list order. */
  filter(papers: readonly SavedPaper[], needle: string, tag: string | null): readonly SavedPaper[];
}

/**
 * A filter that folds each entry's text once. The list read again after a change is mostly the same
 * entries as new objects, so texts are reused by entry key while title, note and tags are unchanged.
 */
export function createSavedFilter(): SavedFilter {
  let list: readonly SavedPaper[] | null = null;
  let texts: string[] = [];
  let known = new Map<string, { paper: SavedPaper; text: string }>();
  const prepare = (papers: readonly SavedPaper[]) => {
    if (papers === list) return;
    const next = new Map<string, { paper: SavedPaper; text: string }>();
    texts = papers.map((paper) => {
      const before = known.get(paper.key);
      const text = before && sameText(before.paper, paper) ? before.text : searchText(paper);
      next.set(paper.key, { paper, text });
      return text;
    });
    known = next;
    list = papers;
  };
  return {
    prepare,
    filter(papers, needle, tag) {
      const folded = foldForFilter(needle.trim());
      if (folded === '' && tag === null) return papers;
      if (folded === '') return papers.filter((paper) => paper.tags.includes(tag!));
      prepare(papers);
      return papers.filter((paper, i) => (tag === null || paper.tags.includes(tag)) && texts[i]!.includes(folded));
    },
  };
}
