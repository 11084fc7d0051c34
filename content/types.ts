import type { Call } from '../lib/messaging/call';
import type { MessageFrom } from '../lib/messaging/messages';
import type { SavedPaper } from '../lib/reading-list/saved-list';

/**
 * What the page side asks of the background (the message table's typed call, limited to the messages
 * a page may send) and of storage; injected so tests can fake it. The popup's CorpusClient has the
 * same shape.
 */
export interface ContentApi {
  call: Call<MessageFrom<'page'>>;
  readSaved(): Promise<SavedPaper[]>;
  watchSaved(callback: (papers: SavedPaper[]) => void): () => void;
}

/** Our errors stay ours: logged quietly, never thrown into the page. */
export function reportError(error: unknown): void {
  console.debug('[Paper Lens]', error);
}
