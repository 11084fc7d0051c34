// Keyboard order for the badge layer (badge-layer.ts). Its badges sit in one host at the end of the
// page, so the browser's own Tab order would reach them only after everything the page holds. Here
// Tab from the last focusable element of the line a badge marks goes to that badge, and Tab from the
// badge goes on to the page's next focusable element (Shift+Tab the other way), without putting
// anything into the page's layout: only a keydown listener, which costs nothing until Tab is pressed.
import { HOST_ATTRIBUTE } from '../lib/pages/text';

/** What the keyboard needs to know of the layer: which line a badge marks, and which badge marks a line. */
export interface ReachMap {
  /** The badge (its focusable element) marking `line`, or null. */
  badgeOf(line: Element): HTMLElement | null;
  /** The line the focused badge marks, or null when `element` is not one of the layer's badges. */
  lineOf(element: Element): Element | null;
}

const TABBABLE =
  'a[href], area[href], button, input, select, textarea, summary, iframe, [contenteditable=""], [contenteditable="true"], [tabindex]';
/** How far the page is searched for the next or previous focusable element. */
const MAX_STEPS = 2000;

/** Whether the browser's Tab would stop at `element`. */
export function isTabbable(element: Element): boolean {
  if (!element.matches(TABBABLE) || element.hasAttribute(HOST_ATTRIBUTE)) return false;
  const html = element as HTMLElement;
  if (html.tabIndex < 0 || (html as HTMLButtonElement).disabled) return false;
  if (element instanceof HTMLInputElement && element.type === 'hidden') return false;
  return typeof html.checkVisibility === 'function' ? html.checkVisibility({ visibilityProperty: true }) : true;
}

/** The last focusable element inside `root`, or null. */
function lastTabbableIn(root: Element): HTMLElement | null {
  const all = root.querySelectorAll(TABBABLE);
  for (let i = all.length - 1; i >= 0; i--) if (isTabbable(all[i]!)) return all[i] as HTMLElement;
  return null;
}

/** The first focusable element after `node` and everything inside it, in document order. */
function tabbableAfter(node: Node): HTMLElement | null {
  const doc = node.ownerDocument!;
  const walker = doc.createTreeWalker(doc.documentElement, NodeFilter.SHOW_ELEMENT, {
    // Our own hosts (the layer, inline badges) are not page elements: skip them and what they hold.
    acceptNode: (n) =>
      (n as Element).hasAttribute(HOST_ATTRIBUTE) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  walker.currentNode = node;
  let next: Node | null = walker.nextSibling();
  for (let up: Node | null = node; !next && up; up = up.parentNode) {
    walker.currentNode = up;
    next = walker.nextSibling();
  }
  for (let steps = 0; next && steps < MAX_STEPS; steps++) {
    if (isTabbable(next as Element)) return next as HTMLElement;
    walker.currentNode = next;
    next = walker.nextNode();
  }
  return null;
}

/** The focusable element before `node` in document order (not one inside it), or null. */
function tabbableBefore(node: Node): HTMLElement | null {
  const doc = node.ownerDocument!;
  const walker = doc.createTreeWalker(doc.documentElement, NodeFilter.SHOW_ELEMENT, {
    acceptNode: (n) =>
      (n as Element).hasAttribute(HOST_ATTRIBUTE) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  walker.currentNode = node;
  for (let steps = 0, prev = walker.previousNode(); prev && steps < MAX_STEPS; steps++, prev = walker.previousNode()) {
    // An ancestor of `node` comes before it in document order but is not "before" it for Tab.
    if (!prev.contains(node) && isTabbable(prev as Element)) return prev as HTMLElement;
  }
  return null;
}

/** The marked line holding `element` (itself or an ancestor), with its badge. */
function markedLine(map: ReachMap, element: Element): { line: Element; badge: HTMLElement } | null {
  for (let node: Element | null = element; node; node = node.parentElement) {
    const badge = map.badgeOf(node);
    if (badge) return { line: node, badge };
  }
  return null;
}

/** The badge that Tab (or Shift+Tab) from the focused page element reaches first, if any. */
function badgeNext(map: ReachMap, focused: Element, back: boolean): HTMLElement | null {
  if (!back) {
    const marked = markedLine(map, focused);
    return marked && lastTabbableIn(marked.line) === focused ? marked.badge : null;
  }
  // Shift+Tab: the badge comes back before this element when the element just before it ends a marked line.
  const before = tabbableBefore(focused);
  const marked = before ? markedLine(map, before) : null;
  return marked && lastTabbableIn(marked.line) === before ? marked.badge : null;
}

/** Where Tab (or Shift+Tab) from a badge marking `line` goes on the page. */
function pageNext(line: Element, back: boolean): HTMLElement | null {
  if (back) return lastTabbableIn(line) ?? tabbableBefore(line);
  return tabbableAfter(line);
}

/** Puts the layer's badges into the page's Tab order; returns a function that stops it. */
export function followKeyboard(doc: Document, map: ReachMap): () => void {
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    const focused = doc.activeElement;
    if (!focused) return;
    const inner = focused.shadowRoot?.activeElement ?? null;
    const line = inner ? map.lineOf(inner) : null;
    const target = line ? pageNext(line, event.shiftKey) : badgeNext(map, focused, event.shiftKey);
    if (!target) return;
    event.preventDefault();
    target.focus();
  };
  doc.addEventListener('keydown', onKey, true);
  return () => doc.removeEventListener('keydown', onKey, true);
}
