import { cleanText } from './normalize';

/** A title as read from a page, cleaned of labels and tab decorations. */
export interface CleanTitle {
  /** The title text, entity-decoded, TeX-stripped and unicode-folded. */
  text: string;
  /** True when the page cut the title short ('...' or '…' at the end). */
  truncated: boolean;
}

const ARXIV_ID = String.raw`(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[a-z]{2})?/\d{7})(?:v\d+)?`;
const LEADING_DECORATIONS = [
  /^title\s*:\s*/i,
  new RegExp(String.raw`^\[\s*(?:arxiv:)?${ARXIV_ID}\s*\]\s*`, 'i'),
  new RegExp(String.raw`^arxiv:\s*${ARXIV_ID}\b\s*[:\-|]?\s*`, 'i'),
  /^paper page\s*[-:|]\s*/i,
  /^\[(?:pdf|html)\]\s*/i,
];
// Sites whose name a browser tab puts after the title.
const SITE_NAMES = String.raw`hugging\s*face(?:\s+papers)?|arxiv(?:\.org)?|alphaxiv|papers\s+with\s+code|semantic\s+scholar|openreview|google\s+scholar|researchgate|acl\s+anthology|ar5iv|connected\s+papers`;
const TRAILING_DECORATIONS = [
  new RegExp(String.raw`\s*[|\-:]\s*(?:${SITE_NAMES})\s*$`, 'i'),
  new RegExp(String.raw`\s*[(\[]\s*arxiv:\s*${ARXIV_ID}\s*[)\]]\s*$`, 'i'),
];

/** Strips a page title of 'Title:' labels, browser-tab forms and truncation marks. */
export function cleanPageTitle(raw: string): CleanTitle {
  // Bound the work on hostile input: no real title is anywhere near this long.
  let text = cleanText(raw.length > 2000 ? raw.slice(0, 2000) : raw);
  for (let changed = true; changed;) {
    changed = false;
    for (const pattern of [...LEADING_DECORATIONS, ...TRAILING_DECORATIONS]) {
      const next = text.replace(pattern, '');
      if (next !== text && next.length > 0) {
        text = next;
        changed = true;
      }
    }
  }
  let truncated = false;
  const cut = text.replace(/\s*(?:\.{3,}|…)\s*$/, '');
  if (cut !== text) {
    truncated = true;
    text = cut;
  }
  return { text: text.trim(), truncated };
}
