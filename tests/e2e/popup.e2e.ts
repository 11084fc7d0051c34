// The toolbar popup, rendered in a tab of Debian's Chromium with the built extension loaded.
// Everything it shows comes from the background service worker over extension messaging.
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchExtension, stopServiceWorker, type ExtensionBrowser } from '../../tools/browser/launch';

const QUERY = 'continual pre-training';
const TITLE = 'Continual Pre-Training of Large Language Models: How to (re)warm your model?';
const RELATED_COUNT = 8;
/** How long to wait for the background to answer (the first answer loads the corpus). */
const ANSWER = { timeout: 15_000, interval: 50 };

let browser: ExtensionBrowser;
const openPages: Page[] = [];

beforeAll(async () => {
  browser = await launchExtension();
  await mkdir(ARTIFACTS_DIR, { recursive: true });
});

afterEach(async () => {
  await Promise.all(openPages.splice(0).map((page) => page.close()));
});

afterAll(async () => {
  await browser?.close();
});

async function openPopup(): Promise<Page> {
  const page = await browser.openExtensionPage('popup.html');
  openPages.push(page);
  await page.getByRole('searchbox', { name: 'Search the corpus' }).waitFor();
  return page;
}

function resultItems(page: Page): Locator {
  return page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
}

async function resultTitles(page: Page): Promise<string[]> {
  return resultItems(page).locator('.pl-title').allInnerTexts();
}

function relatedItems(page: Page): Locator {
  return page.getByRole('region', { name: 'Related work' }).getByRole('list').getByRole('listitem');
}

/** Types the query and waits until the results include `expected` among the first `within`. */
async function searchFor(page: Page, query: string, expected = TITLE, within = 3): Promise<string[]> {
  await page.getByRole('searchbox').fill(query);
  await expect.poll(async () => (await resultTitles(page)).slice(0, within), ANSWER).toContain(expected);
  return resultTitles(page);
}

/** Searches, then opens the second result with ArrowDown and Enter; returns its title once related work is shown. */
async function openSecondResult(page: Page): Promise<{ titles: string[]; opened: string }> {
  const titles = await searchFor(page, QUERY);
  const opened = titles[1];
  if (opened === undefined) throw new Error(`expected at least two results for ${QUERY}, got ${titles.length}`);
  const searchbox = page.getByRole('searchbox');
  await searchbox.press('ArrowDown');
  await searchbox.press('Enter');
  await expect.poll(() => page.getByRole('heading', { level: 2 }).innerText(), ANSWER).toBe(opened);
  await expect.poll(() => relatedItems(page).count(), ANSWER).toBe(RELATED_COUNT);
  return { titles, opened };
}

/** A global in the service worker: it survives while the worker runs and is gone after a restart. */
type WorkerGlobal = typeof globalThis & { paperLensE2EMarker?: string };

async function setWorkerMarker(value: string): Promise<void> {
  await browser.worker.evaluate((marker) => {
    (globalThis as WorkerGlobal).paperLensE2EMarker = marker;
  }, value);
}

async function workerMarker(): Promise<string | undefined> {
  return browser.worker.evaluate(() => (globalThis as WorkerGlobal).paperLensE2EMarker);
}

