import type { Paper } from '../corpus/types';
import type { RelatedPaper, SearchResult } from '../service/corpus-service';
import { sendMessage, type TabDescription } from './protocol';

/** What the UI asks of the background; components take it as a prop so tests can pass a fake. */
export interface CorpusClient {
  search(query: string, k: number): Promise<SearchResult[]>;
  getPaper(id: string): Promise<Paper | null>;
  related(id: string, k: number): Promise<RelatedPaper[]>;
  describeTab(tabId: number): Promise<TabDescription>;
}

/** The real client: typed messages to the background. */
export function createBackgroundClient(): CorpusClient {
  return {
    search: (query, k) => sendMessage('search', { query, k }),
    getPaper: (id) => sendMessage('getPaper', id),
    related: (id, k) => sendMessage('related', { id, k }),
    describeTab: (tabId) => sendMessage('describeTab', tabId),
  };
}
