import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Paper } from '../corpus/types';
import type { TitleMatch } from '../match/match-title';
import type { CorpusStats, RelatedPaper, SearchResult } from '../service/corpus-service';

/** The one typed interface between the popup or page and the background. Plain data only. */
export interface ProtocolMap {
  matchTitles(titles: string[]): TitleMatch[];
  getPaper(id: string): Paper | null;
  related(request: { id: string; k: number }): RelatedPaper[];
  relatedToText(request: { title: string; abstract: string; k: number }): RelatedPaper[];
  search(request: { query: string; k: number }): SearchResult[];
  stats(): CorpusStats;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
