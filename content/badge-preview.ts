import { h, render } from 'preact';
import { RelatedPreview } from '../components/RelatedPreview';
import type { RelatedPaper } from '../lib/corpus/service';
import type { Badge } from './badge';

/** The hover preview of a badge's related work: one per shadow root, shown beside one badge at a time. */
export interface Preview {
  show(badge: Badge): void;
  /** Hides it shortly, unless the pointer reaches the preview or a badge first. */
  hide(): void;
  /** Cancels a pending hide: the pointer is on the preview itself. */
  keep(): void;
  /** Whether `target` is inside the preview. */
  holds(target: EventTarget | null): boolean;
}

const HIDE_DELAY = 150;
const PREVIEW_WIDTH = 340;
const MARGIN = 8;

/** Creates the preview of the badges under `root`; its element is made on first use. */
export function createPreview(doc: Document, root: ShadowRoot): Preview {
  let element: HTMLElement | null = null;
  let shown: Promise<RelatedPaper[]> | null = null;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  const preview: Preview = {
    show(badge) {
      clearTimeout(hideTimer);
      if (!element) {
        element = doc.createElement('div');
        element.className = 'preview';
        element.setAttribute('role', 'tooltip');
        // A popover is drawn in the top layer, so no ancestor clips it: not a card with overflow
        // hidden, not the badge layer's chunks (badge-layer.ts), which contain their badges.
        if ('showPopover' in element) element.popover = 'manual';
        root.append(element);
      }
      const target = element;
      setOpen(target, true);
      const related = badge.related();
      if (related !== shown) {
        shown = related;
        draw(target, null);
        related.then(
          (papers) => {
            if (shown !== related) return;
            draw(target, papers);
            place(badge.host, target);
          },
          () => {
            if (shown === related) draw(target, null, 'Related work is not available right now.');
          },
        );
      }
      place(badge.host, target);
    },
    hide() {
      clearTimeout(hideTimer);
      hideTimer = setTimeout(() => {
        if (element) setOpen(element, false);
      }, HIDE_DELAY);
    },
    keep() {
      clearTimeout(hideTimer);
    },
    holds(target) {
      return element !== null && target instanceof Node && element.contains(target);
    },
  };
  return preview;
}

/** Shows or hides a preview: as a popover where the browser has them, else by its hidden attribute. */
function setOpen(element: HTMLElement, open: boolean): void {
  if (!element.popover) {
    element.hidden = !open;
    return;
  }
  // Showing a popover that is not in the document throws: a page may have removed the badge.
  if (!element.isConnected || open === element.matches(':popover-open')) return;
  if (open) element.showPopover();
  else element.hidePopover();
}

/**
 * Puts the preview beside its badge in viewport coordinates (position: fixed): it shifts left at the
 * window's right edge and opens upward when the space below the badge is too small.
 */
function place(badge: HTMLElement, element: HTMLElement): void {
  const view = badge.ownerDocument.defaultView;
  if (!view) return;
  const box = badge.getBoundingClientRect();
  const width = Math.min(PREVIEW_WIDTH, view.innerWidth - 2 * MARGIN);
  const left = Math.max(MARGIN, Math.min(box.left, view.innerWidth - width - MARGIN));
  const height = element.getBoundingClientRect().height;
  const below = view.innerHeight - box.bottom - MARGIN;
  const up = height > below && box.top - MARGIN > below;
  element.style.width = `${width}px`;
  element.style.left = `${left}px`;
  element.style.top = up ? '' : `${box.bottom + 6}px`;
  element.style.bottom = up ? `${view.innerHeight - box.top + 6}px` : '';
}

/** Draws the preview's content; made only on hover, so a listing's badges never pay for it. */
function draw(element: HTMLElement, related: RelatedPaper[] | null, error: string | null = null): void {
  render(h(RelatedPreview, { related, error }), element);
}
