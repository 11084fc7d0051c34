import type { ReportedPaper } from '../background/tab-reports';
import type { TitleCandidate } from '../match/match-title';
import type { PageDetection } from '../pages/types';
import type { RelatedPaper } from '../service/corpus-service';
import type { PaperRef, SavedPaper } from '../storage/saved-list';

/** What the page side asks of the background and of storage; injected so tests can fake it. */
export interface ContentApi {
  matchTitles(titles: string[]): Promise<(TitleCandidate | null)[]>;
  related(id: string, k: number): Promise<RelatedPaper[]>;
  relatedToText(title: string, abstract: string, k: number): Promise<RelatedPaper[]>;
  savePaper(ref: PaperRef): Promise<unknown>;
  unsavePaper(ref: PaperRef): Promise<unknown>;
  reportPage(report: { kind: PageDetection['kind']; papers: ReportedPaper[] }): Promise<void>;
  readSaved(): Promise<SavedPaper[]>;
  watchSaved(callback: (papers: SavedPaper[]) => void): () => void;
}

/** Our errors stay ours: logged quietly, never thrown into the page. */
export function reportError(error: unknown): void {
  console.debug('[Paper Lens]', error);
}
