import { browser } from 'wxt/browser';

/** A tab's URL and title, or null when the tab is gone; used by the background and the popup alike. */
export async function readTab(tabId: number): Promise<{ url: string | null; title: string | null } | null> {
  const tab = await browser.tabs.get(tabId).catch(() => null);
  return tab ? { url: tab.url ?? null, title: tab.title ?? null } : null;
}