describe('popup', () => {
  it('starts with an empty search box and a hint', async () => {
    const page = await openPopup();
    await expect.poll(() => page.getByRole('searchbox').inputValue()).toBe('');
    expect(
      await page
        .getByText(
          'Type a title, part of one, words from an abstract or an arXiv id or link — or paste a whole abstract.',
        )
        .count(),
    ).toBe(1);
    expect(await resultItems(page).count()).toBe(0);
  });

  it(`lists "${TITLE}" among the first results for "${QUERY}"`, async () => {
    const page = await openPopup();
    const titles = await searchFor(page, QUERY);
    expect(titles.slice(0, 3)).toContain(TITLE);
    expect(titles.length).toBeGreaterThanOrEqual(3);
    expect(titles.length).toBeLessThanOrEqual(20);
    expect(new Set(titles).size).toBe(titles.length);
    expect(await page.getByText('No papers match').count()).toBe(0);
  });

  it('moves the active result with ArrowDown and opens it with Enter: title, abstract, 8 related papers with reasons', async () => {
    const page = await openPopup();
    const titles = await searchFor(page, QUERY);
    const opened = titles[1];
    expect(opened).toBeDefined();

    const searchbox = page.getByRole('searchbox');
    expect(await resultItems(page).nth(0).getAttribute('aria-current')).toBe('true');
    await searchbox.press('ArrowDown');
    await expect.poll(() => resultItems(page).nth(1).getAttribute('aria-current')).toBe('true');
    expect(await resultItems(page).nth(0).getAttribute('aria-current')).toBe('false');

    await searchbox.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 2 }).innerText(), ANSWER).toBe(opened);
    expect(await page.getByRole('searchbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: '← Back to results' }).count()).toBe(1);

    const abstract = page.locator('details.pl-abstract');
    expect(await abstract.locator('summary').innerText()).toBe('Abstract');
    expect(await abstract.getAttribute('open')).toBeNull();
    await abstract.locator('summary').click();
    expect(await abstract.getAttribute('open')).toBe('');
    expect((await abstract.locator('p').innerText()).trim().length).toBeGreaterThan(100);

    await expect.poll(() => relatedItems(page).count(), ANSWER).toBe(RELATED_COUNT);
    const related = relatedItems(page);
    const relatedTitles = await related.locator('.pl-title').allInnerTexts();
    const reasons = await related.locator('.pl-reason').allInnerTexts();
    expect(relatedTitles).toHaveLength(RELATED_COUNT);
    expect(new Set(relatedTitles).size).toBe(RELATED_COUNT);
    expect(relatedTitles).not.toContain(opened);
    expect(reasons).toHaveLength(RELATED_COUNT);
    for (const reason of reasons) expect(reason).toMatch(/^(Shares |Nearest)\S.*\S/);
  });

  it('returns to the same results with Escape from inside the detail view', async () => {
    const page = await openPopup();
    const { titles } = await openSecondResult(page);
    await page.keyboard.press('Tab'); // focus moves into the detail view (the back button)
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('searchbox').count(), ANSWER).toBe(1);
    expect(await page.getByRole('heading', { level: 2 }).count()).toBe(0);
    expect(await page.getByRole('searchbox').inputValue()).toBe(QUERY);
    await expect.poll(() => resultTitles(page), ANSWER).toEqual(titles);
  });

  // Opening a paper moves focus into the detail view, so Escape works at once; going back puts focus
  // in the search box, so typing goes on without a click.
  it('returns to the results with Escape pressed right after Enter, and typing goes on (keyboard only)', async () => {
    const page = await openPopup();
    await openSecondResult(page);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('searchbox').count(), { timeout: 2_000 }).toBe(1);
    await expect
      .poll(() => page.getByRole('searchbox').evaluate((box) => box === document.activeElement), { timeout: 2_000 })
      .toBe(true);
    await page.keyboard.type(' rewarm');
    expect(await page.getByRole('searchbox').inputValue()).toBe(`${QUERY} rewarm`);
  });

  it('keeps the active result in view while arrowing down the list', async () => {
    const page = await openPopup();
    await searchFor(page, QUERY);
    for (let i = 0; i < 14; i++) await page.keyboard.press('ArrowDown');
    const active = page.locator('li[aria-current="true"]');
    await expect
      .poll(
        () =>
          active.evaluate((el) => {
            const box = el.getBoundingClientRect();
            return box.top >= 0 && box.bottom <= window.innerHeight;
          }),
        ANSWER,
      )
      .toBe(true);
  });

  it('returns to the same results with the "← Back to results" button', async () => {
    const page = await openPopup();
    const { titles } = await openSecondResult(page);
    await page.getByRole('button', { name: '← Back to results' }).click();
    await expect.poll(() => page.getByRole('searchbox').count(), ANSWER).toBe(1);
    expect(await page.getByRole('searchbox').inputValue()).toBe(QUERY);
    await expect.poll(() => resultTitles(page), ANSWER).toEqual(titles);
  });

  it('still finds continual pre-training papers for the typo "contnual pretraning"', async () => {
    const page = await openPopup();
    const titles = await searchFor(page, 'contnual pretraning');
    expect(titles.slice(0, 3)).toContain(TITLE);
    expect(titles.filter((title) => /continual(ly)? pre-?training/i.test(title)).length).toBeGreaterThanOrEqual(3);
  });

  it('says "No papers match" for a query nothing matches', async () => {
    const page = await openPopup();
    const query = 'qwxzjvkpt';
    await page.getByRole('searchbox').fill(query);
    const message = page.getByText('No papers match');
    await expect.poll(() => message.count(), ANSWER).toBe(1);
    expect(await message.innerText()).toBe(`No papers match “${query}”.`);
    expect(await resultItems(page).count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('answers a search after the service worker was stopped (fresh worker, corpus reloaded)', async () => {
    const page = await openPopup();
    await searchFor(page, QUERY);
    const marker = 'set before the stop';
    await setWorkerMarker(marker);
    expect(await workerMarker()).toBe(marker);

    await stopServiceWorker(browser, page);

    const diffusion =
      'DiffFit: Unlocking Transferability of Large Diffusion Models via Simple Parameter-Efficient Fine-Tuning';
    const titles = await searchFor(page, 'diffusion models', diffusion, 20);
    expect(titles).not.toContain(TITLE);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await workerMarker()).toBeUndefined(); // a new worker answered: module state was gone

    // The related-work model is loaded lazily: stop again and open a paper straight away.
    await stopServiceWorker(browser, page);
    const searchbox = page.getByRole('searchbox');
    await searchbox.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 2 }).innerText(), ANSWER).toBe(titles[0]);
    await expect.poll(() => relatedItems(page).count(), ANSWER).toBe(RELATED_COUNT);
  });

  it('renders in light and dark (screenshots in tests/e2e/artifacts/)', async () => {
    const page = await openPopup();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
        scheme === 'dark' ? 'rgb(23, 25, 28)' : 'rgb(255, 255, 255)',
      );

      await page.getByRole('searchbox').fill('');
      await searchFor(page, QUERY);
      const results = join(ARTIFACTS_DIR, `popup-results-${scheme}.png`);
      await page.screenshot({ path: results });

      const searchbox = page.getByRole('searchbox');
      await searchbox.press('ArrowDown');
      await searchbox.press('Enter');
      await expect.poll(() => relatedItems(page).count(), ANSWER).toBe(RELATED_COUNT);
      const detail = join(ARTIFACTS_DIR, `popup-detail-${scheme}.png`);
      await page.screenshot({ path: detail });

      await page.getByRole('button', { name: '← Back to results' }).click();
      await page.getByRole('searchbox').waitFor();
      for (const file of [results, detail]) expect((await stat(file)).size).toBeGreaterThan(5_000);
    }
  });

  // Runs last: covers every page and message of this file.
  it('made no request that left the browser and threw no uncaught page errors', () => {
    const external = browser
      .externalRequests()
      .map((request) => `${request.method} ${request.url} (${request.initiator})`);
    expect(external, `requests that left the browser:\n${external.join('\n')}`).toEqual([]);
    expect(browser.requests.length).toBeGreaterThan(0); // the recorder saw the extension's own pages
    expect(browser.pageErrors, `uncaught page errors:\n${browser.pageErrors.join('\n')}`).toEqual([]);
  });
});
