import { describeTab } from '../background/describe-tab';
import { readTab } from '../background/read-tab';
import type { TabDescription } from './protocol';

/**
 * Describes a tab from the popup: the tab and its stored report, read here; only a PDF named by its
 * tab title asks the background's matcher. Kept apart from the messaging client, whose library is
 * loaded only when a PDF needs it, so the popup can start this before its UI has loaded.
 */
export function describeTabFromPopup(tabId: number): Promise<TabDescription> {
  return describeTab(
    {
      getTab: readTab,
      async matchTitle(title) {
        const { sendMessage } = await import('./protocol');
        return (await sendMessage('matchTitles', [title]))[0];
      },
    },
    tabId,
  );
}
