// The Firefox build in Debian's Firefox ESR on every fixture page (tests/fixtures/pages), served at its
// real URL: badges in page order with their matches, the related-work panel right after the abstract on
// single-paper pages, light and dark. Screenshots go to tests/e2e/artifacts/firefox/.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixture, fixtureHtml, MANIFEST, type Fixture } from '../e2e/helpers/fixtures';
import { badgeStates, expectedBadges, waitReady } from './helpers/badges';
import { FIREFOX_ARTIFACTS_DIR, launchFirefox, type FirefoxExtension } from './helpers/firefox';

const SINGLE_KINDS = new Set(['arxiv-abs', 'arxiv-html', 'hf-paper']);
const PANEL_HOST = '[data-paper-lens-host="panel"]';
const VIEWPORT = { width: 1280, height: 900 };
/** Full-page screenshots stop here, so a long listing stays a reasonable image. */
const MAX_SHOT_HEIGHT = 2400;

const HF_PAPER = fixture('hf-paper.html');
/** hf-paper in Hugging Face's dark mode: the `dark` class on the root and the site's dark background. */
const HF_DARK_URL = `${HF_PAPER.url}?theme=dark`;
function darkHfPaper(): string {
  return fixtureHtml(HF_PAPER.file)
    .replace('<html class="">', '<html class="dark">')
    .replace('</head>', '<style>body { background: #0b0f19; color: #e5e7eb; }</style></head>');
}

let firefox: FirefoxExtension;
const openPages: Page[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  firefox = await launchFirefox();
  await mkdir(FIREFOX_ARTIFACTS_DIR, { recursive: true });
  for (const entry of MANIFEST) firefox.routeFixture(entry.url, fixtureHtml(entry.file));
  firefox.routeFixture(HF_DARK_URL, darkHfPaper());
});

afterEach(async () => {
  await Promise.all(openPages.splice(0).map((page) => page.close()));
  await firefox.setColorScheme('light');
});

afterAll(async () => {
  await firefox?.close();
});

async function openFixture(entry: Fixture): Promise<Page> {
  const page = await firefox.openPage(entry.url, VIEWPORT);
  openPages.push(page);
  page.on('pageerror', (error) => pageErrors.push(`${entry.url}: ${String(error)}`));
  await waitReady(page);
  return page;
}

/** The panel as a reader sees it: where it sits, and its related papers with their reasons. */
function readPanel(page: Page, kind: string) {
  return page.evaluate(
    (pageKind, selector) => {
      const abstract =
        pageKind === 'hf-paper'
          ? [...document.querySelectorAll('h2, h3')].find((h) => h.textContent?.trim() === 'Abstract')?.parentElement
          : document.querySelector(pageKind === 'arxiv-abs' ? 'blockquote.abstract' : '.ltx_abstract');
      const hosts = document.querySelectorAll(selector);
      const region = hosts[0]?.shadowRoot?.querySelector('[role="region"]');
      return {
        hosts: hosts.length,
        name: region?.getAttribute('aria-label') ?? null,
        abstractText: (abstract?.textContent ?? '').replace(/\s+/g, ' '),
        rightAfterAbstract: !!abstract && hosts[0]?.previousElementSibling === abstract,
        items: [...(region?.querySelectorAll('li') ?? [])].map((li) => ({
          title: li.querySelector('.pl-title')?.textContent?.trim() ?? '',
          reason: li.querySelector('.pl-reason')?.textContent?.trim() ?? '',
        })),
      };
    },
    kind,
    PANEL_HOST,
  );
}

async function screenshot(page: Page, name: string): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.screenshot({
    path: join(FIREFOX_ARTIFACTS_DIR, `${name}.png`),
    clip: { x: 0, y: 0, width: VIEWPORT.width, height: Math.min(height, MAX_SHOT_HEIGHT) },
    captureBeyondViewport: true,
  });
}

describe('pages in Firefox', () => {
  it.each(MANIFEST)(
    '$file: badges in page order match the manifest; panel only on single-paper pages',
    async (entry) => {
      const page = await openFixture(entry);
      expect(await badgeStates(page)).toEqual(expectedBadges(entry.papers));

      const panel = await readPanel(page, entry.kind);
      if (SINGLE_KINDS.has(entry.kind)) {
        expect(panel.hosts).toBe(1);
        expect(panel.name).toBe('Related work from Paper Lens');
        // The element the test takes for the abstract really holds it.
        expect(panel.abstractText).toContain(entry.abstract!.slice(0, 80));
        expect(panel.rightAfterAbstract).toBe(true);
        // The panel fills in once the background has ranked related work.
        await page.waitForFunction(
          (selector) =>
            (document.querySelector(selector)?.shadowRoot?.querySelectorAll('[role="region"] li').length ?? 0) >= 3,
          { timeout: 15_000, polling: 50 },
          PANEL_HOST,
        );
        const { items } = await readPanel(page, entry.kind);
        expect(items.length).toBeGreaterThanOrEqual(3);
        for (const item of items) {
          expect(item.title).not.toBe('');
          expect(item.reason).not.toBe('');
        }
        expect(items.map((item) => item.title)).not.toContain(entry.papers[0]!.corpusTitle);
      } else {
        expect(panel.hosts).toBe(0);
      }
      await screenshot(page, entry.file.replace(/\.html$/, ''));
    },
  );

  // The page UI follows the page's own theme (Hugging Face's dark class), not the system's; Firefox must
  // read it the same way.
  it("draws the badges and the panel dark on Hugging Face's dark mode, light on a light page", async () => {
    const look = (page: Page) =>
      page.evaluate((selector) => {
        const panel = document.querySelector(selector)?.shadowRoot?.querySelector('[role="region"]');
        const badge = document
          .querySelector('[data-paper-lens-host="badge"]')
          ?.shadowRoot?.querySelector('[role="button"]');
        const [panelLuminance, badgeLuminance] = [panel, badge].map((element) => {
          const rgb = /rgba?\((\d+), (\d+), (\d+)/.exec(element ? getComputedStyle(element).backgroundColor : '');
          return rgb ? Math.round(0.2126 * Number(rgb[1]) + 0.7152 * Number(rgb[2]) + 0.0722 * Number(rgb[3])) : null;
        });
        return { panel: panelLuminance ?? null, badge: badgeLuminance ?? null };
      }, PANEL_HOST);
    const light = await openFixture(HF_PAPER);
    const lightLook = await look(light);
    await firefox.setColorScheme('dark');
    const dark = await openFixture({ ...HF_PAPER, url: HF_DARK_URL });
    const darkLook = await look(dark);
    expect(lightLook.panel).toBeGreaterThan(200);
    expect(darkLook.panel).toBeLessThan(60);
    expect(darkLook.badge).toBeLessThan(lightLook.badge!);
    await screenshot(dark, 'hf-paper-dark');
    await dark.evaluate(
      (selector) => document.querySelector(selector)?.scrollIntoView({ block: 'center' }),
      PANEL_HOST,
    );
    await dark.screenshot({ path: join(FIREFOX_ARTIFACTS_DIR, 'hf-paper-panel-dark.png') });
    await light.evaluate(
      (selector) => document.querySelector(selector)?.scrollIntoView({ block: 'center' }),
      PANEL_HOST,
    );
    await light.screenshot({ path: join(FIREFOX_ARTIFACTS_DIR, 'hf-paper-panel.png') });
  });

  it('sent no request out of the browser, and no page threw', () => {
    expect(firefox.requests.filter((request) => request.routed).length).toBeGreaterThanOrEqual(MANIFEST.length);
    expect(firefox.externalRequests()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
