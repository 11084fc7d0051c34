import { arxivIdOf } from '../pages/arxiv';
import { classifyUrl } from '../pages/detect';
import type { TabDescription } from '../messaging/protocol';
import { getTabReport, lookupSeen, type SeenPaper, type TabReport } from './tab-reports';

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
