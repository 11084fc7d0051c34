// arXiv listings: a 2,000-entry page (show=2000) gets every badge without freezing the page, and
// the badges, drawn in Paper Lens's own layer, stay at the end of their id lines as the page moves.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listingEntries, loadListing, routeListing } from '../../tools/browser/listing';
import { arxivListingHtml } from '../../tools/browser/arxiv-listing';
import { realPapers } from '../helpers/corpus';
import { BADGE, badgeButton, badgeStates, badgeTooltip } from './helpers/badges';
import { ARTIFACTS_DIR, launchExtension, type ExtensionBrowser } from '../../tools/browser/launch';

const SMALL_URL = 'https://arxiv.org/list/cs.CL/new?show=40';
const SHOTS_DIR = join(ARTIFACTS_DIR, 'listing');
const POLL = { timeout: 15_000 };

let browser: ExtensionBrowser;
beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  browser = await launchExtension();
});
afterAll(async () => {
  await browser?.close();
});

interface Placement {
  title: string | null;
  /** From the id line's last glyph to the badge's left edge. */
  gap: number;
  /** The badge's vertical centre less the id line's. */
  offset: number;
  visible: boolean;
}

/**
 * Where each badge is against the line it marks, measured independently of the layer's own code:
 * the line is the last row of the dt's client rects, its end their rightmost edge on that row.
 */
function placements(page: Page): Promise<Placement[]> {
  return page.evaluate(() => {
    const layer = document.querySelector('[data-paper-lens-host="layer"]');
    const badges = [...(layer?.shadowRoot?.querySelectorAll('[data-paper-lens-host="badge"]') ?? [])];
    const range = document.createRange();
    return [...document.querySelectorAll('dl#articles > dt')].map((dt, i) => {
      range.selectNodeContents(dt);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      const bottom = Math.max(...rects.map((r) => r.bottom));
      const row = rects.filter((r) => r.bottom > bottom - 4);
      const end = Math.max(...row.map((r) => r.right));
      const centre = (Math.min(...row.map((r) => r.top)) + bottom) / 2;
      const badge = badges[i];
      const box = badge?.getBoundingClientRect();
      return {
        title: badge?.getAttribute('data-paper-lens-title') ?? null,
        gap: box ? Math.round(box.left - end) : NaN,
        offset: box ? Math.round((box.top + box.bottom) / 2 - centre) : NaN,
        visible: badge?.checkVisibility() ?? false,
      };
    });
  });
}

/** Waits two frames: the layer measures in a ResizeObserver callback, drawn in the next frame. */
const frames = (page: Page) =>
  page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

function expectAtLineEnds(got: Placement[], titles: string[]): void {
  expect(got.map((p) => p.title)).toEqual(titles);
  for (const placement of got) {
    expect(placement.visible).toBe(true);
    // GAP is 8 px; positions are rounded to whole pixels.
    expect(placement.gap).toBeGreaterThanOrEqual(7);
    expect(placement.gap).toBeLessThanOrEqual(9);
    expect(Math.abs(placement.offset)).toBeLessThanOrEqual(1);
  }
}

