import { matchKey, wordTokens } from '../text/normalize';

/** FNV-1a over UTF-16 code units: tiny, deterministic, good enough to tell titles apart. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The stable id of a paper: a readable slug of its first words plus a hash of its matching key,
 * so the id survives rebuilds, re-ordered seeds and new seed files, and 'MMRL' and 'MMRL++' differ.
 */
export function paperId(title: string): string {
  const words: string[] = [];
  let length = 0;
  for (const token of wordTokens(title)) {
    const word = token.replace(/[^a-z0-9]/g, '');
    if (!word) continue;
    if (words.length >= 5 || length + word.length > 32) break;
    words.push(word);
    length += word.length + 1;
  }
  const hash = fnv1a(matchKey(title)).toString(36).padStart(7, '0');
  return `${words.join('-') || 'paper'}-${hash}`;
}
