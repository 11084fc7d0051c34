import { browser } from 'wxt/browser';
import { describeTab } from '../background/describe-tab';
import type { TabDescription } from './protocol';

/**
 * Describes a tab from the popup: the tab and its stored report, read here; only a PDF named by its
 * tab title asks the background's matcher. Kept apart from the messaging client, whose library is
 * loaded only when a PDF needs it, so the popup can start this before its UI has loaded.
 */
export function describeTabFromPopup(tabId: number): Promise<TabDescription> {
  return describeTab(
    {
      async getTab(id) {
        const tab = await browser.tabs.get(id).catch(() => null);
        return tab ? { url: tab.url ?? null, title: tab.title ?? null } : null;
      },
      async matchTitle(title) {
        const { sendMessage } = await import('./protocol');
        return (await sendMessage('matchTitles', [title]))[0]?.match;
      },
    },
    tabId,
  );
}
