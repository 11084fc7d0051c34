import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBrowserDeps } from '../lib/background/browser-deps';
import { registerLookupMenu } from '../lib/background/lookup';
import { clearTabReport } from '../lib/background/tab-reports';
import { createHandlers } from '../lib/messaging/handlers';
import { registerHandlers } from '../lib/messaging/register';

export default defineBackground(() => {
  const deps = createBrowserDeps();
  registerHandlers(createHandlers(deps));
  registerLookupMenu();
  // A tab that leaves its page, or closes, no longer holds what its content script reported; the
  // content script of the next page reports afresh.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status !== 'loading') return;
    void clearTabReport(tabId);
    void deps.setBadgeCount(tabId, 0).catch(() => undefined);
  });
  browser.tabs.onRemoved.addListener((tabId) => void clearTabReport(tabId));
});
