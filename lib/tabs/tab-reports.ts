import { storage } from 'wxt/utils/storage';
import type { PageKind } from '../pages/types';

/** One paper a content script saw on its page, with the corpus paper it matched. */
export interface ReportedPaper {
  title: string;
  arxivId: string | null;
  matchId: string | null;
  /** 'head' when the page named the paper by its title's head alone: probably, not surely, that paper. */
  matchKind?: 'head';
  /** The matched corpus paper's title, added by the background so the popup can show it from storage alone. */
  matchTitle?: string | null;
}

/** What a tab's page holds, as its own content script reported it. */
export interface TabReport {
  url: string;
  kind: PageKind;
  papers: ReportedPaper[];
  /** As stored: how many papers the page held and how many were corpus papers (papers is capped). */
  total?: number;
  inCorpus?: number;
}

/** Papers kept per stored report, corpus matches first: what the popup lists. A whole listing's
 * report would slow the popup's first render, which reads it. */
export const STORED_PAPERS = 100;

/** A paper remembered from an arXiv or Hugging Face page, so its PDF can be named offline later. */
export interface SeenPaper {
  title: string;
  corpusId: string | null;
  seenAt: number;
}

// Session storage survives service-worker restarts (not browser restarts), which is what a tab's
// report needs; the seen-id map is in local storage so a PDF opened next week is still known.
const reportItem = (tabId: number) => storage.defineItem<TabReport | null>(`session:tab-${tabId}`, { fallback: null });
const seenItem = storage.defineItem<Record<string, SeenPaper>>('local:seenArxivIds', { fallback: {} });
const MAX_SEEN = 3000;

/** Stores a tab's report: its first STORED_PAPERS papers, corpus matches first, and its counts. */
export function saveTabReport(tabId: number, report: TabReport): Promise<void> {
  return reportItem(tabId).setValue(toStored(report));
}

function toStored(report: TabReport): TabReport {
  const matched = report.papers.filter((p) => p.matchId !== null);
  const papers = [...matched, ...report.papers.filter((p) => p.matchId === null)].slice(0, STORED_PAPERS);
  return { ...report, papers, total: report.papers.length, inCorpus: matched.length };
}

/** A tab's report, if its content script has sent one. */
export function getTabReport(tabId: number): Promise<TabReport | null> {
  return reportItem(tabId).getValue();
}

/** Forgets a tab's report (the tab closed or left the page). */
export function clearTabReport(tabId: number): Promise<void> {
  return reportItem(tabId).removeValue();
}

/** How many corpus papers a report names: the toolbar icon's count. */
export function corpusCount(report: Pick<TabReport, 'papers'>): number {
  return new Set(report.papers.map((p) => p.matchId).filter(Boolean)).size;
}

// A page prerendered in a tab (Speculation Rules) reports before the tab shows it: its report waits
// here, under its own URL, and becomes the tab's when the tab navigates to that URL.
const prerenderItem = (tabId: number) =>
  storage.defineItem<(TabReport & { count: number }) | null>(`session:prerender-${tabId}`, { fallback: null });

/** Keeps a prerendered page's report until its tab shows it. */
export function savePrerenderReport(tabId: number, report: TabReport): Promise<void> {
  return prerenderItem(tabId).setValue({ ...toStored(report), count: corpusCount(report) });
}

/**
 * The tab started showing `url` (`loading`: a new document, whose old report is dropped; else the
 * tab's URL changed, as when a prerendered page is shown). A report its prerendered page made for
 * `url` becomes the tab's; the toolbar count to show is answered, null when nothing changed.
 */
export async function showTabPage(tabId: number, url: string | undefined, loading: boolean): Promise<number | null> {
  if (loading) await clearTabReport(tabId);
  const item = prerenderItem(tabId);
  const kept = await item.getValue();
  if (kept && kept.url === url) {
    await item.removeValue();
    const { count, ...report } = kept;
    await reportItem(tabId).setValue(report);
    return count;
  }
  if (kept && loading) await item.removeValue();
  return loading ? 0 : null;
}

let seenQueue: Promise<unknown> = Promise.resolve();

/** Remembers arXiv id -> title for the papers a page showed, keeping the newest MAX_SEEN. */
export function rememberSeen(papers: ReportedPaper[], now = Date.now()): Promise<void> {
  const run = seenQueue.then(async () => {
    const seen = { ...(await seenItem.getValue()) };
    for (const paper of papers) {
      if (paper.arxivId) seen[paper.arxivId] = { title: paper.title, corpusId: paper.matchId, seenAt: now };
    }
    const ids = Object.keys(seen);
    if (ids.length > MAX_SEEN) {
      ids.sort((a, b) => seen[a]!.seenAt - seen[b]!.seenAt);
      for (const id of ids.slice(0, ids.length - MAX_SEEN)) delete seen[id];
    }
    await seenItem.setValue(seen);
  });
  seenQueue = run.catch(() => undefined);
  return run;
}

/** The paper remembered for an arXiv id, if any. */
export async function lookupSeen(arxivId: string): Promise<SeenPaper | null> {
  const seen = await seenItem.getValue();
  const entry = Object.prototype.hasOwnProperty.call(seen, arxivId) ? seen[arxivId] : undefined;
  return entry && typeof entry.title === 'string' ? entry : null;
}
