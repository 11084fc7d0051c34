import { HOST_ATTRIBUTE } from '../lib/pages/text';
import { applyStyles, listenForBadges, type Badge } from './badge';
import { createPreview } from './badge-preview';
import { followKeyboard } from './keyboard-reach';

/**
 * Badges kept out of the page's layout: inserting inline badges into a listing relays out all its
 * lines. Here the page's lines are never laid out again: one absolutely positioned host, badges at
 * the end of the line they mark, in chunks the browser skips while they are out of view
 * (content-visibility: auto), so a long listing's badges cost about what the few in view do.
 */
export interface BadgeLayer {
  /** The layer's own element, appended to the page's body. */
  host: HTMLElement;
  /**
   * Shows `badge` (made without a stylesheet: the layer's own styles it) at the end of `at`'s last
   * line, from the next place(). `order` is the line's place on the page: badges are kept in that
   * order, the order keyboard focus takes.
   */
  add(badge: Badge, at: Element, order: number): void;
  /** The line's new place after the page changed. */
  setOrder(badge: Badge, order: number): void;
  remove(badge: Badge): void;
  /** Whether `badge` is in the layer, marking `at`. */
  holds(badge: Badge, at: Element): boolean;
  /** Measures and positions the badges added since the last call: one layout read, then writes. */
  place(): void;
  /** Measures every badge again, after the page moved: resized, reflowed, rewritten. */
  relayout(): void;
  /** Puts the host back when the page removed it (a page that replaces its body). */
  attach(): void;
  setTheme(theme: 'light' | 'dark'): void;
  destroy(): void;
}

/** Badges per chunk: small enough that the few chunks near the viewport are cheap to render. */
const CHUNK_SIZE = 50;
/** A badge's height in the layer: its 16 px line, padding and border (page-ui.css); badges are centred on the line they mark. */
const LINE = 20;
/** Space between the line's last character and its badge. */
const GAP = 8;
/** Room above and below a chunk's badges for their pills and focus rings, which the chunk clips. */
const PAD = 6;
/** How far back from its end an element is searched for its last character (a hostile page can nest deep). */
const MAX_STEPS = 500;

interface Item {
  badge: Badge;
  at: Element;
  order: number;
  /** Null until place() puts it in a chunk. */
  chunk: Chunk | null;
  /** Where the badge is, in the layer's coordinates; null when `at` shows no text. */
  x: number;
  y: number | null;
}

/** Up to CHUNK_SIZE badges, in page order, in an element as tall as the lines they mark. */
interface Chunk {
  element: HTMLElement;
  items: Item[];
}

/**
 * Badges are kept in the order of the lines they mark, as the caller numbers them: comparing the
 * lines' document positions instead walks the list's children on every comparison.
 */
const byOrder = (a: Item, b: Item) => a.order - b.order;