describe('arXiv listings', () => {
  it('draws each badge at the end of its id line, in page order, and keeps it there as the page reflows', async () => {
    const list = listingEntries(realPapers(), 40);
    await browser.routeFixture(SMALL_URL, arxivListingHtml(list));
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(SMALL_URL);
    await page.waitForFunction(() => performance.getEntriesByName('paper-lens:ready').length > 0);
    const titles = list.map((entry) => entry.title);
    expect((await badgeStates(page)).map((state) => state.text)).toEqual(
      list.map((_, i) => (i % 2 === 0 ? 'In corpus' : 'Not in corpus')),
    );
    expectAtLineEnds(await placements(page), titles);
    const firstLine = page.locator('dl#articles > dt').first();
    const before = {
      line: (await firstLine.boundingBox())!.y,
      badge: (await page.locator(BADGE).first().boundingBox())!.y,
    };

    // The page pushes its list down: every badge follows its line.
    await page.evaluate(() => {
      const banner = document.createElement('div');
      banner.style.height = '137px';
      document.querySelector('#dlpage')!.prepend(banner);
    });
    await frames(page);
    expectAtLineEnds(await placements(page), titles);
    const moved = (await firstLine.boundingBox())!.y - before.line;
    expect(moved).toBeGreaterThan(0);
    // The badge's position is rounded to whole pixels; the line's need not be.
    expect(Math.abs((await page.locator(BADGE).first().boundingBox())!.y - before.badge - moved)).toBeLessThanOrEqual(
      1,
    );

    // Larger text: the lines get longer and taller; a narrower window rewraps the entries.
    await page.evaluate(() => (document.body.style.fontSize = '21px'));
    await frames(page);
    expectAtLineEnds(await placements(page), titles);
    await page.setViewportSize({ width: 800, height: 800 });
    await frames(page);
    expectAtLineEnds(await placements(page), titles);
    // The layer never makes the page scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(800);

    // Far down the page too (the layer's chunks are only rendered near the viewport).
    await page.locator(BADGE).nth(39).scrollIntoViewIfNeeded();
    await frames(page);
    expectAtLineEnds(await placements(page), titles);

    // A line the page hides takes its badge with it, not to the page's corner; shown again, it is back.
    const hide = (display: string) =>
      page.evaluate((value) => {
        (document.querySelectorAll('dl#articles > dt')[5] as HTMLElement).style.display = value;
        (document.querySelectorAll('dl#articles > dd')[5] as HTMLElement).style.display = value;
      }, display);
    await hide('none');
    await frames(page);
    expect((await placements(page)).map((p) => p.visible)).toEqual(titles.map((_, i) => i !== 5));
    await hide('');
    await frames(page);
    expectAtLineEnds(await placements(page), titles);

    // A page that swaps in a new body with the same entries (built from its own markup, without
    // ours): the layer comes back and the badges mark the new lines (a rescan, up to 200 ms later).
    await page.evaluate(() => {
      const body = document.body.cloneNode(true) as HTMLElement;
      body.querySelectorAll('[data-paper-lens-host]').forEach((host) => host.remove());
      document.body.replaceWith(body);
    });
    await expect.poll(async () => (await placements(page)).every((p) => p.visible && p.gap === 8), POLL).toBe(true);
    expectAtLineEnds(await placements(page), titles);

    // An entry inserted at the top: its badge comes first in the layer too (the order keyboard focus
    // takes), not after the 40 already there.
    const added = realPapers()[100]!.title;
    await page.evaluate((title) => {
      const dt = document.querySelector('dl#articles > dt')!;
      const dd = dt.nextElementSibling!;
      const [newDt, newDd] = [dt.cloneNode(true) as Element, dd.cloneNode(true) as Element];
      newDt.querySelector('a[title="Abstract"]')!.textContent = 'arXiv:2411.09999';
      newDd.querySelector('.list-title')!.lastChild!.textContent = ` ${title}`;
      dt.before(newDt, newDd);
    }, added);
    await expect.poll(async () => (await badgeStates(page)).length, POLL).toBe(41);
    expect((await badgeStates(page)).map((state) => state.title)).toEqual([added, ...titles]);
    expectAtLineEnds(await placements(page), [added, ...titles]);
    await page.close();
  });

  it('answers Enter and hover on a listing badge, and looks right in light and dark (screenshots)', async () => {
    await browser.routeFixture(SMALL_URL, arxivListingHtml(listingEntries(realPapers(), 40)));
    for (const scheme of ['light', 'dark'] as const) {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(SMALL_URL);
      await page.waitForFunction(() => performance.getEntriesByName('paper-lens:ready').length > 0);
      await page.screenshot({ path: join(SHOTS_DIR, `listing-${scheme}.png`) });
      const second = badgeButton(page.locator(BADGE).nth(2));
      await second.hover();
      await expect.poll(() => badgeTooltip(page).locator('h2').textContent(), POLL).toBe('Related in Paper Lens');
      await page.screenshot({ path: join(SHOTS_DIR, `listing-hover-${scheme}.png`) });
      // Focus by keyboard shows the ring and the preview; Enter saves.
      await page.mouse.move(1, 1);
      await second.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => second.textContent(), POLL).toBe('Saved');
      await page.screenshot({ path: join(SHOTS_DIR, `listing-focus-${scheme}.png`) });
      await page.keyboard.press('Enter');
      await expect.poll(() => second.textContent(), POLL).toBe('In corpus');
      await page.close();
    }
  });

  it('shows every badge of a 2,000-entry listing, matched, in a measured time and without freezing the page', async () => {
    await routeListing(browser, realPapers());
    const run = await loadListing(browser);
    const { page } = run;
    expect(await page.locator(`${BADGE}[data-paper-lens-match]`).count()).toBe(2000);
    expect(await page.locator(`${BADGE}:not([data-paper-lens-match=""])`).count()).toBe(1000);
    const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));
    expect(marks).toEqual([
      'paper-lens:start',
      'paper-lens:detected',
      'paper-lens:matched',
      'paper-lens:badges',
      'paper-lens:ready',
    ]);
    console.log(`2,000-entry listing: ${JSON.stringify({ ...run, page: undefined })}`);
    // The budget (50 ms) is npm run bench's median of warm loads. This is a first load in a fresh
    // browser, whose longest task is often the page's own first render (67–150 ms on a quiet machine,
    // bench/NOTES.md): the bound catches a frozen page, not a missed budget.
    expect(run.longestTaskMs).toBeLessThan(200);
    await page.close();
  });

  // Runs last: covers the listings and every message they caused.
  it('made no request that left the browser and threw no uncaught page errors', () => {
    const external = browser.externalRequests().map((request) => `${request.method} ${request.url}`);
    expect(external, `requests that left the browser:\n${external.join('\n')}`).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
