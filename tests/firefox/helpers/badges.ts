// Reading Paper Lens's badges and panel in a Firefox tab (puppeteer), as tests/e2e/helpers/badges.ts
// does in Chromium (Playwright): inline badges are hosts with an open shadow root; on arXiv listings
// the badge is the button itself, inside the badge layer's shadow root.
import type { ElementHandle, Page } from 'puppeteer-core';
import type { ExpectedPaper } from '../../e2e/helpers/fixtures';

/** What one badge says: the title it read, the corpus title it matched, and its label. */
export interface BadgeState {
  title: string | null;
  matchTitle: string | null;
  matched: boolean;
  text: string | null;
  /** The accessible name of its button. */
  action: string | null;
}

/** Every badge on the page, in tree order (open shadow trees included). */
export function badgeStates(page: Page): Promise<BadgeState[]> {
  return page.evaluate(() => {
    const hosts: Element[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        if (element.matches('[data-paper-lens-host="badge"]')) hosts.push(element);
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    walk(document);
    return hosts.map((host) => {
      const button = host.getAttribute('role') === 'button' ? host : host.shadowRoot?.querySelector('[role="button"]');
      return {
        title: host.getAttribute('data-paper-lens-title'),
        matchTitle: host.getAttribute('data-paper-lens-match-title'),
        matched: (host.getAttribute('data-paper-lens-match') ?? '') !== '',
        text: button?.textContent ?? null,
        action: button?.getAttribute('aria-label') ?? null,
      };
    });
  });
}

/** What the badges must say for `papers`, with nothing saved. */
export function expectedBadges(papers: ExpectedPaper[]): BadgeState[] {
  return papers.map((paper) => ({
    title: paper.title,
    matchTitle: paper.corpusTitle ?? '',
    matched: paper.corpusTitle !== null,
    text: paper.corpusTitle === null ? 'Not in corpus' : 'In corpus',
    // The name starts with what the badge shows and names the paper (content/badge.ts).
    action: `${paper.corpusTitle === null ? 'Not in corpus' : 'In corpus'}: Save to Paper Lens: "${paper.corpusTitle ?? paper.title}"`,
  }));
}

/** The button of the badge that read `title`, for a real click. */
export async function badgeButtonFor(page: Page, title: string): Promise<ElementHandle<Element>> {
  const handle = await page.evaluateHandle((wanted) => {
    const find = (root: Document | ShadowRoot): Element | null => {
      for (const element of root.querySelectorAll('*')) {
        if (
          element.matches('[data-paper-lens-host="badge"]') &&
          element.getAttribute('data-paper-lens-title') === wanted
        ) {
          return element.getAttribute('role') === 'button'
            ? element
            : (element.shadowRoot?.querySelector('[role="button"]') ?? null);
        }
        const inner = element.shadowRoot ? find(element.shadowRoot) : null;
        if (inner) return inner;
      }
      return null;
    };
    return find(document);
  }, title);
  const element = handle.asElement();
  if (!element) throw new Error(`no badge for ${title}`);
  return element as ElementHandle<Element>;
}

/** Waits until the content script has placed its badges ('paper-lens:ready' in the page's timeline). */
export async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName('paper-lens:ready').length > 0, {
    timeout: 15_000,
    polling: 50,
  });
}
