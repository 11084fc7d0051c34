// How a paper is recognised, however it is reached (abs, PDF, HTML, Hugging Face, search): pure.
import { matchKey } from '../text/normalize';
import type { PaperRef } from './saved-list';

/** An arXiv id without its version suffix ('2403.03507v2' -> '2403.03507'). */
export function bareArxivId(id: string): string {
  return id.replace(/v\d+$/, '');
}

/** The identity of corpus paper `corpusId`: what a saved entry of it is keyed by. */
export function corpusKey(corpusId: string): string {
  return `corpus:${corpusId}`;
}

/** Title keys already computed: a listing asks for the same 2,000 titles on every change of the list. */
const titleKeys = new Map<string, string>();
const TITLE_KEYS_KEPT = 10_000;

function titleKey(title: string): string {
  let key = titleKeys.get(title);
  if (key !== undefined) return key;
  // matchKey keeps Latin, Cyrillic and CJK only; a title in another script (Korean, Arabic) is
  // still a title: its letters and digits, case-folded, name it.
  key =
    matchKey(title) ||
    title
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '');
  if (titleKeys.size >= TITLE_KEYS_KEPT) titleKeys.clear();
  titleKeys.set(title, key);
  return key;
}

/** Every identity a paper can be recognised by: the same paper reached from abs, PDF, HTML or HF is one. */
export function identityKeys(ref: PaperRef): string[] {
  const keys: string[] = [];
  if (ref.corpusId) keys.push(corpusKey(ref.corpusId));
  if (ref.arxivId) keys.push(`arxiv:${bareArxivId(ref.arxivId)}`);
  const title = titleKey(ref.title);
  if (title) keys.push(`title:${title}`);
  return keys;
}

/**
 * True when a saved entry is the paper `ref` names. The strongest identity both name decides: the
 * corpus id, then the arXiv id, then the title. One shared key is not enough: two listing entries
 * whose titles are two different corpus papers are two papers even when the page (or a test
 * listing, or a mislabelled mirror) gives them the same arXiv id; merging them made a badge save
 * into, and then unsave, another paper's entry (issue 14).
 */
export function isSamePaper(entry: PaperRef, ref: PaperRef): boolean {
  if (entry.corpusId && ref.corpusId) return entry.corpusId === ref.corpusId;
  if (entry.arxivId && ref.arxivId) return bareArxivId(entry.arxivId) === bareArxivId(ref.arxivId);
  const title = matchKey(entry.title);
  return title !== '' && title === matchKey(ref.title);
}

/** Finds a paper's entry in a list quickly (a listing asks for each of its 2,000 badges): by any
 * identity first, then decided by isSamePaper. */
export function createPaperFinder<T extends PaperRef>(papers: readonly T[]): (ref: PaperRef) => T | undefined {
  if (papers.length === 0) return () => undefined;
  const byKey = new Map<string, T[]>();
  for (const paper of papers) {
    for (const key of identityKeys(paper)) byKey.set(key, [...(byKey.get(key) ?? []), paper]);
  }
  return (ref) => {
    for (const key of identityKeys(ref)) {
      const found = byKey.get(key)?.find((paper) => isSamePaper(paper, ref));
      if (found) return found;
    }
    return undefined;
  };
}

const MAX_TAGS = 50;
const MAX_TAG = 60;

/** Tags trimmed, lower-cased, unique, bounded. */
export function normaliseTags(tags: string[]): string[] {
  const clean = tags.map((tag) => tag.trim().toLowerCase().slice(0, MAX_TAG)).filter(Boolean);
  return [...new Set(clean)].slice(0, MAX_TAGS);
}
