import { browser } from 'wxt/browser';
import { describeReadPage } from '../tabs/describe-page';
import { describeTab, type TabDescription } from '../tabs/describe-tab';
import { readTab } from '../tabs/read-tab';
import { lookupSeen } from '../tabs/tab-reports';
import { readPageMetadata, type PageMetadata } from '../pages/scholarly';
import { call } from './call';

const matchTitles = (titles: string[]) => call('matchTitles', titles);

/**
 * Reads a page of another site once, through the grant `activeTab` gives when the reader opens the
 * popup on it; null where there is no such grant (the popup opened otherwise, a browser page).
 */
async function readPage(tabId: number): Promise<PageMetadata | null> {
  if (!browser.scripting?.executeScript) return null;
  try {
    const [frame] = await browser.scripting.executeScript({ target: { tabId }, func: readPageMetadata });
    return (frame?.result as PageMetadata | undefined) ?? null;
  } catch {
    return null;
  }
}

/**
 * Describes a tab from the popup: the tab and its stored report, read here; only a PDF named by its
 * tab title asks the background's matcher. Free of Preact, so the popup can start it before its UI
 * has loaded.
 */
export async function describeTabFromPopup(tabId: number): Promise<TabDescription> {
  const described = await describeTab(
    { getTab: readTab, matchTitle: async (title) => (await matchTitles([title]))[0] },
    tabId,
  );
  if (described.status !== 'unsupported' || !described.url || !/^https?:/.test(described.url)) return described;
  const data = await readPage(tabId);
  return data ? describeReadPage(described.url, data, { matchTitles, lookupSeen }) : described;
}
