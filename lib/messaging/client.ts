import type { TabDescription } from '../tabs/describe-tab';
import { readSavedList, watchSavedList, type SavedListRead } from '../reading-list/saved-list';
import { call, type Call } from './call';
import type { MessageFrom } from './messages';
import { describeTabFromPopup } from './popup-describe';

/** What the popup asks of the background and of storage; components take it as a prop so tests can pass a fake. */
export interface CorpusClient {
  call: Call<MessageFrom<'extension'>>;
  describeTab(tabId: number): Promise<TabDescription>;
  readSaved(): Promise<SavedListRead>;
  watchSaved(callback: (list: SavedListRead) => void): () => void;
}

/** The real client: typed messages to the background; the saved list read straight from storage. */
export function createBackgroundClient(): CorpusClient {
  return {
    call,
    // Described here, from the tab and storage, rather than by the background: the popup's first
    // render then never waits for a sleeping service worker (only a PDF named by its tab title asks it).
    describeTab: describeTabFromPopup,
    readSaved: readSavedList,
    watchSaved: watchSavedList,
  };
}
