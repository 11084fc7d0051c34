import { defineExtensionMessaging } from '@webext-core/messaging';
import { browser } from 'wxt/browser';
import { withRetry } from './retry';
import type { TabReport } from '../background/tab-reports';
import type { Paper } from '../corpus/types';
import type { TitleCandidate } from '../match/match-title';
import type { PageKind } from '../pages/types';
import type { CorpusStats, RelatedPaper, SearchResult } from '../service/corpus-service';
import type { ImportedPaper } from '../export/types';
import type { ImportResult } from '../storage/apply-import';
import type { PaperEdit, PaperRef, SavedPaper } from '../storage/saved-list';

/** A paper on a tab, as the popup shows it. */
export interface TabPaper {
  title: string;
  arxivId: string | null;
  match: { id: string; title: string } | null;
}

/** What the popup learns about a tab: what its page holds, or why nothing is known. */
export interface TabDescription {
  url: string | null;
  kind: PageKind | null;
  /** detected: the page's content script reported; pdf: named from a remembered id or the tab title;
   * pdf-unknown: a PDF Paper Lens cannot name offline; empty: a supported page with no titles found;
   * unsupported: not an arXiv or Hugging Face page Paper Lens reads; waiting: no report yet. */
  status: 'detected' | 'pdf' | 'pdf-unknown' | 'empty' | 'unsupported' | 'waiting';
  /** At most the first 100 papers, corpus matches first. */
  papers: TabPaper[];
  /** How many papers the page holds, and how many of them are corpus papers (when more than listed). */
  total?: number;
  inCorpus?: number;
}

/** The one typed interface between the popup or page and the background. Plain data only. */
export interface ProtocolMap {
  /**
   * Each title's corpus match, or null. Without the candidates the matcher also weighed: with them
   * the answer for a 2,000-entry listing was 944 kB of JSON, parsed on the page's main thread.
   */
  matchTitles(titles: string[]): (TitleCandidate | null)[];
  getPaper(id: string): Paper | null;
  related(request: { id: string; k: number }): RelatedPaper[];
  relatedToText(request: { title: string; abstract: string; k: number }): RelatedPaper[];
  search(request: { query: string; k: number }): SearchResult[];
  stats(): CorpusStats;
  savePaper(ref: PaperRef): SavedPaper;
  unsavePaper(ref: PaperRef): boolean;
  editPaper(request: { key: string; edit: PaperEdit }): SavedPaper | null;
  restorePaper(entry: SavedPaper): boolean;
  /** Deletes the kept copies of unreadable data the person was shown, named by when each was made; how many went. */
  deleteUnreadableCopies(request: { copiedAt: number[] }): number;
  /** Merges papers read from an import file into the list (duplicates merge). */
  applyImport(papers: ImportedPaper[]): ImportResult;
  /** Corpus papers most related to the saved list (or to one tag of it), the saved ones left out. */
  moreLikeSaved(request: { tag: string | null; k: number }): RelatedPaper[];
  /** From a content script only: what its own page holds. */
  reportPage(report: Omit<TabReport, 'url'>): void;
  /** From extension pages only. */
  describeTab(tabId: number): TabDescription;
}

const messaging = defineExtensionMessaging<ProtocolMap>();

export const { onMessage } = messaging;

/** A random whole number naming one request, within the safe-integer range the envelope check accepts. */
function newRequestId(): number {
  const [high, low] = crypto.getRandomValues(new Uint32Array(2));
  return (high! % 2 ** 21) * 2 ** 32 + low!;
}

type Answer = { res: unknown } | { err: { name?: string; message?: string } };

/**
 * Sends a typed message to the background, retried across a service-worker restart. The envelope is
 * @webext-core/messaging's ({ id, type, data, timestamp }), built here so that every retry carries the
 * first attempt's id: the background applies a change with a given id only once (lib/storage/op-log.ts).
 */
export const sendMessage = ((type: keyof ProtocolMap, data?: unknown) => {
  const id = newRequestId();
  return withRetry(async () => {
    const answer = (await browser.runtime.sendMessage({ id, type, data, timestamp: Date.now() })) as Answer | undefined;
    if (!answer || typeof answer !== 'object') throw new Error('No response');
    if ('err' in answer) throw Object.assign(new Error(answer.err.message), { name: answer.err.name ?? 'Error' });
    return answer.res;
  });
}) as typeof messaging.sendMessage;
