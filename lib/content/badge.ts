import type { RelatedPaper } from '../service/corpus-service';
import { HOST_ATTRIBUTE } from '../pages/text';

/** What a badge shows. */
export type BadgeStatus = 'pending' | 'corpus' | 'saved' | 'none';

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

const LABELS: Record<BadgeStatus, string> = {
  pending: 'Paper Lens…',
  corpus: 'In corpus',
  saved: 'Saved',
  none: 'Not in corpus',
};

function element<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className?: string, text?: string) {
  const el = doc.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Builds a badge. `sheet` is one stylesheet shared by every shadow root on the page. */
export function createBadge(doc: Document, sheet: CSSStyleSheet | string, actions: BadgeActions): Badge {
  const host = element(doc, 'span');
  host.setAttribute(HOST_ATTRIBUTE, 'badge');
  const root = host.attachShadow({ mode: 'open' });
  if (typeof sheet === 'string') root.append(element(doc, 'style', undefined, sheet));
  else root.adoptedStyleSheets = [sheet];

  const badge = element(doc, 'span', 'badge');
  const status = element(doc, 'span', 'status');
  status.tabIndex = 0;
  const label = element(doc, 'span', 'label');
  status.append(element(doc, 'span', 'dot'), label);
  const toggle = element(doc, 'button', 'toggle');
  toggle.type = 'button';
  badge.append(status, toggle);
  const preview = element(doc, 'div', 'preview');
  preview.hidden = true;
  preview.setAttribute('role', 'tooltip');
  root.append(badge, preview);

  // Clicks stay ours: a badge inside a link or a card must never navigate the page.
  toggle.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    actions.toggleSave();
  });
  badge.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
  });

  let loaded = false;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  const show = () => {
    clearTimeout(hideTimer);
    preview.hidden = false;
    if (loaded) return;
    loaded = true;
    preview.replaceChildren(element(doc, 'p', 'note', 'Finding related work…'));
    actions.loadPreview().then(
      (related) => fillPreview(doc, preview, related),
      () => preview.replaceChildren(element(doc, 'p', 'note', 'Related work is not available right now.')),
    );
  };
  const hide = () => {
    hideTimer = setTimeout(() => (preview.hidden = true), 150);
  };
  host.addEventListener('mouseenter', show);
  host.addEventListener('mouseleave', hide);
  status.addEventListener('focus', show);
  status.addEventListener('blur', hide);

  return {
    host,
    setMatch(title, matchId, matchTitle) {
      host.setAttribute('data-paper-lens-title', title);
      host.setAttribute('data-paper-lens-match', matchId ?? '');
      host.setAttribute('data-paper-lens-match-title', matchTitle ?? '');
      loaded = false;
    },
    setStatus(next) {
      badge.className = `badge ${next}`;
      label.textContent = LABELS[next];
      const saved = next === 'saved';
      toggle.textContent = saved ? '★' : '☆';
      toggle.setAttribute('aria-label', saved ? 'Remove from Paper Lens' : 'Save to Paper Lens');
      toggle.title = saved ? 'Remove from your Paper Lens list' : 'Save to your Paper Lens list';
      toggle.hidden = next === 'pending';
      status.setAttribute('aria-label', `Paper Lens: ${LABELS[next].toLowerCase()}. Show related work`);
    },
  };
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
