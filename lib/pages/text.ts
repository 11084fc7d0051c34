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
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child && out.length < MAX_CHARS; child = child.nextSibling) {
      if (child.nodeType === 3) {
        out += child.nodeValue ?? '';
      } else if (child.nodeType === 1) {
        const el = child as Element;
        if (el.tagName === 'SCRIPT') {
          if (/^math\/tex/i.test(el.getAttribute('type') ?? '')) out += `$${el.textContent ?? ''}$`;
          continue;
        }
        if (el.matches(SKIP)) {
          if (el.tagName.toLowerCase() === 'mjx-container') out += mathJax3Text(el);
          continue;
        }
        walk(el);
        if (/^(DIV|P|BR|LI|H[1-6])$/.test(el.tagName)) out += ' ';
      }
    }
  };
  walk(element);
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
