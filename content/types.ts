import type { AnswerOf, DataOf } from '../lib/messaging/messages';
import type { RelatedPaper } from '../lib/corpus/service';
import type { PaperRef, SavedPaper } from '../lib/reading-list/saved-list';

/**
 * What the page side asks of the background (the message table's page messages, by name) and of
 * storage; injected so tests can fake it.
 */
export interface ContentApi {
  matchTitles(titles: string[]): Promise<AnswerOf<'matchTitles'>>;
  related(id: string, k: number): Promise<RelatedPaper[]>;
  relatedToText(title: string, abstract: string, k: number): Promise<RelatedPaper[]>;
  savePaper(ref: PaperRef): Promise<unknown>;
  unsavePaper(ref: PaperRef): Promise<unknown>;
  reportPage(report: DataOf<'reportPage'>): Promise<void>;
  readSaved(): Promise<SavedPaper[]>;
  watchSaved(callback: (papers: SavedPaper[]) => void): () => void;
}

/** Our errors stay ours: logged quietly, never thrown into the page. */
export function reportError(error: unknown): void {
  console.debug('[Paper Lens]', error);
}
