import { collapseSpace } from '../text/normalize';

/** Marks the elements Paper Lens adds to pages, so reading a title never includes them. */
export const HOST_ATTRIBUTE = 'data-paper-lens-host';

// Not part of a title: labels, footnotes, rendered math (its TeX source is read instead), our hosts.
const SKIP = [
  `[${HOST_ATTRIBUTE}]`,
  '.descriptor',
  '.ltx_note',
  '.ltx_tag_note',
  '.MathJax_Preview',
  '.MathJax',
  '.MathJax_CHTML',
  '.MathJax_SVG',
  '.MJX_Assistive_MathML',
  'mjx-container',
  'style',
  'noscript',
  'button',
  'svg',
].join(',');

/** How much of a title we read at most; a hostile page cannot make us walk more. */
const MAX_CHARS = 2000;

/**
 * Reads the text of a title element as a person sees it: labels, footnote marks and our own badges
 * left out, MathJax output replaced by its TeX source, white space collapsed.
 */
export function readText(element: Element): string {
  let out = '';
  // A loop with its own stack of open elements, not recursion: a hostile page can nest a title
  // tens of thousands of elements deep, which overflowed the call stack and aborted the whole scan.
  const open: Element[] = [];
  let child = element.firstChild;
  while (out.length < MAX_CHARS) {
    if (!child) {
      const done = open.pop();
      if (!done) break;
      if (/^(DIV|P|BR|LI|H[1-6])$/.test(done.tagName)) out += ' ';
      child = done.nextSibling;
      continue;
    }
    if (child.nodeType === 3) {
      out += child.nodeValue ?? '';
    } else if (child.nodeType === 1) {
      const el = child as Element;
      if (el.tagName === 'SCRIPT') {
        if (/^math\/tex/i.test(el.getAttribute('type') ?? '')) out += `$${el.textContent ?? ''}$`;
      } else if (el.matches(SKIP)) {
        if (el.tagName.toLowerCase() === 'mjx-container') out += mathJax3Text(el);
      } else {
        open.push(el);
        child = el.firstChild;
        continue;
      }
    }
    child = child.nextSibling;
  }
  return collapseSpace(out.slice(0, MAX_CHARS));
}

/** MathJax 3 keeps no TeX; its assistive MathML holds the plain characters ('3' of M^3). */
function mathJax3Text(container: Element): string {
  return container.querySelector('mjx-assistive-mml')?.textContent ?? '';
}

/** A title element's text as the page shows it, without a leading 'Title:' label. TeX and the like
 * stay as written: the matcher normalizes, the badge reports what the page said. */
export function readTitle(element: Element): string {
  return readText(element).replace(/^title\s*:\s*/i, '');
}
