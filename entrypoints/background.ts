import '../lib/background/script-start';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBrowserDeps } from '../lib/background/browser-deps';
import { corpus } from '../lib/background/load-service';
import { registerLookupMenu } from '../lib/tabs/lookup';
import { warmUp } from '../lib/background/warm-up';
import { mark } from '../lib/marks';
import { showTabPage } from '../lib/tabs/tab-reports';
import { createHandlers } from '../lib/messaging/handlers';
import { registerHandlers } from '../lib/messaging/register';
import { keepUnreadableSavedData } from '../lib/reading-list/saved-list';

export default defineBackground(() => {
  const deps = createBrowserDeps();
  registerHandlers(createHandlers(deps));
  registerLookupMenu();
  // Saved data that cannot be read is copied aside as soon as the worker starts (lib/reading-list).
  void keepUnreadableSavedData().catch((error: unknown) => console.error('[Paper Lens]', error));
  // Read the prebuilt title index now, not on the first lookup. Papers, related work and search load
  // on first need.
  void corpus.titles().then((lookup) => {
    mark('index-ready');
    setTimeout(() => warmUp(lookup), 0);
  });
  // A tab that leaves its page, or closes, no longer holds what its content script reported; the
  // content script of the next page reports afresh.
  // A prerendered page's report waits for its tab to show that page (lib/tabs/tab-reports.ts).
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status !== 'loading' && change.url === undefined) return;
    void showTabPage(tabId, tab.url, change.status === 'loading')
      .then((count) => (count === null ? undefined : deps.setBadgeCount(tabId, count)))
      .catch(() => undefined);
  });
  browser.tabs.onRemoved.addListener((tabId) => void showTabPage(tabId, undefined, true));
});
