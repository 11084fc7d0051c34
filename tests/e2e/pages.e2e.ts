// The content script against the BUILT extension on every fixture page (tests/fixtures/pages), served at
// its real URL: badges in page order with their matches, the related-work panel on single-paper pages,
// saving across tabs through storage, client-side navigation, late title rewrites, a service-worker
// restart, the toolbar count and the popup's 'This page'. Screenshots go to tests/e2e/artifacts/pages/.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchExtension, stopServiceWorker, type ExtensionBrowser } from '../../tools/browser/launch';
import {
  BADGE,
  badgeButton,
  badgeFor,
  badgeStates,
  badgeTooltip,
  buttonState,
  REMOVE_NAME,
  SAVE_NAME,
  settledBadge,
  type BadgeState,
} from './helpers/badges';
import { fixture, fixtureHtml, MANIFEST, type ChromeApi, type ExpectedPaper, type Fixture } from './helpers/fixtures';

/** A global in the service worker: it survives while the worker runs and is gone after a restart. */
type WorkerGlobal = typeof globalThis & { paperLensPagesMarker?: string };

const PAGES_DIR = join(ARTIFACTS_DIR, 'pages');
const SINGLE_KINDS = new Set(['arxiv-abs', 'arxiv-html', 'hf-paper']);

const PANEL_HOST = '[data-paper-lens-host="panel"]';
const PANEL_NAME = 'Related work from Paper Lens';
const VIEWPORT = { width: 1280, height: 900 };
/** Full-page screenshots stop here, so a long listing stays a reasonable image. */
const MAX_SHOT_HEIGHT = 2400;
/** How long to wait for the background to answer (the first answer loads the corpus). */
const POLL = { timeout: 15_000, interval: 50 };

const GALORE = 'GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection';
const ASTROM = 'AstroM$^3$: A self-supervised multimodal model for astronomy';
/** An arXiv id no fixture shows, so its PDF cannot be named. */
const UNSEEN_PDF = 'https://arxiv.org/pdf/2501.00001';
const GALORE_PDF = 'https://arxiv.org/pdf/2403.03507';
const PDF_BODY = '<!DOCTYPE html><meta charset="utf-8"><p>PDF stand-in</p>';

