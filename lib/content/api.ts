import { call, type Call } from '../messaging/call';
import type { MessageFrom } from '../messaging/messages';
import { readSavedList, watchSavedList, type SavedPaper } from '../storage/saved-list';

/** What the page side asks of the background and of storage; injected so tests can fake it. */
export interface ContentApi {
  call: Call<MessageFrom<'page'>>;
  readSaved(): Promise<SavedPaper[]>;
  watchSaved(callback: (papers: SavedPaper[]) => void): () => void;
}

/** The real page-side API: typed messages to the background, the saved list read from storage. */
export function createContentApi(): ContentApi {
  return {
    call,
    readSaved: async () => (await readSavedList()).papers,
    watchSaved: (callback) => watchSavedList((list) => callback(list.papers)),
  };
}
