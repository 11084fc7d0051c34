import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBrowserDeps } from '../lib/background/browser-deps';
import { getCorpusService } from '../lib/background/load-service';
import { registerLookupMenu } from '../lib/background/lookup';
import { clearTabReport } from '../lib/background/tab-reports';
import { createHandlers } from '../lib/messaging/handlers';
import { registerHandlers } from '../lib/messaging/register';

export default defineBackground(() => {
  const deps = createBrowserDeps();
  registerHandlers(createHandlers(deps));
  registerLookupMenu();
  // Parse the corpus and build the title index now, not on the first lookup; the mark's time is
  // measured from the worker's start (the benchmark reads it).
  getCorpusService().matchTitle('');
  performance.mark('paper-lens:index-ready');
  // A tab that leaves its page, or closes, no longer holds what its content script reported; the
  // content script of the next page reports afresh.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status !== 'loading') return;
    void clearTabReport(tabId);
    void deps.setBadgeCount(tabId, 0).catch(() => undefined);
  });
  browser.tabs.onRemoved.addListener((tabId) => void clearTabReport(tabId));
});
