import { browser } from 'wxt/browser';
import type { BackgroundDeps } from '../messaging/messages';
import { corpus } from './load-service';
import { readTab } from '../tabs/read-tab';

/** The real browser behind the background's handlers. */
export function createBrowserDeps(): BackgroundDeps {
  // MV3 (Chrome) has action; Firefox's MV2 build has browserAction.
  const action = browser.action ?? browser.browserAction;
  return {
    getService: () => corpus.service(),
    getTitles: () => corpus.titles(),
    getTab: readTab,
    async setBadgeCount(tabId, count) {
      await action.setBadgeBackgroundColor({ tabId, color: '#2f5bd3' });
      await action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' });
    },
  };
}