/** Creates the layer; it observes the page's size and fonts and keeps its badges in place. */
export function createBadgeLayer(doc: Document, sheet: CSSStyleSheet | string): BadgeLayer {
  const host = doc.createElement('paper-lens-layer');
  host.setAttribute(HOST_ATTRIBUTE, 'layer');
  const root = host.attachShadow({ mode: 'open' });
  applyStyles(doc, root, sheet);
  const items = new Map<EventTarget, Item>();
  /** The item marking each line, for the keyboard (keyboard-reach.ts). */
  const byLine = new Map<Element, Item>();
  const chunks: Chunk[] = [];
  let pending: Item[] = [];
  /** Set when a placed badge's number changed: the next place() checks they are still in order. */
  let reordered = false;
  const range = doc.createRange();
  listenForBadges(root, (target) => (target ? (items.get(target)?.badge ?? null) : null), createPreview(doc, root));

  // Any reflow that moves the lines changes the size of the page, its body or the list holding them.
  const observed = new Set<Element>();
  const resizes = new ResizeObserver(() => layer.relayout());
  const observe = (element: Element | null) => {
    if (!element || observed.has(element)) return;
    observed.add(element);
    resizes.observe(element);
  };
  const onFonts = () => layer.relayout();
  doc.fonts?.addEventListener('loadingdone', onFonts);
  // Out of the browser's own Tab order (they would come after the whole page): Tab reaches each badge
  // right after the last link of the line it marks.
  const stopKeyboard = followKeyboard(doc, {
    badgeOf: (line) => {
      const item = byLine.get(line);
      return item && item.chunk && item.y !== null ? item.badge.button : null;
    },
    lineOf: (element) => items.get(element)?.at ?? null,
  });

  /** Appends `item` to the last chunk, or a new one when that is full. */
  function append(item: Item): void {
    let chunk = chunks.at(-1);
    if (!chunk || chunk.items.length >= CHUNK_SIZE) {
      const element = doc.createElement('div');
      element.className = 'pl-chunk';
      root.append(element);
      chunk = { element, items: [] };
      chunks.push(chunk);
    }
    item.chunk = chunk;
    chunk.items.push(item);
    chunk.element.append(item.badge.host);
  }

  /**
   * Where each item's line ends. Only reads: called before new badges enter the layer, so the page
   * is not laid out again for them (measuring after inserting them would force their style and
   * layout into the frame's script).
   */
  function measure(list: Item[]): void {
    if (list.length === 0) return;
    const origin = host.getBoundingClientRect();
    for (const item of list) {
      const end = lastCharacterRect(item.at, range);
      item.x = end ? Math.round(end.right - origin.left + GAP) : 0;
      item.y = end ? Math.round((end.top + end.bottom) / 2 - origin.top - LINE / 2) : null;
    }
  }

  /** Writes the measured positions of `list`'s chunks. */
  function draw(list: Item[]): void {
    for (const chunk of new Set(list.map((item) => item.chunk!))) arrange(chunk);
  }

  function arrange(chunk: Chunk): void {
    const shown = chunk.items.filter((item) => item.y !== null);
    const top = Math.min(...shown.map((item) => item.y!)) - PAD;
    const bottom = Math.max(...shown.map((item) => item.y!)) + LINE + PAD;
    chunk.element.hidden = shown.length === 0;
    if (shown.length === 0) return;
    chunk.element.style.top = `${top}px`;
    chunk.element.style.height = `${bottom - top}px`;
    for (const item of chunk.items) {
      const { style } = item.badge.host;
      item.badge.host.hidden = item.y === null;
      if (item.y === null) continue;
      style.left = `${item.x}px`;
      style.top = `${item.y - top}px`;
    }
  }

  const layer: BadgeLayer = {
    host,
    add(badge, at, order) {
      layer.remove(badge);
      const item: Item = { badge, at, order, chunk: null, x: 0, y: null };
      badge.button.tabIndex = -1;
      items.set(badge.host, item);
      byLine.set(at, item);
      pending.push(item);
      observe(at.parentElement);
    },
    remove(badge) {
      const item = items.get(badge.host);
      if (!item) return;
      items.delete(badge.host);
      if (byLine.get(item.at) === item) byLine.delete(item.at);
      badge.host.remove();
      const { chunk } = item;
      if (chunk) {
        chunk.items.splice(chunk.items.indexOf(item), 1);
        if (chunk.items.length === 0) {
          chunk.element.remove();
          chunks.splice(chunks.indexOf(chunk), 1);
        }
      } else pending.splice(pending.indexOf(item), 1);
    },
    setOrder(badge, order) {
      const item = items.get(badge.host);
      if (!item || item.order === order) return;
      item.order = order;
      if (item.chunk) reordered = true;
    },
    holds(badge, at) {
      return items.get(badge.host)?.at === at;
    },
    place() {
      layer.attach();
      if (pending.length === 0 && !reordered) return;
      const list = pending.sort(byOrder);
      pending = [];
      const placed = chunks.flatMap((chunk) => chunk.items);
      // Numbers shift when the page adds or drops entries above; only a change of order needs a rebuild.
      const inOrder =
        (!reordered || placed.every((item, i) => i === 0 || placed[i - 1]!.order < item.order)) &&
        (placed.length === 0 || list.length === 0 || placed.at(-1)!.order < list[0]!.order);
      reordered = false;
      if (inOrder) {
        measure(list);
        for (const item of list) append(item);
        draw(list);
        return;
      }
      // Rare: a badge for a line above ones already shown (a page that inserted entries at the top).
      // Rebuilt in page order, so keyboard focus still goes down the page.
      const all = [...placed, ...list].sort(byOrder);
      measure(all);
      for (const chunk of chunks) chunk.element.remove();
      chunks.length = 0;
      for (const item of all) append(item);
      draw(all);
    },
    relayout() {
      if (!host.isConnected) return;
      const all = chunks.flatMap((chunk) => chunk.items);
      measure(all);
      draw(all);
    },
    attach() {
      const parent = doc.body ?? doc.documentElement;
      if (host.parentNode === parent) return;
      parent.append(host);
      observe(doc.documentElement);
      observe(doc.body);
    },
    setTheme(theme) {
      host.setAttribute('data-pl-theme', theme);
    },
    destroy() {
      resizes.disconnect();
      doc.fonts?.removeEventListener('loadingdone', onFonts);
      stopKeyboard();
      byLine.clear();
      host.remove();
      items.clear();
      chunks.length = 0;
    },
  };
  return layer;
}

/**
 * The box of the last visible character inside `element`, in viewport coordinates, or null when it
 * shows none. One character, not the whole line: a range over the whole element is measured
 * several times slower.
 */
export function lastCharacterRect(element: Element, range: Range): DOMRect | null {
  let node: Node | null = element.lastChild;
  for (let steps = 0; node && steps < MAX_STEPS; steps++) {
    if (node.nodeType === 3) {
      const text = node.nodeValue ?? '';
      let i = text.length - 1;
      while (i >= 0 && /\s/.test(text[i]!)) i--;
      if (i >= 0) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getBoundingClientRect();
        // A character in a hidden element has no box; the visible text may come before it.
        if (rect.width !== 0 || rect.height !== 0) return rect;
      }
    } else if (node.nodeType === 1 && node.lastChild && !(node as Element).hasAttribute(HOST_ATTRIBUTE)) {
      node = node.lastChild;
      continue;
    }
    while (node && !node.previousSibling && node !== element) node = node.parentNode;
    node = node && node !== element ? node.previousSibling : null;
  }
  return null;
}
