import type { Paper } from '../corpus/types';
import type { ImportedPaper } from '../export/types';
import type { ImportResult } from '../storage/apply-import';
import type { CorpusStats, RelatedPaper, SearchResult } from '../service/corpus-service';
import {
  readSavedList,
  watchSavedList,
  type PaperEdit,
  type PaperRef,
  type SavedListRead,
  type SavedPaper,
} from '../storage/saved-list';
import { describeTabFromPopup } from './popup-describe';
import { sendMessage, type TabDescription } from './protocol';

/** What the UI asks of the background and of storage; components take it as a prop so tests can pass a fake. */
export interface CorpusClient {
  search(query: string, k: number): Promise<SearchResult[]>;
  getPaper(id: string): Promise<Paper | null>;
  related(id: string, k: number): Promise<RelatedPaper[]>;
  relatedToText(title: string, abstract: string, k: number): Promise<RelatedPaper[]>;
  describeTab(tabId: number): Promise<TabDescription>;
  stats(): Promise<CorpusStats>;
  savePaper(ref: PaperRef): Promise<SavedPaper>;
  unsavePaper(ref: PaperRef): Promise<boolean>;
  editPaper(key: string, edit: PaperEdit): Promise<SavedPaper | null>;
  restorePaper(entry: SavedPaper): Promise<boolean>;
  /** Deletes the kept copies of unreadable data made at these times (as the person was shown them). */
  deleteUnreadableCopies(copiedAt: number[]): Promise<number>;
  moreLikeSaved(tag: string | null, k: number): Promise<RelatedPaper[]>;
  applyImport(papers: ImportedPaper[]): Promise<ImportResult>;
  readSaved(): Promise<SavedListRead>;
  watchSaved(callback: (list: SavedListRead) => void): () => void;
}

/** The real client: typed messages to the background; the saved list read straight from storage. */
export function createBackgroundClient(): CorpusClient {
  return {
    search: (query, k) => sendMessage('search', { query, k }),
    getPaper: (id) => sendMessage('getPaper', id),
    related: (id, k) => sendMessage('related', { id, k }),
    relatedToText: (title, abstract, k) => sendMessage('relatedToText', { title, abstract, k }),
    // Described here, from the tab and storage, rather than by the background: the popup's first
    // render then never waits for a sleeping service worker (only a PDF named by its tab title asks it).
    describeTab: describeTabFromPopup,
    stats: () => sendMessage('stats', undefined),
    savePaper: (ref) => sendMessage('savePaper', ref),
    unsavePaper: (ref) => sendMessage('unsavePaper', ref),
    editPaper: (key, edit) => sendMessage('editPaper', { key, edit }),
    restorePaper: (entry) => sendMessage('restorePaper', entry),
    deleteUnreadableCopies: (copiedAt) => sendMessage('deleteUnreadableCopies', { copiedAt }),
    moreLikeSaved: (tag, k) => sendMessage('moreLikeSaved', { tag, k }),
    applyImport: (papers) => sendMessage('applyImport', papers),
    readSaved: readSavedList,
    watchSaved: watchSavedList,
  };
}
