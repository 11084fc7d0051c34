import { call } from '../lib/messaging/call';
import { readSavedList, watchSavedList } from '../lib/reading-list/saved-list';
import type { ContentApi } from './types';

/** The real page-side API: the message table's typed call to the background, the saved list read from storage. */
export function createContentApi(): ContentApi {
  return {
    call,
    readSaved: async () => (await readSavedList()).papers,
    watchSaved: (callback) => watchSavedList((list) => callback(list.papers)),
  };
}
