import {
  defaultRangeExtractor,
  measureElement,
  observeElementRect,
  type Range,
  type Rect,
} from '@tanstack/virtual-core';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { PaperEdit, SavedPaper } from '../lib/reading-list/saved-list';
import { SavedItem, type SavedDraft } from './SavedItem';
import { useVirtualizer } from './useVirtualizer';

interface Props {
  papers: readonly SavedPaper[];
  onOpen: (id: string) => void;
  onEdit: (paper: SavedPaper, edit: PaperEdit) => Promise<unknown>;
  onRemove: (paper: SavedPaper) => void;
  readOnly: boolean;
}

/** A row's height before it is measured (a title, its line of facts, the buttons). */
const ESTIMATED_ROW_PX = 96;
/** Rows kept past each edge of the view: Tab moves into them, and the browser scrolls them in. */
const OVERSCAN = 6;

/** Before the first measurement: a popup's size, so the first render already holds the first rows. */
const INITIAL_RECT: Rect = { width: 420, height: 600 };

/** The nearest ancestor that scrolls (the popup's main area); else the document's scrolling element. */
function scrollParent(node: HTMLElement): HTMLElement | null {
  for (let parent = node.parentElement; parent; parent = parent.parentElement) {
    if (/(auto|scroll)/.test(getComputedStyle(parent).overflowY)) return parent;
  }
  return (document.scrollingElement as HTMLElement | null) ?? null;
}

/** The list's top inside its scrolling ancestor's content. */
function offsetIn(list: HTMLElement, scroller: HTMLElement): number {
  return Math.round(list.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop);
}

/**
 * The saved papers, windowed: only the rows in and near the view are in the page, however long the
 * list. The popup scrolls as one page (the list keeps its whole height); each row tells screen
 * readers its place in the whole list; the row holding focus stays in the page when scrolled away,
 * and an open edit is kept here, so scrolling never loses what was typed.
 */
export function SavedRows({ papers, onOpen, onEdit, onRemove, readOnly }: Props) {
  const listRef = useRef<HTMLUListElement>(null);
  const scrollerRef = useRef<HTMLElement | null>(null);
  const focusedKey = useRef<string | null>(null);
  const [margin, setMargin] = useState(0);
  const [drafts, setDrafts] = useState<Record<string, SavedDraft>>({});
  const keepFocused = (range: Range) => {
    const rows = defaultRangeExtractor(range);
    const focused = focusedKey.current === null ? -1 : papers.findIndex((p) => p.key === focusedKey.current);
    if (focused < 0 || rows.includes(focused)) return rows;
    return [...rows, focused].sort((a, b) => a - b);
  };
  const virtualizer = useVirtualizer({
    count: papers.length,
    getScrollElement: () => (scrollerRef.current ??= listRef.current && scrollParent(listRef.current)),
    estimateSize: () => ESTIMATED_ROW_PX,
    getItemKey: (index) => papers[index]!.key,
    overscan: OVERSCAN,
    scrollMargin: margin,
    rangeExtractor: keepFocused,
    initialRect: INITIAL_RECT,
    // Something not laid out (a hidden view, a DOM without layout) measures 0: it keeps the estimates.
    observeElementRect: (instance, callback) =>
      observeElementRect(instance, (rect) => callback(rect.height > 0 ? rect : INITIAL_RECT)),
    measureElement: (element, entry, instance) => measureElement(element, entry, instance) || ESTIMATED_ROW_PX,
  });

  // Whatever sits above the list (a banner, an import preview, an error) moves it within the scroller:
  // measured after every render, and when the view around the list changes size between renders.
  const measureMargin = () => {
    const list = listRef.current;
    const scroller = virtualizer.scrollElement;
    if (list && scroller) setMargin(offsetIn(list, scroller));
  };
  useLayoutEffect(measureMargin);
  useLayoutEffect(() => {
    const around = listRef.current?.parentElement;
    if (!around || typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(() => measureMargin());
    observer.observe(around);
    return () => observer.disconnect();
  }, []);

  const setDraft = (key: string, draft: SavedDraft | null) =>
    setDrafts((open) => {
      const next = { ...open };
      if (draft) next[key] = draft;
      else delete next[key];
      return next;
    });

  return (
    <ul
      ref={listRef}
      class="pl-list pl-window"
      aria-label="Saved papers"
      style={{ height: `${virtualizer.getTotalSize()}px` }}
      onFocusIn={(event) => {
        const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
        focusedKey.current = row ? (papers[Number(row.dataset.index)]?.key ?? null) : null;
      }}
      onFocusOut={(event) => {
        if (!listRef.current?.contains(event.relatedTarget as Node | null)) focusedKey.current = null;
      }}
    >
      {virtualizer.getVirtualItems().map((item) => {
        const paper = papers[item.index]!;
        return (
          <SavedItem
            key={paper.key}
            paper={paper}
            place={{
              index: item.index,
              setSize: papers.length,
              top: item.start - margin,
              measure: virtualizer.measureElement,
            }}
            onOpen={onOpen}
            onEdit={(edit) => onEdit(paper, edit)}
            onRemove={() => onRemove(paper)}
            draft={drafts[paper.key] ?? null}
            onDraft={(draft) => setDraft(paper.key, draft)}
            readOnly={readOnly}
          />
        );
      })}
    </ul>
  );
}
