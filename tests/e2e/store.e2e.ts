// Store listing images from the built extension in Chromium: four 1280x800 screenshots (the size both the
// Chrome Web Store and addons.mozilla.org take) and the Chrome Web Store's 440x280 promo tile, written to
// tests/e2e/artifacts/store/. The pages are the fixture pages at their real URLs.
import { readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BADGE, SAVE_NAME } from './helpers/badges';
import { ARTIFACTS_DIR, launchExtension, type ExtensionBrowser } from '../../tools/browser/launch';
import { fixture, fixtureHtml, type ChromeApi } from './helpers/fixtures';

const STORE_DIR = join(ARTIFACTS_DIR, 'store');
const SHOT = { width: 1280, height: 800 };
const ABS = fixture('arxiv-abs.html');
const LIST_NEW = fixture('arxiv-list-new.html');
const HF_DAILY = fixture('hf-daily.html');
const ICON = resolve(fileURLToPath(new URL('../../public/icon/128.png', import.meta.url)));

let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchExtension();
  await mkdir(STORE_DIR, { recursive: true });
  for (const entry of [ABS, LIST_NEW, HF_DAILY]) {
    await browser.routeFixture(
      new RegExp(`^${entry.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
      fixtureHtml(entry.file),
    );
  }
});

afterAll(async () => {
  await browser?.close();
});

/** A PNG's width and height, from its IHDR chunk. */
async function pngSize(path: string): Promise<{ width: number; height: number }> {
  const bytes = await readFile(path);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function openFixture(url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize(SHOT);
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('paper-lens:ready').length > 0);
  return page;
}

/** Saves a 1280x800 screenshot of the viewport and checks its size. */
async function shoot(page: Page, name: string): Promise<void> {
  const path = join(STORE_DIR, `${name}.png`);
  await page.screenshot({ path });
  expect(await pngSize(path)).toEqual(SHOT);
}

/** A local page (no request) that lays out `html` on the store's canvas. */
async function stage(html: string, size: { width: number; height: number }): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize(size);
  await page.setContent(`<!DOCTYPE html><meta charset="utf-8"><style>
    * { box-sizing: border-box; margin: 0; }
    body { width: ${size.width}px; height: ${size.height}px; overflow: hidden; display: flex; align-items: center;
      justify-content: center; gap: 40px; font-family: system-ui, sans-serif; color: #1f2937;
      background: linear-gradient(135deg, #eef2ff, #f8fafc); }
    img.shot { border-radius: 12px; box-shadow: 0 12px 40px rgba(15, 23, 42, 0.25); }
    h1 { font-size: 44px; } p { font-size: 20px; line-height: 1.4; color: #475569; max-width: 340px; }
  </style>${html}`);
  await page.waitForFunction(() => [...document.images].every((image) => image.complete && image.naturalWidth > 0));
  return page;
}

const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

describe('store images', () => {
  it('an arXiv abstract page: the badge by the title and the related-work panel', async () => {
    const page = await openFixture(ABS.url);
    await page.locator('[data-paper-lens-host="panel"] li').nth(2).waitFor();
    await page.evaluate(() => document.querySelector('h1.title')?.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => window.scrollBy(0, -12));
    await shoot(page, '1-arxiv-abstract');
  });

  it('an arXiv listing: a badge on every entry, and the related-work preview on hover', async () => {
    const page = await openFixture(LIST_NEW.url);
    const badge = page.locator(`${BADGE}:not([data-paper-lens-match=""])`).first();
    await badge.evaluate((host) => host.scrollIntoView({ block: 'center' }));
    await page.evaluate(() => window.scrollBy(0, 220));
    await badge.hover();
    await page.locator('[data-paper-lens-host] [role="tooltip"]').filter({ visible: true }).waitFor();
    await shoot(page, '2-arxiv-listing');
  });

  it('a Hugging Face daily list with its badges', async () => {
    const page = await openFixture(HF_DAILY.url);
    await page.evaluate(() => document.querySelector('h1')?.scrollIntoView({ block: 'start' }));
    await shoot(page, '3-huggingface-daily');
  });

  it('the popup: this page and its related work, and the reading list', async () => {
    const abs = await openFixture(ABS.url);
    const [tabId] = await browser.worker.evaluate(
      async (url) =>
        (await (globalThis as unknown as { chrome: ChromeApi }).chrome.tabs.query({ url })).map((tab) => tab.id),
      ABS.url,
    );
    expect(tabId).toBeGreaterThan(0);
    await abs.locator(BADGE).first().getByRole('button', { name: SAVE_NAME }).click();
    const popup = await browser.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.setViewportSize({ width: 440, height: 600 });
    await popup.getByRole('region', { name: 'This page' }).getByRole('listitem').first().waitFor();
    const thisPage = await popup.screenshot();
    await popup.getByRole('tab', { name: 'Saved' }).click();
    await popup.getByRole('list', { name: 'Saved papers' }).getByRole('listitem').first().waitFor();
    const saved = await popup.screenshot();
    const page = await stage(
      `<img class="shot" src="${dataUrl(thisPage)}" width="440" height="600">
       <img class="shot" src="${dataUrl(saved)}" width="440" height="600">`,
      SHOT,
    );
    await shoot(page, '4-popup');
  });

  it('the Chrome Web Store promo tile, 440x280', async () => {
    const icon = readFileSync(ICON);
    const page = await stage(
      `<img src="${dataUrl(icon)}" width="96" height="96" alt="">
       <div><h1 style="font-size: 34px">Paper Lens</h1><p style="font-size: 16px; max-width: 230px">
       Related work and a reading list for ML papers on arXiv and Hugging Face. Fully offline.</p></div>`,
      { width: 440, height: 280 },
    );
    const path = join(STORE_DIR, 'promo-tile-440x280.png');
    await page.screenshot({ path });
    expect(await pngSize(path)).toEqual({ width: 440, height: 280 });
  });

  it('sent no request out of the browser, and no page threw', () => {
    expect(browser.externalRequests()).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
