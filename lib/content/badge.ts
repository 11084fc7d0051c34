import type { RelatedPaper } from '../service/corpus-service';
import { HOST_ATTRIBUTE } from '../pages/text';

/** What a badge shows. */
export type BadgeStatus = 'corpus' | 'saved' | 'none';

/** What a badge needs from its page: related work to preview, and a save toggle. */
export interface BadgeActions {
  loadPreview(): Promise<RelatedPaper[]>;
  toggleSave(): void;
}

/** One in-page badge: a host element with an open shadow root, page text only ever set as text. */
export interface Badge {
  host: HTMLElement;
  setMatch(title: string, matchId: string | null, matchTitle: string | null): void;
  setStatus(status: BadgeStatus): void;
}

const LABELS: Record<BadgeStatus, { text: string; action: string; hint: string }> = {
  corpus: {
    text: 'In corpus',
    action: 'Save to Paper Lens',
    hint: 'In the Paper Lens corpus. Click to save it to your list.',
  },
  saved: { text: 'Saved', action: 'Remove from Paper Lens', hint: 'In your Paper Lens list. Click to remove it.' },
  none: {
    text: 'Not in corpus',
    action: 'Save to Paper Lens',
    hint: 'Not in the Paper Lens corpus. Click to save it to your list.',
  },
};

function element<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className?: string, text?: string) {
  const el = doc.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * Builds a badge. It is an inline box, not a button: a 2,000-entry listing holds 2,000 of them, and
 * an atomic inline (a <button>, an inline-block, an inline-flex) costs each title a separate block
 * layout: measured on that listing, all 2,000 took a 380 ms frame as buttons and 210 ms as inline
 * spans. So it is a span with the button role, focusable, that answers Enter and Space.
 * `sheet` is one stylesheet shared by every shadow root on the page.
 */
export function createBadge(doc: Document, sheet: CSSStyleSheet | string, actions: BadgeActions): Badge {
  const host = element(doc, 'span');
  host.setAttribute(HOST_ATTRIBUTE, 'badge');
  const root = host.attachShadow({ mode: 'open' });
  applyStyles(doc, root, sheet);
  const button = element(doc, 'span', 'badge');
  button.setAttribute('role', 'button');
  button.tabIndex = 0;
  root.append(button);

  // Clicks stay ours: a badge inside a link or a card must never navigate the page.
  button.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    actions.toggleSave();
  });
  // What a <button> does for free: Enter acts at once, Space on release, and neither scrolls the page.
  button.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    event.stopPropagation();
    if (event.key === 'Enter' && !event.repeat) actions.toggleSave();
  });
  button.addEventListener('keyup', (event) => {
    if (event.key !== ' ') return;
    event.preventDefault();
    event.stopPropagation();
    actions.toggleSave();
  });

  let preview: HTMLElement | null = null;
  let loaded = false;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  const show = () => {
    clearTimeout(hideTimer);
    if (!preview) {
      preview = element(doc, 'div', 'preview');
      preview.setAttribute('role', 'tooltip');
      root.append(preview);
    }
    preview.hidden = false;
    placePreview(host, preview);
    if (loaded) return;
    loaded = true;
    const target = preview;
    target.replaceChildren(element(doc, 'p', 'note', 'Finding related work…'));
    actions.loadPreview().then(
      (related) => {
        fillPreview(doc, target, related);
        placePreview(host, target);
      },
      () => target.replaceChildren(element(doc, 'p', 'note', 'Related work is not available right now.')),
    );
  };
  const hide = () => {
    hideTimer = setTimeout(() => {
      if (preview) preview.hidden = true;
    }, 150);
  };
  host.addEventListener('mouseenter', show);
  host.addEventListener('mouseleave', hide);
  button.addEventListener('focus', show);
  button.addEventListener('blur', hide);

  return {
    host,
    setMatch(title, matchId, matchTitle) {
      host.setAttribute('data-paper-lens-title', title);
      host.setAttribute('data-paper-lens-match', matchId ?? '');
      host.setAttribute('data-paper-lens-match-title', matchTitle ?? '');
      loaded = false;
    },
    setStatus(status) {
      const label = LABELS[status];
      button.className = `badge ${status}`;
      button.textContent = label.text;
      button.setAttribute('aria-label', label.action);
      button.title = label.hint;
    },
  };
}

/**
 * Shares one constructed stylesheet where the browser allows it; Firefox's content scripts may not
 * adopt a sheet built in their own world, and then a <style> with the same text does the job.
 */
export function applyStyles(doc: Document, root: ShadowRoot, sheet: CSSStyleSheet | string): void {
  if (typeof sheet !== 'string') {
    try {
      root.adoptedStyleSheets = [sheet];
      return;
    } catch {
      sheet = [...sheet.cssRules].map((rule) => rule.cssText).join('\n');
    }
  }
  root.append(element(doc, 'style', undefined, sheet));
}

const PREVIEW_WIDTH = 340;
const MARGIN = 8;

/**
 * Puts the preview beside its badge in viewport coordinates (position: fixed), so no card with
 * overflow: hidden clips it; it shifts left at the window's right edge and opens upward when the
 * space below the badge is too small.
 */
function placePreview(host: HTMLElement, preview: HTMLElement): void {
  const view = host.ownerDocument.defaultView;
  if (!view) return;
  const badge = host.getBoundingClientRect();
  const width = Math.min(PREVIEW_WIDTH, view.innerWidth - 2 * MARGIN);
  const left = Math.max(MARGIN, Math.min(badge.left, view.innerWidth - width - MARGIN));
  const height = preview.getBoundingClientRect().height;
  const below = view.innerHeight - badge.bottom - MARGIN;
  const up = height > below && badge.top - MARGIN > below;
  preview.style.width = `${width}px`;
  preview.style.left = `${left}px`;
  preview.style.top = up ? '' : `${badge.bottom + 6}px`;
  preview.style.bottom = up ? `${view.innerHeight - badge.top + 6}px` : '';
}

function fillPreview(doc: Document, preview: HTMLElement, related: RelatedPaper[]): void {
  const heading = element(doc, 'h2', undefined, 'Related in Paper Lens');
  if (related.length === 0) {
    preview.replaceChildren(heading, element(doc, 'p', 'note', 'No related papers in the corpus.'));
    return;
  }
  const list = element(doc, 'ol');
  for (const paper of related) {
    const item = element(doc, 'li');
    item.append(element(doc, 'span', 'pl-title', paper.title), element(doc, 'span', 'pl-reason', paper.reason));
    list.append(item);
  }
  preview.replaceChildren(heading, list);
}
