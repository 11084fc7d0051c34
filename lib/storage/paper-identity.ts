// How a paper is recognised, however it is reached (abs, PDF, HTML, Hugging Face, search): pure.
import { matchKey } from '../text/normalize';
import type { PaperRef, SavedPaper } from './saved-list';

/** An arXiv id without its version suffix ('2403.03507v2' -> '2403.03507'). */
export function bareArxivId(id: string): string {
  return id.replace(/v\d+$/, '');
}

/** The identity of corpus paper `corpusId`: what a saved entry of it is keyed by. */
export function corpusKey(corpusId: string): string {
  return `corpus:${corpusId}`;
}

/** Every identity a paper can be recognised by: the same paper reached from abs, PDF, HTML or HF is one. */
export function identityKeys(ref: PaperRef): string[] {
  const keys: string[] = [];
  if (ref.corpusId) keys.push(corpusKey(ref.corpusId));
  if (ref.arxivId) keys.push(`arxiv:${bareArxivId(ref.arxivId)}`);
  // matchKey keeps Latin, Cyrillic and CJK only; a title in another script (Korean, Arabic) is
  // still a title: its letters and digits, case-folded, name it.
  const title =
    matchKey(ref.title) ||
    ref.title
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '');
  if (title) keys.push(`title:${title}`);
  return keys;
}

/** True when a saved entry is the paper `ref` names, by any of its identities. */
export function isSamePaper(entry: SavedPaper, ref: PaperRef): boolean {
  const mine = new Set(identityKeys(entry));
  return identityKeys(ref).some((key) => mine.has(key));
}

const MAX_TAGS = 50;
const MAX_TAG = 60;

/** Tags trimmed, lower-cased, unique, bounded. */
export function normaliseTags(tags: string[]): string[] {
  const clean = tags.map((tag) => tag.trim().toLowerCase().slice(0, MAX_TAG)).filter(Boolean);
  return [...new Set(clean)].slice(0, MAX_TAGS);
}
