// A 2,000-entry arXiv listing (show=2000): every title gets its badge, and the extension never
// holds the page's main thread for more than 50 ms at a time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arxivListingHtml, type ListingEntry } from '../helpers/arxiv-listing';
import { realPapers } from '../helpers/corpus';
import { launchExtension, type ExtensionBrowser } from './helpers/browser';

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchExtension();
});
afterAll(async () => {
  await browser?.close();
});

/** Half corpus titles, half made-up ones, interleaved. */
function listingEntries(count: number): ListingEntry[] {
  const papers = realPapers();
  return Array.from({ length: count }, (_, i) => ({
    id: `2411.${String(10000 + i).padStart(5, '0')}`,
    title:
      i % 2 === 0 ? papers[(i / 2) % papers.length]!.title : `A Study of Synthetic Topic Number ${i} in Large Models`,
  }));
}

describe('a 2,000-entry arXiv listing', () => {
  it('shows every badge, matches the corpus titles, and causes no task over 50 ms', async () => {
    const list = listingEntries(2000);
    await browser.routeFixture('https://arxiv.org/list/cs.CL/new?show=2000', arxivListingHtml(list));
    const page = await browser.context.newPage();
    await page.addInitScript(() => {
      const tasks: [number, number][] = [];
      (window as unknown as { paperLensLongTasks: [number, number][] }).paperLensLongTasks = tasks;
      new PerformanceObserver((entries) =>
        entries.getEntries().forEach((e) => tasks.push([e.startTime, e.duration])),
      ).observe({
        type: 'longtask',
        buffered: true,
      });
    });
    await page.goto('https://arxiv.org/list/cs.CL/new?show=2000');
    await expect
      .poll(() => page.locator('[data-paper-lens-host="badge"][data-paper-lens-match]').count(), { timeout: 30_000 })
      .toBe(2000);
    await page.waitForFunction(() => performance.getEntriesByName('paper-lens:ready').length > 0);
    const matched = await page.locator('[data-paper-lens-host="badge"]:not([data-paper-lens-match=""])').count();
    expect(matched).toBe(1000);
    const timeline = await page.evaluate(() => ({
      tasks: (window as unknown as { paperLensLongTasks: [number, number][] }).paperLensLongTasks,
      start: performance.getEntriesByName('paper-lens:start')[0]?.startTime ?? null,
      ready: performance.getEntriesByName('paper-lens:ready')[0]?.startTime ?? null,
      marks: performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]),
    }));
    console.log(JSON.stringify(timeline));
    // Long tasks that start after the content script did are ours (the page's own parse comes before).
    const ours = timeline.tasks.filter(([start]) => start >= (timeline.start ?? 0)).map(([, duration]) => duration);
    expect(ours.filter((duration) => duration > 50)).toEqual([]);
    expect(timeline.marks.map(([name]) => name)).toEqual([
      'paper-lens:start',
      'paper-lens:detected',
      'paper-lens:matched',
      'paper-lens:badges',
      'paper-lens:ready',
    ]);
    await page.close();
  });

  // Runs last: covers the listing and every message it caused.
  it('made no request that left the browser and threw no uncaught page errors', () => {
    const external = browser.externalRequests().map((request) => `${request.method} ${request.url}`);
    expect(external, `requests that left the browser:\n${external.join('\n')}`).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
