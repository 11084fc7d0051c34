import type { Locator, Page } from 'playwright-core';

/**
 * A page's Paper Lens badges: inline, a host whose shadow root holds the button; on arXiv listings,
 * the button itself, in the badge layer's shadow root (Playwright's CSS reaches into open ones).
 */
export const BADGE = '[data-paper-lens-host="badge"]';

/** The button of a badge found with BADGE, inline or in the layer. */
export function badgeButton(badge: Locator): Locator {
  return badge.and(badge.page().locator('[role="button"]')).or(badge.getByRole('button'));
}

/** The badge that read `title` from the page. */
export function badgeFor(page: Page, title: string): Locator {
  return page.locator(`${BADGE}[data-paper-lens-title="${title.replace(/["\\]/g, '\\$&')}"]`);
}

/** A badge's state: accessible name and visible text of its button. */
export async function buttonState(badge: Locator): Promise<{ name: string | null; text: string }> {
  const button = badgeButton(badge);
  return { name: await button.getAttribute('aria-label'), text: await button.innerText() };
}

/** The badges' hover preview that is showing (inline badges and the layer each have their own). */
export function badgeTooltip(page: Page): Locator {
  return page.locator('[data-paper-lens-host] [role="tooltip"]').filter({ visible: true });
}

/** What one badge says: the title it read, the corpus title it matched, and its label. */
export interface BadgeState {
  title: string | null;
  matchTitle: string | null;
  matched: boolean;
  text: string | null;
}

/** Every badge on the page, in document order. */
export function badgeStates(page: Page): Promise<BadgeState[]> {
  return page.locator(BADGE).evaluateAll((hosts) =>
    hosts.map((host) => ({
      title: host.getAttribute('data-paper-lens-title'),
      matchTitle: host.getAttribute('data-paper-lens-match-title'),
      matched: (host.getAttribute('data-paper-lens-match') ?? '') !== '',
      text:
        (host.getAttribute('role') === 'button' ? host : host.shadowRoot?.querySelector('[role="button"]'))
          ?.textContent ?? null,
    })),
  );
}

/** The one tab showing `url` (a tabs.query pattern), asked from an extension page. */
export async function tabIdOf(extensionPage: Page, url: string): Promise<number> {
  const ids = await extensionPage.evaluate(
    async (pattern) =>
      (
        await (
          globalThis as unknown as { chrome: { tabs: { query(q: { url: string }): Promise<{ id?: number }[]> } } }
        ).chrome.tabs.query({ url: pattern })
      ).map((t) => t.id),
    url,
  );
  if (ids.length !== 1) throw new Error(`expected one tab at ${url}, found ${ids.length}`);
  return ids[0]!;
}

/** Finds a badge's button by its action, whatever its state text and title (names say all three). */
export const SAVE_NAME = /Save to Paper Lens/;
export const REMOVE_NAME = /Remove from Paper Lens/;

/** What a settled badge says: its visible text, and its accessible name, which starts with that text,
 * then the action and the (corpus) title of its paper. */
export function settledBadge(
  text: 'In corpus' | 'Not in corpus' | 'Saved',
  title: string,
): { name: string; text: string } {
  const action = text === 'Saved' ? 'Remove from Paper Lens' : 'Save to Paper Lens';
  return { name: `${text}: ${action}: "${title}"`, text };
}
