// Issue 14, promise 6, against the BUILT extension in Debian's Chromium: axe-core finds no violation in
// Paper Lens's own in-page hosts (inline badges, the listing's badge layer, the related-work panel,
// the badges' preview) and in the popup's views, light and dark; a badge's accessible name holds
// its visible text and its paper's title; and a keyboard user reaches a listing entry's badge right
// after that entry's id-line links, not after the whole page.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arxivListingHtml, type ListingEntry } from '../../tools/browser/arxiv-listing';
import { realPapers, realService } from '../helpers/corpus';
import { BADGE, badgeButton, badgeFor, settledBadge, tabIdOf } from './helpers/badges';
import { ARTIFACTS_DIR, launchExtension, type ExtensionBrowser } from '../../tools/browser/launch';
import { fixture, fixtureHtml } from './helpers/fixtures';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const POLL = { timeout: 15_000 };
const LISTING_URL = 'https://arxiv.org/list/cs.CL/new';
const DARK_LISTING_URL = 'https://arxiv.org/list/cs.LG/new';
const ABS = fixture('arxiv-abs.html');
const DAILY = fixture('hf-daily.html');
const DARK_DAILY_URL = 'https://huggingface.co/papers?dark=1';
const SHOTS_DIR = join(ARTIFACTS_DIR, 'accessibility');

let browser: ExtensionBrowser;
let entries: ListingEntry[];

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  browser = await launchExtension();
  const service = realService();
  const corpus = realPapers()
    .filter((p) => service.matchTitle(p.title).match?.id === p.id && p.title.length < 150)
    .slice(0, 8);
  entries = [
    ...corpus.map((p, i) => ({ id: `2601.${String(20_000 + i)}`, title: p.title })),
    { id: '2601.20100', title: 'Accessibility probe: a paper outside the corpus on quiet lattices' },
  ];
  const listing = arxivListingHtml(entries);
  await browser.routeFixture(LISTING_URL, listing);
  // A dark page (its background decides): the layer's badges take the dark theme.
  await browser.routeFixture(
    DARK_LISTING_URL,
    listing.replace(
      '<body class="with-cu-identity">',
      '<body class="with-cu-identity" style="background:#121417;color:#e6e6e6">',
    ),
  );
  await browser.routeFixture(ABS.url, fixtureHtml(ABS.file));
  await browser.routeFixture(DAILY.url, fixtureHtml(DAILY.file));
  // Hugging Face marks its dark mode with a class on the root.
  await browser.routeFixture(
    DARK_DAILY_URL,
    fixtureHtml(DAILY.file).replace(/<html([^>]*)>/, '<html$1 class="dark" style="background:#0b0f19;color:#e5e7eb">'),
  );
});

afterAll(async () => {
  await browser?.close();
});

interface Violation {
  id: string;
  impact: string | null;
  targets: string[];
  summary: string;
}

/** Runs axe-core over `include` (CSS selectors of light-DOM hosts; axe walks their open shadow roots). */
async function axeViolations(page: Page, include: string[] | null): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async (selectors) => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: unknown,
            options: unknown,
          ): Promise<{
            violations: {
              id: string;
              impact: string | null;
              nodes: { target: unknown[]; failureSummary?: string }[];
            }[];
          }>;
        };
      }
    ).axe;
    const context = selectors ? { include: selectors.map((s) => [s]) } : document;
    const result = await axe.run(context, {
      resultTypes: ['violations'],
      // Off by default (axe marks it experimental); the finding was exactly this rule.
      rules: { 'label-content-name-mismatch': { enabled: true } },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => JSON.stringify(n.target)),
      summary: v.nodes[0]?.failureSummary ?? '',
    }));
  }, include);
}

async function openPage(url: string, scheme: 'light' | 'dark'): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('paper-lens:ready').length > 0, undefined, POLL);
  return page;
}

/** What the focused element is, reaching into our shadow roots: a badge's title, or the page element's text. */
function focused(page: Page): Promise<{ badge: string | null; tag: string; text: string; id: string }> {
  return page.evaluate(() => {
    const outer = document.activeElement;
    const inner = outer?.shadowRoot?.activeElement ?? null;
    const el = inner ?? outer;
    return {
      badge: inner ? inner.getAttribute('data-paper-lens-title') : null,
      tag: el?.tagName.toLowerCase() ?? '',
      text: (el?.textContent ?? '').trim(),
      id: el?.id ?? '',
    };
  });
}

