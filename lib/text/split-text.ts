import { collapseSpace } from './normalize';

const MAX_TITLE = 300;

/**
 * Splits pasted or page text into a title and an abstract: the first line is the title when there
 * are several lines and it is title-length; otherwise the whole text is treated as the abstract.
 */
export function splitTitleAndAbstract(text: string): { title: string; abstract: string } {
  const lines = text
    .split(/\r\n|\r|\n/)
    .map(collapseSpace)
    .filter(Boolean);
  const first = lines[0] ?? '';
  if (lines.length > 1 && first.length <= MAX_TITLE) {
    return { title: first, abstract: lines.slice(1).join(' ') };
  }
  return { title: '', abstract: lines.join(' ') };
}
