import type { TabDescription } from '../../lib/tabs/describe-tab';
import type { CorpusClient } from '../../lib/messaging/client';
import { createHandlers } from '../../lib/messaging/handlers';
import type { Sender } from '../../lib/messaging/messages';
import { readSavedList, watchSavedList } from '../../lib/reading-list/saved-list';
import { realService } from './corpus';

const POPUP: Sender = { tabId: null, url: 'chrome-extension://test/popup.html', fromExtension: true };

/**
 * A client whose calls reach the background's real handlers (over the real corpus service and the
 * saved list on WxtVitest's fake storage) without a browser; only the tab description is given by the test.
 */
export function createFakeClient(describe: TabDescription): CorpusClient {
  const service = realService();
  const handlers = createHandlers({
    getService: async () => service,
    getTitles: async () => service,
    setBadgeCount: async () => undefined,
  });
  return {
    call: (name, ...[data]) => handlers[name](data, POPUP),
    describeTab: async () => describe,
    readSaved: readSavedList,
    watchSaved: watchSavedList,
  };
}
