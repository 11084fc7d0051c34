import { sendMessage } from '../messaging/protocol';
import { readSavedList, watchSavedList } from '../storage/saved-list';
import type { ContentApi } from './types';

/** The real page-side API: typed messages to the background, the saved list read from storage. */
export function createContentApi(): ContentApi {
  return {
    matchTitles: (titles) => sendMessage('matchTitles', titles),
    related: (id, k) => sendMessage('related', { id, k }),
    relatedToText: (title, abstract, k) => sendMessage('relatedToText', { title, abstract, k }),
    savePaper: (ref) => sendMessage('savePaper', ref),
    unsavePaper: (ref) => sendMessage('unsavePaper', ref),
    reportPage: (report) => sendMessage('reportPage', report),
    readSaved: async () => (await readSavedList()).papers,
    watchSaved: (callback) => watchSavedList((list) => callback(list.papers)),
  };
}
