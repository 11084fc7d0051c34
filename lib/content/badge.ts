import type { RelatedPaper } from '../service/corpus-service';
import { HOST_ATTRIBUTE } from '../pages/text';
import { createPreview, type Preview } from './badge-preview';

/** What a badge shows. */
export type BadgeStatus = 'corpus' | 'saved' | 'none';

/** What a badge needs from its page: related work to preview, and a save toggle. */
export interface BadgeActions {
  loadPreview(): Promise<RelatedPaper[]>;
  toggleSave(): void;
}

/** One in-page badge; page text is only ever set on it as text. */
export interface Badge {
  /**
   * The element placed on the page: inline, a host with an open shadow root holding the button; in
   * the badge layer (badge-layer.ts), whose own shadow root isolates it, the button itself.
   */
  host: HTMLElement;
  actions: BadgeActions;
  /** Related work for the preview: loaded once per match, again after a failure. */
  related(): Promise<RelatedPaper[]>;
  /** `probable`: matched by its title's head alone, weaker evidence than the whole title. */
  setMatch(title: string, matchId: string | null, matchTitle: string | null, probable?: boolean): void;
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

/**
 * Builds a badge. It is an inline box, not a button: a listing holds thousands of them, and an atomic
 * inline (a <button>, an inline-block, an inline-flex) costs each title a separate block layout. So
 * it is a span with the button role, focusable, that answers Enter and Space.
 * With `sheet` it is an inline badge: its own shadow root (sharing that stylesheet), its own
 * listeners and preview. Without, it is bare, for the badge layer, which listens for all its badges.
 */
export function createBadge(doc: Document, actions: BadgeActions, sheet?: CSSStyleSheet | string): Badge {
  const button = doc.createElement('span');
  button.className = 'badge';
  button.setAttribute('role', 'button');
  button.tabIndex = 0;
  let host = button;
  if (sheet !== undefined) {
    host = doc.createElement('span');
    applyStyles(doc, host.attachShadow({ mode: 'open' }), sheet);
    host.shadowRoot!.append(button);
  }
  host.setAttribute(HOST_ATTRIBUTE, 'badge');

  let related: Promise<RelatedPaper[]> | null = null;
  let probable = false;
  const badge: Badge = {
    host,
    actions,
    related() {
      related ??= actions.loadPreview().catch((error: unknown) => {
        related = null;
        throw error;
      });
      return related;
    },
    setMatch(title, matchId, matchTitle, isProbable = false) {
      probable = isProbable && matchId !== null;
      host.setAttribute('data-paper-lens-title', title);
      host.setAttribute('data-paper-lens-match', matchId ?? '');
      host.setAttribute('data-paper-lens-match-title', matchTitle ?? '');
      related = null;
    },
    setStatus(status) {
      const label = LABELS[status];
      button.className = `badge ${status}`;
      button.textContent = label.text;
      button.setAttribute('aria-label', label.action);
      button.title =
        probable && status === 'corpus'
          ? 'Probably in the Paper Lens corpus (by its short title). Click to save it to your list.'
          : label.hint;
    },
  };
  if (host.shadowRoot) {
    const root = host.shadowRoot;
    listenForBadges(root, (target) => (target === button ? badge : null), createPreview(doc, root));
  }
  return badge;
}

/**
 * Gives every badge under `root` what a <button> does for free: a click or Enter acts at once,
 * Space on release, and neither scrolls nor navigates the page; hover and focus show the preview.
 * One set of listeners for all of a root's badges: the layer's 2,000 badges need no 12,000 listeners.
 */
export function listenForBadges(
  root: ShadowRoot,
  badgeOf: (target: EventTarget | null) => Badge | null,
  preview: Preview,
): void {
  // Ours alone: a badge inside a link or a card must never navigate the page or reach its handlers.
  const act = (event: Event, run: boolean) => {
    const badge = badgeOf(event.target);
    if (!badge) return;
    event.preventDefault();
    event.stopPropagation();
    if (run) badge.actions.toggleSave();
  };
  root.addEventListener('click', (event) => act(event, true));
  // A shadow root's event map names no keyboard events; these are.
  root.addEventListener('keydown', (event) => {
    const { key, repeat } = event as KeyboardEvent;
    if (key === 'Enter' || key === ' ') act(event, key === 'Enter' && !repeat);
  });
  root.addEventListener('keyup', (event) => {
    if ((event as KeyboardEvent).key === ' ') act(event, true);
  });
  root.addEventListener('pointerover', (event) => {
    const badge = badgeOf(event.target);
    if (badge) preview.show(badge);
    else if (preview.holds(event.target)) preview.keep();
  });
  root.addEventListener('pointerout', (event) => {
    if (badgeOf(event.target) || preview.holds(event.target)) preview.hide();
  });
  root.addEventListener('focusin', (event) => {
    const badge = badgeOf(event.target);
    if (badge) preview.show(badge);
  });
  root.addEventListener('focusout', (event) => {
    if (badgeOf(event.target)) preview.hide();
  });
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
  const style = doc.createElement('style');
  style.textContent = sheet;
  root.append(style);
}
