import { arxivIdOf } from '../pages/arxiv';
import { classifyUrl } from '../pages/detect';
import type { PageKind } from '../pages/types';
import { getTabReport, lookupSeen, type SeenPaper, type TabReport } from './tab-reports';

/** What the popup learns about a tab: what its page holds, or why nothing is known. */
export interface TabDescription {
  url: string | null;
  /** `other`: a page of another site, read once through activeTab when the popup opened on it. */
  kind: PageKind | 'other' | null;
  /** detected: the page's content script reported; pdf: named from a remembered id or the tab title;
   * pdf-unknown: a PDF Paper Lens cannot name offline; empty: a supported page with no titles found;
   * unsupported: not an arXiv or Hugging Face page Paper Lens reads; waiting: no report yet. */
  status: 'detected' | 'pdf' | 'pdf-unknown' | 'empty' | 'unsupported' | 'waiting';
  /** At most the first 100 papers, corpus matches first; each with its corpus match. */
  papers: {
    title: string;
    arxivId: string | null;
    /** probable: named by its title's head alone (the part before the colon), not the whole title. */
    match: { id: string; title: string; probable?: boolean } | null;
  }[];
  /** How many papers the page holds, and how many of them are corpus papers (when more than listed). */
  total?: number;
  inCorpus?: number;
}

/** What describing a tab reads: the tab, its stored report, remembered arXiv ids, and a title matcher. */
export interface DescribeDeps {
  getTab(tabId: number): Promise<{ url: string | null; title: string | null } | null>;
  getReport?(tabId: number): Promise<TabReport | null>;
  lookupSeen?(arxivId: string): Promise<SeenPaper | null>;
  /** Matches a title against the corpus (the background's title index; the popup asks the background). */
  matchTitle(title: string): Promise<{ id: string; title: string; kind?: 'title' | 'head' } | null | undefined>;
}

/**
 * What Paper Lens knows of a tab. The popup runs this itself over storage (the report already names
 * each match), so its first render does not wait for a sleeping service worker; only a PDF named from
 * its tab title needs the matcher.
 */
export async function describeTab(deps: DescribeDeps, tabId: number): Promise<TabDescription> {
  // The report is read alongside the tab, not after it: one storage round trip less before the
  // popup's first render. It is checked against the tab's URL below.
  const reading = (deps.getReport ?? getTabReport)(tabId);
  reading.catch(() => undefined);
  const tab = await deps.getTab(tabId);
  const url = tab?.url ?? null;
  const kind = url ? classifyUrl(new URL(url)) : null;
  if (!url || !kind) return { url, kind, status: 'unsupported', papers: [] };
  const describe = async (title: string, arxivId: string | null) => {
    const match = await deps.matchTitle(title);
    const probable = match?.kind === 'head' ? { probable: true } : {};
    return { title, arxivId, match: match ? { id: match.id, title: match.title, ...probable } : null };
  };
  if (kind === 'arxiv-pdf') {
    const arxivId = arxivIdOf(new URL(url).pathname.slice('/pdf/'.length));
    const seen = arxivId ? await (deps.lookupSeen ?? lookupSeen)(arxivId) : null;
    if (seen) return { url, kind, status: 'pdf', papers: [await describe(seen.title, arxivId)] };
    const fromTitle = tab?.title ? await describe(tab.title, arxivId) : null;
    if (fromTitle?.match) return { url, kind, status: 'pdf', papers: [fromTitle] };
    return { url, kind, status: 'pdf-unknown', papers: [] };
  }
  const report = await reading;
  if (!report || report.url !== url) return { url, kind, status: 'waiting', papers: [] };
  const papers = report.papers.map((p) => ({
    title: p.title,
    arxivId: p.arxivId,
    match:
      p.matchId && p.matchTitle
        ? { id: p.matchId, title: p.matchTitle, ...(p.matchKind === 'head' ? { probable: true } : {}) }
        : null,
  }));
  const total = report.total ?? papers.length;
  const inCorpus = report.inCorpus ?? papers.filter((p) => p.match).length;
  return { url, kind, status: papers.length > 0 ? 'detected' : 'empty', papers, total, inCorpus };
}