/** Exactly this URL (a glob would read the search page's '?' as a wildcard). */
function exactUrl(url: string): RegExp {
  return new RegExp(`^${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** Adds `html` right before the page's closing body tag. */
function beforeBodyEnd(page: string, html: string): string {
  const at = page.lastIndexOf('</body>');
  if (at < 0) throw new Error('fixture has no </body>');
  return page.slice(0, at) + html + page.slice(at);
}

const ABS = fixture('arxiv-abs.html');
const ABS_TEX = fixture('arxiv-abs-tex.html');
const LIST_NEW = fixture('arxiv-list-new.html');
const LIST_RECENT = fixture('arxiv-list-recent.html');
const SEARCH = fixture('arxiv-search.html');
const HF_DAILY = fixture('hf-daily.html');
const HF_TRENDING = fixture('hf-trending.html');

// --- pages built for the dynamic tests (their inline scripts never touch the network) ---

/** hf-daily's markup at a daily-papers URL; a button swaps in hf-trending's cards the way the site's SPA does. */
const SPA_URL = 'https://huggingface.co/papers/date/2024-03-14';
function spaPage(): string {
  const trending = fixtureHtml(HF_TRENDING.file);
  const main = trending.slice(trending.indexOf('<main'), trending.indexOf('</main>') + '</main>'.length);
  return beforeBodyEnd(
    fixtureHtml(HF_DAILY.file),
    `<button id="go-trending" type="button" style="position:fixed;top:8px;right:8px">Trending</button>
<template id="trending-page">${main}</template>
<script>
document.getElementById('go-trending').addEventListener('click', () => {
  history.pushState({}, '', '/papers/trending');
  const next = document.getElementById('trending-page').content.querySelector('.grid');
  document.querySelector('main .grid').replaceChildren(...document.importNode(next, true).children);
});
</script>`,
  );
}

/**
 * hf-daily's markup with the few Tailwind rules its cards rely on (the fixture carries no CSS): the
 * card clips its content (overflow-hidden) and the title link is line-clamped, as on the live site.
 */
const STYLED_DAILY_URL = 'https://huggingface.co/papers/date/2024-03-15';
const TAILWIND_SUBSET = `<style>
.relative { position: relative; } .absolute { position: absolute; } .flex { display: flex; }
.flex-col { flex-direction: column; } .overflow-hidden { overflow: hidden; } .w-full { width: 100%; }
.grid { display: grid; } .gap-14 { gap: 3.5rem; } .lg\\:grid-cols-2 { grid-template-columns: repeat(2, minmax(0, 1fr)); }
.h-56 { height: 14rem; } .block { display: block; } .rounded-xl { border-radius: 0.75rem; }
.border { border: 1px solid #e5e7eb; } .px-6 { padding-left: 1.5rem; padding-right: 1.5rem; }
.pb-6 { padding-bottom: 1.5rem; } .pt-8 { padding-top: 2rem; } .gap-6 { gap: 1.5rem; } .hidden { display: none; }
.line-clamp-3 { overflow: hidden; display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 3; }
</style>`;
function styledDailyPage(): string {
  const page = fixtureHtml(HF_DAILY.file);
  const at = page.indexOf('</head>');
  return page.slice(0, at) + TAILWIND_SUBSET + page.slice(at);
}

/**
 * arxiv-abs-tex's markup; 300 ms after load, once Paper Lens has placed its badge, the page's script
 * rewrites the title like MathJax 2 (in place: preview, rendered span, TeX source script) or swaps the h1.
 */
const REWRITES = {
  'MathJax 2 typesets the title in place': {
    url: 'https://arxiv.org/abs/2411.08842v2',
    script: `
      const h1 = document.querySelector('h1.title');
      const walker = document.createTreeWalker(h1, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.nodeValue.indexOf('AstroM$^3$');
        if (at < 0) continue;
        const tex = node.splitText(at);
        tex.splitText('AstroM$^3$'.length);
        const preview = Object.assign(document.createElement('span'), { className: 'MathJax_Preview' });
        const math = Object.assign(document.createElement('span'), { className: 'MathJax' });
        math.append(Object.assign(document.createElement('span'), { textContent: '3' }));
        const source = Object.assign(document.createElement('script'), { type: 'math/tex', textContent: '^3' });
        tex.replaceWith('AstroM', preview, math, source);
        break;
      }`,
  },
  'the page replaces the whole h1': {
    url: 'https://arxiv.org/abs/2411.08842v3',
    script: `
      const old = document.querySelector('h1.title');
      const h1 = document.createElement('h1');
      h1.className = 'title mathjax';
      h1.innerHTML = '<span class="descriptor">Title:</span>AstroM<span class="MathJax_Preview"></span>' +
        '<span class="MathJax"><span>3</span></span><script type="math/tex">^3<\\/script>' +
        ': A self-supervised multimodal model for astronomy';
      old.replaceWith(h1);`,
  },
} as const;
type RewriteName = keyof typeof REWRITES;

function rewritePage(name: RewriteName): string {
  return beforeBodyEnd(
    fixtureHtml(ABS_TEX.file),
    `<script>
// Late: 300 ms after load, and never before Paper Lens placed its badges.
const ready = () => performance.getEntriesByName('paper-lens:ready').length > 0;
addEventListener('load', () => setTimeout(function rewrite() {
  if (!ready()) return void setTimeout(rewrite, 20);
  window.paperLensBadgeBeforeRewrite = document.querySelectorAll('h1.title [data-paper-lens-host="badge"]').length;${REWRITES[name].script}
  window.paperLensRewritten = true;
}, 300));
</script>`,
  );
}

// --- browser and helpers ---

let browser: ExtensionBrowser;
/** An extension page kept open for the whole file: tab ids, storage, CDP. */
let control: Page;
const openPages: Page[] = [];

beforeAll(async () => {
  browser = await launchExtension();
  await mkdir(PAGES_DIR, { recursive: true });
  for (const entry of MANIFEST) await browser.routeFixture(exactUrl(entry.url), fixtureHtml(entry.file));
  await browser.routeFixture(exactUrl(SPA_URL), spaPage());
  await browser.routeFixture(exactUrl(STYLED_DAILY_URL), styledDailyPage());
  for (const name of Object.keys(REWRITES) as RewriteName[]) {
    await browser.routeFixture(exactUrl(REWRITES[name].url), rewritePage(name));
  }
  for (const url of [GALORE_PDF, UNSEEN_PDF]) await browser.routeFixture(exactUrl(url), PDF_BODY);
  control = await browser.openExtensionPage('popup.html');
});

afterEach(async () => {
  await Promise.all(openPages.splice(0).map((page) => page.close()));
});

afterAll(async () => {
  await browser?.close();
});

function track(page: Page): Page {
  openPages.push(page);
  return page;
}

/** Opens `url` in a new 1280x900 tab and waits for the content script's 'paper-lens:ready' mark. */
async function openPage(url: string): Promise<Page> {
  const page = track(await browser.context.newPage());
  await page.setViewportSize(VIEWPORT);
  await page.goto(url);
  await waitReady(page);
  return page;
}

async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName('paper-lens:ready').length > 0, undefined, POLL);
}

/** What the badges must say for `papers`, with nothing saved. */
function expectedBadges(papers: ExpectedPaper[]): BadgeState[] {
  return papers.map((paper) => ({
    title: paper.title,
    matchTitle: paper.corpusTitle ?? '',
    matched: paper.corpusTitle !== null,
    text: paper.corpusTitle === null ? 'Not in corpus' : 'In corpus',
  }));
}

/** A full-page screenshot, cut at MAX_SHOT_HEIGHT. */
async function screenshot(page: Page, name: string): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const width = page.viewportSize()?.width ?? VIEWPORT.width;
  await page.screenshot({
    path: join(PAGES_DIR, `${name}.png`),
    fullPage: true,
    clip: { x: 0, y: 0, width, height: Math.min(height, MAX_SHOT_HEIGHT) },
  });
}

/** A 1280x360 strip of the viewport around `target`, at full size, for looking at the badge closely. */
async function closeUp(page: Page, target: Locator, name: string): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  if (!box) throw new Error(`${name}: nothing to take a close-up of`);
  const y = Math.max(0, Math.min(box.y - 140, VIEWPORT.height - 360));
  await page.screenshot({
    path: join(PAGES_DIR, `${name}.png`),
    clip: { x: 0, y, width: VIEWPORT.width, height: 360 },
  });
}

/** The id of the one tab showing `url`. */
async function tabIdOf(url: string): Promise<number> {
  const ids = await control.evaluate(
    async (pattern) =>
      (await (globalThis as unknown as { chrome: ChromeApi }).chrome.tabs.query({ url: pattern })).map((t) => t.id),
    url,
  );
  expect(ids, `tabs at ${url}`).toHaveLength(1);
  return ids[0]!;
}

function toolbarBadge(tabId: number): Promise<string> {
  return browser.worker.evaluate(
    (id) => (globalThis as unknown as { chrome: ChromeApi }).chrome.action.getBadgeText({ tabId: id }),
    tabId,
  );
}

async function savedTitles(): Promise<string[]> {
  return control.evaluate(async () => {
    const stored = await (globalThis as unknown as { chrome: ChromeApi }).chrome.storage.local.get('savedList');
    const list = stored.savedList as { papers?: { title: string }[] } | undefined;
    return (list?.papers ?? []).map((paper) => paper.title);
  });
}

async function clearSaved(): Promise<void> {
  await control.evaluate(() =>
    (globalThis as unknown as { chrome: ChromeApi }).chrome.storage.local.remove('savedList'),
  );
}

function thisPage(popup: Page): Locator {
  return popup.getByRole('region', { name: 'This page' });
}

async function openPopupFor(tabId: number): Promise<Page> {
  const popup = track(await browser.openExtensionPage(`popup.html?tab=${tabId}`));
  await thisPage(popup).waitFor();
  return popup;
}

function thisPageTitles(popup: Page): Promise<string[]> {
  return thisPage(popup)
    .getByRole('list', { name: 'Papers on this page' })
    .getByRole('listitem')
    .locator('.pl-title')
    .allInnerTexts();
}

/** The 'This page' heading, or null while the popup shows none. */
async function thisPageHeading(popup: Page): Promise<string | null> {
  const heading = thisPage(popup).getByRole('heading');
  // textContent: the heading is styled uppercase, and innerText would say so.
  return (await heading.count()) === 1 ? ((await heading.textContent()) ?? '').replace(/\s+/g, ' ').trim() : null;
}

/** Scrolls the page's first corpus badge to the middle of the viewport, hovers it, and waits for its tooltip. */
async function hoverFirstCorpusBadge(page: Page): Promise<Locator> {
  const badge = page.locator(`${BADGE}:not([data-paper-lens-match=""])`).first();
  await badge.evaluate((host) => host.scrollIntoView({ block: 'center' }));
  await badge.hover();
  const tooltip = badgeTooltip(page);
  // textContent: the heading is styled uppercase.
  await expect.poll(() => tooltip.locator('h2').textContent(), POLL).toBe('Related in Paper Lens');
  return tooltip;
}

/**
 * The share of points on a 6x6 grid inside the tooltip's box where the tooltip is what the user
 * sees: elementFromPoint gives the badge host (shadow content is retargeted to it) only where the
 * tooltip is neither clipped (viewport, an overflow: hidden ancestor) nor covered.
 */
async function tooltipVisibleShare(tooltip: Locator): Promise<number> {
  return tooltip.evaluate((element) => {
    const host = (element.getRootNode() as ShadowRoot).host;
    const box = element.getBoundingClientRect();
    let seen = 0;
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 6; j++) {
        const x = box.left + ((i + 0.5) / 6) * box.width;
        const y = box.top + ((j + 0.5) / 6) * box.height;
        if (document.elementFromPoint(x, y) === host) seen++;
      }
    }
    return seen / 36;
  });
}

/** Opens the SPA page and follows its client-side navigation to /papers/trending. */
async function navigateSpa(): Promise<Page> {
  const page = await openPage(SPA_URL);
  expect(await badgeStates(page)).toEqual(expectedBadges(HF_DAILY.papers));
  await page.getByRole('button', { name: 'Trending' }).click();
  expect(await page.evaluate(() => location.pathname)).toBe('/papers/trending');
  await expect.poll(() => badgeStates(page), POLL).toEqual(expectedBadges(HF_TRENDING.papers));
  return page;
}
const TRENDING_URL = 'https://huggingface.co/papers/trending';
const TRENDING_IN_CORPUS = HF_TRENDING.papers.filter((paper) => paper.corpusTitle !== null).length;

// --- tests ---

describe('pages', () => {
  describe('every fixture page', () => {
    it.each(MANIFEST)(
      '$file: badges in page order match the manifest; panel only on single-paper pages',
      async (entry) => {
        const page = await openPage(entry.url);

        expect(await badgeStates(page)).toEqual(expectedBadges(entry.papers));
        expect(await page.locator(BADGE).count()).toBe(entry.papers.length);

        const region = page.getByRole('region', { name: PANEL_NAME });
        if (SINGLE_KINDS.has(entry.kind)) {
          expect(await page.locator(PANEL_HOST).count()).toBe(1);
          expect(await region.count()).toBe(1);
          const placement = await page.evaluate(
            ({ kind, selector }) => {
              const abstract =
                kind === 'hf-paper'
                  ? [...document.querySelectorAll('h2, h3')].find((h) => h.textContent?.trim() === 'Abstract')
                      ?.parentElement
                  : document.querySelector(kind === 'arxiv-abs' ? 'blockquote.abstract' : '.ltx_abstract');
              const host = document.querySelector(selector);
              return {
                abstractText: (abstract?.textContent ?? '').replace(/\s+/g, ' '),
                rightAfterAbstract: !!abstract && !!host && host.previousElementSibling === abstract,
              };
            },
            { kind: entry.kind, selector: PANEL_HOST },
          );
          // The element the test takes for the abstract really holds it.
          expect(placement.abstractText).toContain(entry.abstract!.slice(0, 80));
          expect(placement.rightAfterAbstract).toBe(true);

          const items = region.getByRole('listitem');
          expect(await items.count()).toBeGreaterThanOrEqual(3);
          const reasons = await items.locator('.pl-reason').allInnerTexts();
          expect(reasons).toHaveLength(await items.count());
          for (const reason of reasons) expect(reason.trim()).not.toBe('');
        } else {
          expect(await page.locator(PANEL_HOST).count()).toBe(0);
          expect(await region.count()).toBe(0);
        }

        const name = entry.file.replace(/\.html$/, '');
        await screenshot(page, name);
        if (SINGLE_KINDS.has(entry.kind)) {
          await page.locator(PANEL_HOST).screenshot({ path: join(PAGES_DIR, `${name}-panel.png`) });
        }
        await closeUp(page, page.locator(BADGE).first(), `${name}-badge`);
      },
    );
  });

  it('shows up to 3 related papers in a tooltip on hover (screenshots, light and dark)', async () => {
    const shots: [Fixture, string][] = [
      [ABS, 'arxiv-abs-tooltip'],
      [LIST_NEW, 'arxiv-list-new-tooltip'],
      [HF_DAILY, 'hf-daily-tooltip'],
    ];
    for (const [entry, name] of shots) {
      const page = await openPage(entry.url);
      const tooltip = await hoverFirstCorpusBadge(page);
      const items = tooltip.getByRole('listitem');
      expect(await items.count()).toBeGreaterThanOrEqual(1);
      expect(await items.count()).toBeLessThanOrEqual(3);
      for (const reason of await items.locator('.pl-reason').allInnerTexts()) expect(reason.trim()).not.toBe('');
      await page.screenshot({ path: join(PAGES_DIR, `${name}.png`) });
      if (entry === ABS) {
        await page.emulateMedia({ colorScheme: 'dark' });
        await page.screenshot({ path: join(PAGES_DIR, 'arxiv-abs-tooltip-dark.png') });
        await screenshot(page, 'arxiv-abs-dark');
        await page.locator(PANEL_HOST).screenshot({ path: join(PAGES_DIR, 'arxiv-abs-panel-dark.png') });
      }
      if (entry === LIST_NEW) {
        // It hides when the pointer leaves, and keyboard focus on the badge's button shows it again.
        await page.mouse.move(1, 1);
        await expect.poll(() => tooltip.isVisible(), POLL).toBe(false);
        await badgeButton(page.locator(`${BADGE}:not([data-paper-lens-match=""])`).first()).focus();
        await expect.poll(() => tooltip.isVisible(), POLL).toBe(true);
      }
    }
  });

  // The tooltip is placed in viewport coordinates and shifts left at the window's right edge
  // (GaLore's badge on arXiv abs starts near x = 1140 of 1280).
  it('keeps the hover tooltip inside the viewport for a badge near the right edge', async () => {
    const page = await openPage(ABS.url);
    const tooltip = await hoverFirstCorpusBadge(page);
    const box = await tooltip.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(VIEWPORT.width);
    expect(await tooltipVisibleShare(tooltip)).toBe(1);
  });

  // The tooltip is position: fixed, so Hugging Face's article.overflow-hidden cards cannot clip it.
  it('keeps the hover tooltip visible inside a Hugging Face card that clips its overflow', async () => {
    const page = await openPage(STYLED_DAILY_URL);
    expect(await badgeStates(page)).toEqual(expectedBadges(HF_DAILY.papers));
    const tooltip = await hoverFirstCorpusBadge(page);
    await page.screenshot({ path: join(PAGES_DIR, 'hf-daily-styled-tooltip.png') });
    expect(await tooltipVisibleShare(tooltip)).toBe(1);
  });

  it('saves from a badge; a second tab follows without reload, unsaving there reverts the first; panel toggles flip', async () => {
    await clearSaved();
    const abs = await openPage(ABS.url);
    const daily = await openPage(HF_DAILY.url); // hf-daily shows GaLore too
    for (const page of [abs, daily])
      await page.evaluate(() => ((window as { notReloaded?: boolean }).notReloaded = true));
    const absBadge = badgeFor(abs, GALORE);
    const dailyBadge = badgeFor(daily, GALORE);
    expect(await absBadge.count()).toBe(1);
    expect(await dailyBadge.count()).toBe(1);
    expect(await buttonState(absBadge)).toEqual(settledBadge('In corpus', GALORE));
    expect(await buttonState(dailyBadge)).toEqual(settledBadge('In corpus', GALORE));

    await absBadge.getByRole('button', { name: SAVE_NAME }).click();
    await expect.poll(() => buttonState(absBadge), POLL).toEqual(settledBadge('Saved', GALORE));
    await expect.poll(() => buttonState(dailyBadge), POLL).toEqual(settledBadge('Saved', GALORE));
    expect(await savedTitles()).toEqual([GALORE]);
    // The other badges on the second tab did not change.
    const others = (await badgeStates(daily)).filter((badge) => badge.title !== GALORE);
    expect(others).toEqual(expectedBadges(HF_DAILY.papers.filter((paper) => paper.title !== GALORE)));

    await dailyBadge.getByRole('button', { name: REMOVE_NAME }).click();
    await expect.poll(() => buttonState(dailyBadge), POLL).toEqual(settledBadge('In corpus', GALORE));
    await expect.poll(() => buttonState(absBadge), POLL).toEqual(settledBadge('In corpus', GALORE));
    expect(await savedTitles()).toEqual([]);

    // A related paper, saved from the panel's own toggle.
    const toggle = abs.getByRole('region', { name: PANEL_NAME }).getByRole('listitem').first().getByRole('button');
    const label = await toggle.getAttribute('aria-label');
    expect(label).toMatch(/^Save to Paper Lens: \S/);
    const related = label!.slice('Save to Paper Lens: '.length);
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed'), POLL).toBe('true');
    expect(await toggle.getAttribute('aria-label')).toBe(`Remove from Paper Lens: ${related}`);
    expect(await savedTitles()).toEqual([related]);
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed'), POLL).toBe('false');
    expect(await toggle.getAttribute('aria-label')).toBe(`Save to Paper Lens: ${related}`);
    expect(await savedTitles()).toEqual([]);

    for (const page of [abs, daily]) {
      expect(await page.evaluate(() => (window as { notReloaded?: boolean }).notReloaded)).toBe(true);
    }
  });

  it('follows client-side navigation on Hugging Face: new cards badged, old badges gone, toolbar count follows', async () => {
    const page = await navigateSpa();
    // No badge host left behind anywhere: every one sits in a card title of the new content.
    const hosts = await page.evaluate(
      (selector) => [...document.querySelectorAll(selector)].map((host) => !!host.parentElement?.closest('main h3')),
      BADGE,
    );
    expect(hosts).toEqual(HF_TRENDING.papers.map(() => true));
    const tabId = await tabIdOf(TRENDING_URL);
    await expect.poll(() => toolbarBadge(tabId), POLL).toBe(String(TRENDING_IN_CORPUS));
  });

  // The page report is stored under the tab's current URL (sender.tab.url), which follows
  // history.pushState; sender.url keeps the first one.
  it('popup.html?tab=<id> describes the page after client-side navigation', async () => {
    await navigateSpa();
    const popup = await openPopupFor(await tabIdOf(TRENDING_URL));
    await expect
      .poll(() => thisPageHeading(popup), { ...POLL, timeout: 3_000 })
      .toBe(`This page · ${TRENDING_IN_CORPUS} of ${HF_TRENDING.papers.length} in the corpus`);
  });

  it.each(Object.keys(REWRITES) as RewriteName[])(
    'keeps exactly one correctly matched badge when %s after load',
    async (name) => {
      const page = await openPage(REWRITES[name].url);
      await page.waitForFunction(
        () => (window as { paperLensRewritten?: boolean }).paperLensRewritten === true,
        undefined,
        POLL,
      );
      expect(
        await page.evaluate(() => (window as { paperLensBadgeBeforeRewrite?: number }).paperLensBadgeBeforeRewrite),
      ).toBe(1);
      const expected = expectedBadges(ABS_TEX.papers);
      expect(expected[0]!.matchTitle).toBe(ASTROM);
      const inTitle = () => page.locator(`h1.title ${BADGE}`).count();
      await expect.poll(() => badgeStates(page), POLL).toEqual(expected);
      await expect.poll(inTitle, POLL).toBe(1);
      // Let any rescan the rewrite caused run to its end, then look again.
      await page.waitForTimeout(700);
      expect(await badgeStates(page)).toEqual(expected);
      expect(await inTitle()).toBe(1);
      expect(await page.locator(PANEL_HOST).count()).toBe(1);
    },
  );

  it('matches a second page after the service worker was stopped (fresh worker, corpus reloaded)', async () => {
    const first = await openPage(LIST_RECENT.url);
    expect(await badgeStates(first)).toEqual(expectedBadges(LIST_RECENT.papers));
    await browser.worker.evaluate(() => {
      (globalThis as WorkerGlobal).paperLensPagesMarker = 'before the stop';
    });

    await stopServiceWorker(browser, control);

    const second = await openPage(SEARCH.url);
    await expect.poll(() => badgeStates(second), POLL).toEqual(expectedBadges(SEARCH.papers));
    expect(await browser.worker.evaluate(() => (globalThis as WorkerGlobal).paperLensPagesMarker)).toBeUndefined();
  });

  it('counts the corpus papers of a listing on the toolbar and lists them in popup.html?tab=<id> (screenshots)', async () => {
    await openPage(LIST_NEW.url);
    const tabId = await tabIdOf(LIST_NEW.url);
    const inCorpus = LIST_NEW.papers.filter((paper) => paper.corpusTitle !== null);
    const notInCorpus = LIST_NEW.papers.filter((paper) => paper.corpusTitle === null);
    await expect.poll(() => toolbarBadge(tabId), POLL).toBe(String(inCorpus.length));

    const popup = await openPopupFor(tabId);
    await expect
      .poll(() => thisPageHeading(popup), POLL)
      .toBe(`This page · ${inCorpus.length} of ${LIST_NEW.papers.length} in the corpus`);
    // Corpus papers first (by their corpus title), each group in page order.
    expect(await thisPageTitles(popup)).toEqual([
      ...inCorpus.map((paper) => paper.corpusTitle),
      ...notInCorpus.map((paper) => paper.title),
    ]);
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.screenshot({
        path: join(PAGES_DIR, scheme === 'light' ? 'popup-this-page.png' : 'popup-this-page-dark.png'),
        fullPage: true,
      });
    }
  });

  it('names an arXiv PDF whose abstract page was seen, and says it cannot identify an unseen one', async () => {
    await openPage(ABS.url); // remembers 2403.03507 -> GaLore
    for (const url of [GALORE_PDF, UNSEEN_PDF]) await track(await browser.context.newPage()).goto(url);

    const seen = await openPopupFor(await tabIdOf(GALORE_PDF));
    await expect.poll(() => thisPageHeading(seen), POLL).toBe('This page · 1 of 1 in the corpus');
    expect(await thisPageTitles(seen)).toEqual([GALORE]);

    const unseen = await openPopupFor(await tabIdOf(UNSEEN_PDF));
    await expect
      .poll(() => thisPage(unseen).innerText(), POLL)
      .toBe(
        "Paper Lens can't identify this PDF offline. Open the paper's arXiv abstract page once and it will remember it, or search below.",
      );
    expect(await thisPage(unseen).getByRole('list').count()).toBe(0);
  });

  // Runs last: covers every page and message of this file.
  it('made no request that left the browser and threw no uncaught page errors', () => {
    const external = browser
      .externalRequests()
      .map((request) => `${request.method} ${request.url} (${request.initiator})`);
    expect(external, `requests that left the browser:\n${external.join('\n')}`).toEqual([]);
    expect(browser.requests.filter((request) => request.routed).length).toBeGreaterThan(MANIFEST.length);
    expect(browser.pageErrors, `uncaught page errors:\n${browser.pageErrors.join('\n')}`).toEqual([]);
  });
});
