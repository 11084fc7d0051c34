import { describeTab, type TabDescription } from '../background/describe-tab';
import { readTab } from '../background/read-tab';
import { call } from './call';

/**
 * Describes a tab from the popup: the tab and its stored report, read here; only a PDF named by its
 * tab title asks the background's matcher. Free of Preact, so the popup can start it before its UI
 * has loaded.
 */
export function describeTabFromPopup(tabId: number): Promise<TabDescription> {
  return describeTab({ getTab: readTab, matchTitle: async (title) => (await call('matchTitles', [title]))[0] }, tabId);
}
