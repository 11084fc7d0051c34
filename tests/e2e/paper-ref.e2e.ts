// arXiv ids, URLs and DOIs typed into the popup's search box, in Debian's Chromium with the built
// extension: an id nothing taught Paper Lens is answered plainly with a link to its abstract page
// (screenshots light and dark in tests/e2e/artifacts/paper-ref/); once its abstract page was seen,
// the same id (in any form, across a service-worker restart) opens the corpus paper.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchExtension, stopServiceWorker, type ExtensionBrowser } from '../../tools/browser/launch';
import { fixtureHtml } from './helpers/fixtures';

const GALORE = 'GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection';
const GALORE_ABS = 'https://arxiv.org/abs/2403.03507';
const SHOTS_DIR = join(ARTIFACTS_DIR, 'paper-ref');
const ANSWER = { timeout: 15_000, interval: 50 };

let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchExtension();
  await browser.routeFixture(GALORE_ABS, fixtureHtml('arxiv-abs.html'));
  await mkdir(SHOTS_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

/** Opens the popup and types `query` into its search box key by key, as a person does. */
async function typeInPopup(query: string): Promise<Page> {
  const popup = await browser.openExtensionPage('popup.html');
  const box = popup.getByRole('searchbox', { name: 'Search the corpus' });
  await box.waitFor();
  await box.click();
  await popup.keyboard.type(query);
  return popup;
}

describe('popup search by arXiv id', () => {
  it('says plainly an id has not been seen yet, with a link to its abstract page (screenshots)', async () => {
    const popup = await typeInPopup('arXiv:2403.03507v2');
    const status = popup.getByRole('status');
    await expect.poll(() => status.innerText(), ANSWER).toContain('arXiv 2403.03507 has not been seen yet.');
    const link = status.getByRole('link', { name: 'Open its abstract page on arXiv' });
    expect(await link.getAttribute('href')).toBe(GALORE_ABS);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await popup.getByText(/No papers match/).count()).toBe(0);
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.screenshot({ path: join(SHOTS_DIR, `not-seen-${scheme}.png`) });
    }
    await popup.close();
  });

  it('opens the corpus paper once its abstract page was seen, in every form, after a worker restart', async () => {
    const abs = await browser.context.newPage();
    await abs.goto(GALORE_ABS);
    await abs.locator('[data-paper-lens-title]').first().waitFor({ state: 'attached', timeout: 15_000 });
    const popup = await browser.openExtensionPage('popup.html');
    await stopServiceWorker(browser, popup);
    await popup.close();
    for (const query of [
      'https://arxiv.org/pdf/2403.03507v2',
      '10.48550/arXiv.2403.03507',
      'https://huggingface.co/papers/2403.03507',
    ]) {
      const page = await typeInPopup(query);
      const results = page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
      await expect.poll(() => results.locator('.pl-title').allInnerTexts(), ANSWER).toEqual([GALORE]);
      expect(await results.first().innerText()).toContain('arXiv 2403.03507');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('heading', { level: 2 }).innerText(), ANSWER).toBe(GALORE);
      await page.close();
    }
    await abs.close();
  });

  it('made no request that left the browser and threw no uncaught page errors', () => {
    const external = browser.externalRequests().map((request) => `${request.method} ${request.url}`);
    expect(external, `requests that left the browser:\n${external.join('\n')}`).toEqual([]);
    expect(browser.requests.some((request) => request.routed && request.url === GALORE_ABS)).toBe(true);
    expect(browser.pageErrors).toEqual([]);
  });
});
