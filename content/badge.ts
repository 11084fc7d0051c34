import type { RelatedPaper } from '../lib/corpus/service';
import { HOST_ATTRIBUTE } from '../lib/pages/text';
import { createPreview, type Preview } from './badge-preview';

/** What a badge shows: the corpus match when nothing is saved, or where its save stands (save-toggle.ts). */
export type BadgeStatus = 'corpus' | 'none' | 'saved' | 'saving' | 'removing' | 'save-failed' | 'remove-failed';

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
  /** The focusable element with the button role (the host itself in the layer). */
  button: HTMLElement;
  actions: BadgeActions;
  /** Related work for the preview: loaded once per match, again after a failure. */
  related(): Promise<RelatedPaper[]>;
  /** `probable`: matched by its title's head alone, weaker evidence than the whole title. */
  setMatch(title: string, matchId: string | null, matchTitle: string | null, probable?: boolean): void;
  /** `problem`: why a failed change failed, for the hint. */
  setStatus(status: BadgeStatus, problem?: string | null): void;
}

/** The longest title an accessible name quotes; a hostile page's title can be 2,000 characters. */
const NAME_TITLE = 200;

/** A badge's visible text, accessible name and hint. The name starts with the visible text (so a voice
 * user who says what they see reaches it), then the action and the paper's title. */
export function badgeLabel(
  status: BadgeStatus,
  title: string,
  problem: string | null = null,
): { text: string; name: string; hint: string } {
  const quoted = `"${title.length > NAME_TITLE ? `${title.slice(0, NAME_TITLE - 1)}…` : title}"`;
  switch (status) {
    case 'corpus':
      return {
        text: 'In corpus',
        name: `In corpus: Save to Paper Lens: ${quoted}`,
        hint: 'In the Paper Lens corpus. Click to save it to your list.',
      };
    case 'none':
      return {
        text: 'Not in corpus',
        name: `Not in corpus: Save to Paper Lens: ${quoted}`,
        hint: 'Not in the Paper Lens corpus. Click to save it to your list.',
      };
    case 'saved':
      return {
        text: 'Saved',
        name: `Saved: Remove from Paper Lens: ${quoted}`,
        hint: 'In your Paper Lens list. Click to remove it.',
      };
    case 'saving':
      return { text: 'Saving…', name: `Saving… ${quoted} to Paper Lens`, hint: 'Being saved to your Paper Lens list.' };
    case 'removing':
      return {
        text: 'Removing…',
        name: `Removing… ${quoted} from Paper Lens`,
        hint: 'Being removed from your Paper Lens list.',
      };
    case 'save-failed':
      return {
        text: 'Not saved',
        name: `Not saved: Save to Paper Lens again: ${quoted}`,
        hint: `${problem ?? 'Paper Lens could not save it.'} Click to try again.`,
      };
    case 'remove-failed':
      return {
        text: 'Not removed',
        name: `Not removed: Remove from Paper Lens again: ${quoted}`,
        hint: `${problem ?? 'Paper Lens could not remove it.'} Click to try again.`,
      };
  }
}

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
  let named = '';
  let shown = '';
  const badge: Badge = {
    host,
    button,
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
      named = matchTitle ?? title;
      related = null;
    },
    setStatus(status, problem = null) {
      const label = badgeLabel(status, named, problem);
      // Called for every badge on every change of the list: only a real change writes to the page.
      if (`${label.name}${label.hint}${probable}` === shown) return;
      shown = `${label.name}${label.hint}${probable}`;
      const kind = status.endsWith('failed')
        ? 'failed'
        : status === 'saving' || status === 'removing'
          ? 'pending'
          : status;
      button.className = `badge ${kind}`;
      button.textContent = label.text;
      button.setAttribute('aria-label', label.name);
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