describe('accessibility of the in-page hosts and the popup', () => {
  it.each(['light', 'dark'] as const)(
    'axe-core finds no violation in the badges, the layer, the panel and the preview (%s)',
    async (scheme) => {
      const pages = [
        { url: scheme === 'light' ? LISTING_URL : DARK_LISTING_URL, name: 'listing' },
        { url: ABS.url, name: 'abs' },
        { url: scheme === 'light' ? DAILY.url : DARK_DAILY_URL, name: 'hf-daily' },
      ];
      for (const { url, name } of pages) {
        const page = await openPage(url, scheme);
        expect(await page.locator(BADGE).count()).toBeGreaterThan(0);
        // A saved badge too, and the preview open (keyboard focus shows it).
        const first = badgeButton(page.locator(BADGE).first());
        await first.click();
        await expect.poll(() => first.innerText(), POLL).toBe('Saved');
        await first.focus();
        await expect
          .poll(
            () => page.locator('[data-paper-lens-host] [role="tooltip"] h2').filter({ visible: true }).count(),
            POLL,
          )
          .toBe(1);
        if (name === 'abs') await page.locator('[data-paper-lens-host="panel"] li').first().waitFor(POLL);
        await page.screenshot({ path: join(SHOTS_DIR, `${name}-${scheme}.png`) });
        expect(await axeViolations(page, ['[data-paper-lens-host]']), `${name} (${scheme})`).toEqual([]);
        await first.click(); // unsaved again for the next page
        await expect.poll(() => first.innerText(), POLL).not.toBe('Saved');
        await page.close();
      }
    },
  );

  it("names every badge with its visible text and its paper's title", async () => {
    const page = await openPage(LISTING_URL, 'light');
    for (const entry of entries) {
      const button = badgeButton(badgeFor(page, entry.title));
      const text = await button.innerText();
      expect(text).toBe(entry.title.startsWith('Accessibility probe') ? 'Not in corpus' : 'In corpus');
      expect(await button.getAttribute('aria-label')).toBe(settledBadge(text as 'In corpus', entry.title).name);
      // Found by what it shows, as voice control and screen readers do.
      expect(await page.getByRole('button', { name: `${text}: Save to Paper Lens: "${entry.title}"` }).count()).toBe(1);
    }
    await page.close();
  });

  it.each(['light', 'dark'] as const)('axe-core finds no violation in the popup views (%s)', async (scheme) => {
    const listing = await openPage(LISTING_URL, scheme);
    const popup = await browser.openExtensionPage('popup.html');
    await popup.goto(browser.extensionUrl(`popup.html?tab=${await tabIdOf(popup, LISTING_URL)}`));
    await popup.emulateMedia({ colorScheme: scheme });
    const views = ['This page', 'Search', 'Saved', 'More like', 'About'];
    for (const view of views) {
      const tab = popup.getByRole('tab', { name: view, exact: true });
      if ((await tab.count()) === 0) continue;
      await tab.click();
      if (view === 'Search') {
        await popup.getByRole('searchbox').fill('language models');
        await popup.getByRole('list', { name: 'Search results' }).getByRole('listitem').first().waitFor(POLL);
      }
      await popup.waitForTimeout(200);
      await popup.screenshot({
        path: join(SHOTS_DIR, `popup-${view.replace(/\s+/g, '-').toLowerCase()}-${scheme}.png`),
      });
      expect(await axeViolations(popup, null), `${view} (${scheme})`).toEqual([]);
    }
    await popup.close();
    await listing.close();
  });
});

describe('keyboard reach of a listing badge', () => {
  it("Tab from an entry's id-line links goes to its badge, then on to the entry's next link; Shift+Tab back", async () => {
    const page = await openPage(LISTING_URL, 'light');
    const layout = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('dl#articles > *')].map((el) => {
          const box = el.getBoundingClientRect();
          return [box.top, box.height, box.width].map(Math.round).join(',');
        }),
      );
    const before = await layout();
    const [second, third] = [entries[1]!, entries[2]!];
    await page.locator(`[id="oth-${second.id}"]`).focus();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ badge: second.title });
    await page.keyboard.press('Tab');
    // The entry's next focusable element: its first author link.
    expect(await focused(page)).toMatchObject({ badge: null, tag: 'a', text: 'Jane Doe' });
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toMatchObject({ badge: second.title });
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toMatchObject({ badge: null, id: `oth-${second.id}` });
    // From the last link before the next entry, Tab goes through that entry's id line to its badge.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    for (let i = 0; i < 8; i++) {
      if ((await focused(page)).badge === third.title) break;
      await page.keyboard.press('Tab');
    }
    expect(await focused(page)).toMatchObject({ badge: third.title });
    // Enter on the focused badge saves, as a click does.
    await page.keyboard.press('Enter');
    await expect.poll(() => badgeButton(badgeFor(page, third.title)).innerText(), POLL).toBe('Saved');
    // Nothing moved on the page.
    expect(await layout()).toEqual(before);
    await page.close();
  });

  it('made no request that left the browser and threw no uncaught page errors', () => {
    expect(browser.externalRequests(), 'requests that left the browser').toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
