import type { DetectedPaper } from '../lib/pages/types';
import { createBadge, type Badge, type BadgeActions, type BadgeStatus } from './badge';
import { createBadgeLayer, type BadgeLayer } from './badge-layer';
import type { PaperMatch } from './match-queue';
import type { Theme } from './theme';

/** One detected paper's badge and what it was matched to. */
export interface BadgeEntry {
  detected: DetectedPaper;
  badge: Badge;
  match: PaperMatch | null;
}

/** What the badges ask of the rest of the page side. */
export interface BadgeDeps {
  /** What `entry`'s badge does when used (read when used, so it sees the entry's latest match). */
  actions(entry: BadgeEntry): BadgeActions;
  /** What `entry`'s badge says. */
  /** What the badge says, and why its paper's last change failed (null when it did not). */
  status(entry: BadgeEntry): { status: BadgeStatus; problem: string | null };
}

/**
 * Every badge on the page, wherever it goes: beside its title (inline, in its own shadow root) or,
 * for a paper that marks a `badgeAt` line, in the badge layer, which leaves the page's layout alone.
 */
export interface PageBadges {
  /** Drops the badges of papers no longer on the page, and readies the layer for `papers`. */
  begin(papers: readonly DetectedPaper[], theme: Theme): void;
  /** Brings `detected`'s badge up to date and places it; `order` is its place among the page's papers. */
  show(detected: DetectedPaper, order: number, match: PaperMatch | null): void;
  /** Lays out the layer's badges shown since the last call (one layout read, then writes). */
  flush(): void;
  /** The match of the paper whose title is `anchor`, once its badge is shown. */
  matchOf(anchor: Element): PaperMatch | null;
  /** Says every badge's status again (the saved list changed). */
  refresh(): void;
  /** Removes every badge and the layer. */
  clear(): void;
}

/** The page's badges, styled by `sheet`. */
export function createPageBadges(doc: Document, sheet: CSSStyleSheet | string, deps: BadgeDeps): PageBadges {
  const entries = new Map<Element, BadgeEntry>();
  let theme: Theme = 'light';
  /** Made on the first page with lines to mark. */
  let layer: BadgeLayer | null = null;

  function showStatus(entry: BadgeEntry): void {
    const { status, problem } = deps.status(entry);
    entry.badge.setStatus(status, problem);
  }

  function create(detected: DetectedPaper): BadgeEntry {
    const entry = { detected, match: null } as unknown as BadgeEntry;
    // A badge in the layer is styled by the layer's shadow root; an inline one needs its own.
    entry.badge = createBadge(doc, deps.actions(entry), detected.badgeAt ? undefined : sheet);
    return entry;
  }

  function place(entry: BadgeEntry, order: number): void {
    const { anchor, placement, badgeAt } = entry.detected;
    if (badgeAt) {
      (layer ??= createBadgeLayer(doc, sheet)).add(entry.badge, badgeAt, order);
      return;
    }
    layer?.remove(entry.badge);
    entry.badge.host.setAttribute('data-pl-theme', theme);
    if (placement === 'inside') anchor.append(entry.badge.host);
    else anchor.after(entry.badge.host);
  }

  function isPlaced(entry: BadgeEntry): boolean {
    const { host } = entry.badge;
    const { anchor, placement, badgeAt } = entry.detected;
    if (badgeAt) return layer?.holds(entry.badge, badgeAt) ?? false;
    return placement === 'inside' ? host.parentNode === anchor : host.previousSibling === anchor;
  }

  function unplace(entry: BadgeEntry): void {
    layer?.remove(entry.badge);
    entry.badge.host.remove();
  }

  return {
    begin(papers, pageTheme) {
      theme = pageTheme;
      const current = new Set(papers.map((paper) => paper.anchor));
      for (const [anchor, entry] of entries) {
        if (!current.has(anchor) || !anchor.isConnected) {
          unplace(entry);
          entries.delete(anchor);
        }
      }
      // Lines that kept their badges may have moved. The layer goes in now, while the titles are
      // matched, so adding it to the page does not cost the frame of the first badges.
      if (papers.some((paper) => paper.badgeAt)) layer ??= createBadgeLayer(doc, sheet);
      layer?.setTheme(theme);
      layer?.attach();
      layer?.relayout();
    },
    show(detected, order, match) {
      let entry = entries.get(detected.anchor);
      if (entry && entry.detected.title === detected.title && isPlaced(entry)) {
        layer?.setOrder(entry.badge, order);
        return;
      }
      if (entry && !entry.detected.badgeAt !== !detected.badgeAt) {
        unplace(entry);
        entry = undefined;
      }
      if (!entry) {
        entry = create(detected);
        entries.set(detected.anchor, entry);
      }
      entry.detected = detected;
      entry.match = match;
      entry.badge.setMatch(detected.title, match?.id ?? null, match?.title ?? null, match?.probable);
      showStatus(entry);
      if (!isPlaced(entry)) place(entry, order);
    },
    flush: () => layer?.place(),
    matchOf: (anchor) => entries.get(anchor)?.match ?? null,
    refresh() {
      for (const entry of entries.values()) showStatus(entry);
    },
    clear() {
      for (const entry of entries.values()) unplace(entry);
      entries.clear();
      layer?.destroy();
      layer = null;
    },
  };
}
