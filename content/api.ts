import { call } from '../lib/messaging/call';
import { readSavedList, watchSavedList } from '../lib/reading-list/saved-list';
import type { ContentApi } from './types';

/** The real page-side API: the message table's typed call to the background, the saved list read from storage. */
export function createContentApi(): ContentApi {
  return {
    matchTitles: (titles) => call('matchTitles', titles),
    related: (id, k) => call('related', { id, k }),
    relatedToText: (title, abstract, k) => call('relatedToText', { title, abstract, k }),
    savePaper: (ref) => call('savePaper', ref),
    unsavePaper: (ref) => call('unsavePaper', ref),
    reportPage: (report) => call('reportPage', report),
    readSaved: async () => (await readSavedList()).papers,
    watchSaved: (callback) => watchSavedList((list) => callback(list.papers)),
  };
}
