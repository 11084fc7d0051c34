// The listing benchmark: a 2,000-entry arXiv listing (half its titles in the corpus) loaded in
// Chromium with the extension, timed from the content script's first statement to every badge
// placed, and the longest stretch the main thread was blocked after that statement.
import type { Page } from 'playwright-core';
import type { Paper } from '../../lib/corpus/types';
import { arxivListingHtml } from './arxiv-listing';
import type { ExtensionBrowser } from './launch';

export const LISTING_URL = 'https://arxiv.org/list/cs.LG/pastweek?show=2000';

export interface ListingRun {
  /** From 'paper-lens:start' to 'paper-lens:badges'. */
  allBadgesMs: number;
  /** The longest of `longtaskMs` and `renderMs`: what the user feels as a frozen page. */
  longestTaskMs: number;
  /** The longest task the Long Tasks API reported. */
  longtaskMs: number;
  /** The longest rendering step (requestAnimationFrame callbacks, style, layout, paint) of a frame. */
  renderMs: number;
  /** The listing's tab, left open. */
  page: Page;
}

/** The listing's entries: even ones are corpus titles, odd ones are not. */
export function listingEntries(papers: Paper[], count = 2000): { id: string; title: string }[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `2411.${String(10000 + i).padStart(5, '0')}`,
    title:
      i % 2 === 0 ? papers[(i / 2) % papers.length]!.title : `A Study of Synthetic Topic Number ${i} in Large Models`,
  }));
}

export async function routeListing(browser: ExtensionBrowser, papers: Paper[]): Promise<void> {
  await browser.routeFixture(LISTING_URL, arxivListingHtml(listingEntries(papers)));
}

/**
 * An init script: records, from the page's first moment, its long tasks in window.paperLensTasks
 * and the rendering step of its long animation frames in window.paperLensFrames, as
 * [start, duration] pairs (why both, see loadListing).
 */
export function observeMainThread(): void {
  const tasks: [number, number][] = [];
  const frames: [number, number][] = [];
  Object.assign(window, { paperLensTasks: tasks, paperLensFrames: frames });
  new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push([e.startTime, e.duration]))).observe({
    type: 'longtask',
    buffered: true,
  });
  new PerformanceObserver((list) =>
    list.getEntries().forEach((e) => {
      const frame = e as PerformanceEntry & { renderStart: number };
      // A frame that rendered nothing has renderStart 0: its work is in the long tasks.
      if (frame.renderStart > 0) frames.push([frame.renderStart, e.startTime + e.duration - frame.renderStart]);
    }),
  ).observe({ type: 'long-animation-frame', buffered: true });
}

/**
 * Loads the listing once in a new tab, left open (the popup benchmark reads its report).
 *
 * The Long Tasks API alone is not an honest measure here: Chromium does not report the task that
 * renders a frame, so a 100 ms requestAnimationFrame callback plus its style and layout shows no
 * long task at all. Long-animation-frame entries do show it: their rendering step (from renderStart
 * to the frame's end) is one uninterrupted task, and it counts as a task here.
 */
export async function loadListing(browser: ExtensionBrowser): Promise<ListingRun> {
  const listing = await browser.context.newPage();
  await listing.addInitScript(observeMainThread);
  await listing.goto(LISTING_URL);
  await listing.waitForFunction(() => performance.getEntriesByName('paper-lens:ready').length > 0, null, {
    timeout: 60_000,
  });
  // Frames are reported after they end: one more frame, so the last badges' frame is in.
  await listing.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
  const timeline = await listing.evaluate(() => {
    const w = window as unknown as { paperLensTasks: [number, number][]; paperLensFrames: [number, number][] };
    return {
      start: performance.getEntriesByName('paper-lens:start')[0]!.startTime,
      badges: performance.getEntriesByName('paper-lens:badges')[0]!.startTime,
      tasks: w.paperLensTasks,
      frames: w.paperLensFrames,
      visible: document.visibilityState === 'visible',
    };
  });
  const after = (list: [number, number][]) =>
    Math.max(0, ...list.filter(([start]) => start >= timeline.start).map(([, duration]) => duration));
  // A hidden tab renders no frames at all: its figures would be flattering, not real.
  if (!timeline.visible) throw new Error('The listing tab was hidden: its frames are not rendered.');
  const longtaskMs = after(timeline.tasks);
  const renderMs = after(timeline.frames);
  return {
    allBadgesMs: timeline.badges - timeline.start,
    longestTaskMs: Math.max(longtaskMs, renderMs),
    longtaskMs,
    renderMs,
    page: listing,
  };
}
