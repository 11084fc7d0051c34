// The popup on a paper page of any site: with no host permission, Paper Lens reads the page once
// through activeTab (granted by the reader's click on the toolbar icon) and lists the papers it names.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_DEBUGGING_ARGS, triggerAction } from './helpers/action';
import { ARTIFACTS_DIR, launchExtension, type ExtensionBrowser } from '../../tools/browser/launch';
import { fixtureHtml } from './helpers/fixtures';

const GALORE = 'GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection';
const OPENELM = 'OpenELM: An Efficient Language Model Family with Open-source Training and Inference Framework';
const ANSWER = { timeout: 15_000, interval: 50 };
const SHOTS = join(ARTIFACTS_DIR, 'any-page');

const SITES: [url: string, file: string][] = [
  ['https://aclanthology.org/2024.example-1.7/', 'other/acl-paper.html'],
  ['https://openreview.net/forum?id=XNzyYBmjCi', 'other/openreview-forum.html'],
  ['https://scholar.google.com/scholar?q=galore', 'other/scholar-results.html'],
  ['https://bread.example/sourdough', 'other/plain-blog.html'],
  ['https://lab.example.org/moxin', 'other/blog-jsonld.html'],
];

type TabsGlobal = { chrome: { tabs: { query(q: { url: string }): Promise<{ id?: number }[]> } } };

let browser: ExtensionBrowser;
const openPages: Page[] = [];

beforeAll(async () => {
  browser = await launchExtension({ args: ACTION_DEBUGGING_ARGS });
  for (const [url, file] of SITES) await browser.routeFixture(url, fixtureHtml(file));
  await mkdir(SHOTS, { recursive: true });
});

afterEach(async () => {
  await Promise.all(openPages.splice(0).map((page) => page.close()));
});

afterAll(async () => {
  expect(browser.externalRequests()).toEqual([]);
  await browser?.close();
});

/** Opens `url` in a tab, then the popup for that tab; `click` first runs the toolbar action there. */
async function popupFor(url: string, click: boolean, scheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await browser.context.newPage();
  openPages.push(page);
  await page.goto(url);
  if (click) await triggerAction(browser, page);
  const popup = await browser.context.newPage();
  openPages.push(popup);
  await popup.emulateMedia({ colorScheme: scheme });
  const [tabId] = await browser.worker.evaluate(
    async (shown) =>
      (await (globalThis as unknown as TabsGlobal).chrome.tabs.query({ url: shown })).map((tab) => tab.id),
    url.replace(/\?.*$/, '*'),
  );
  await popup.goto(browser.extensionUrl(`popup.html?tab=${tabId}`));
  return popup;
}

const pageRows = (popup: Page) => popup.getByRole('list', { name: 'Papers on this page' }).getByRole('listitem');

describe('the popup on a page of another site', () => {
  it('reads nothing without the reader’s click: no host permission, no content script', async () => {
    const popup = await popupFor(SITES[0]![0], false);
    await popup.getByRole('tab', { name: 'This page' }).click();
    await expect
      .poll(() => popup.getByRole('region', { name: 'This page' }).innerText(), ANSWER)
      .toBe('Paper Lens reads arXiv and Hugging Face paper pages. Search the corpus below.');
    const page = openPages[0]!;
    expect(await page.locator('[data-paper-lens-host]').count()).toBe(0);
  });

  it('names the paper an ACL Anthology page is about, with related work, and saves it', async () => {
    const popup = await popupFor(SITES[0]![0], true);
    await expect.poll(() => pageRows(popup).locator('.pl-title').allInnerTexts(), ANSWER).toEqual([GALORE]);
    await expect(pageRows(popup).first().locator('.pl-hint').innerText()).resolves.toBe('In the corpus');
    await expect
      .poll(() => popup.getByRole('region', { name: 'Related work' }).getByRole('listitem').count(), ANSWER)
      .toBe(6);
    await popup.screenshot({ path: join(SHOTS, 'acl-light.png') });
    await pageRows(popup).first().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => pageRows(popup).first().getByRole('button', { name: 'Remove' }).count(), ANSWER).toBe(1);
    await popup.getByRole('tab', { name: 'Saved' }).click();
    await expect
      .poll(() => popup.getByRole('list', { name: 'Saved papers' }).locator('.pl-title').allInnerTexts(), ANSWER)
      .toContain(GALORE);
  });

  it('lists every paper of a page of results, corpus papers first', async () => {
    const popup = await popupFor(SITES[2]![0], true, 'dark');
    await expect
      .poll(() => pageRows(popup).locator('.pl-title').allInnerTexts(), ANSWER)
      .toEqual([GALORE, OPENELM, 'A Study of Something Not in Any Corpus at All']);
    expect(await popup.getByRole('heading', { name: /This page/ }).textContent()).toBe(
      'This page · 2 of 3 in the corpus',
    );
    await popup.screenshot({ path: join(SHOTS, 'scholar-dark.png') });
  });

  it('finds an OpenReview paper from its meta tags and a JSON-LD article on a blog', async () => {
    for (const [url, title] of [
      [SITES[1]![0], OPENELM],
      [SITES[4]![0], 'Fully Open Source Moxin-7B Technical Report'],
    ] as const) {
      const popup = await popupFor(url, true);
      await expect.poll(() => pageRows(popup).locator('.pl-title').allInnerTexts(), ANSWER).toEqual([title]);
    }
  });

  it('says plainly when a page names no paper', async () => {
    const popup = await popupFor(SITES[3]![0], true);
    await expect
      .poll(() => popup.getByRole('region', { name: 'This page' }).innerText(), ANSWER)
      .toBe('No paper was found on this page.');
    await popup.screenshot({ path: join(SHOTS, 'none-light.png') });
  });
});
