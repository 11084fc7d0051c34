import type { CorpusClient } from '../../lib/messaging/client';
import type { TabDescription } from '../../lib/messaging/protocol';
import {
  deleteUnreadableCopies,
  readSavedList,
  savePaper,
  unsavePaper,
  editPaper,
  restorePaper,
  watchSavedList,
} from '../../lib/storage/saved-list';
import { applyImport } from '../../lib/storage/apply-import';
import { realService } from './corpus';

/**
 * A client over the real corpus service and the real saved-list module (on WxtVitest's fake
 * storage), as the background would answer; only the tab description is given by the test.
 */
export function createFakeClient(describe: TabDescription): CorpusClient {
  const service = realService();
  return {
    search: async (query, k) => service.search(query, k),
    getPaper: async (id) => service.getPaper(id) ?? null,
    related: (id, k) => service.related(id, k),
    relatedToText: (title, abstract, k) => service.relatedToText(title, abstract, k),
    describeTab: async () => describe,
    stats: async () => service.stats(),
    savePaper: (ref) => savePaper(ref),
    unsavePaper: (ref) => unsavePaper(ref),
    editPaper: (key, edit) => editPaper(key, edit),
    restorePaper: (entry) => restorePaper(entry),
    deleteUnreadableCopies: (copiedAt) => deleteUnreadableCopies(copiedAt),
    moreLikeSaved: async (tag, k) => {
      const { papers } = await readSavedList();
      return service.relatedToSet(tag === null ? papers : papers.filter((p) => p.tags.includes(tag)), k);
    },
    applyImport: (papers) => applyImport(papers),
    readSaved: readSavedList,
    watchSaved: watchSavedList,
  };
}
