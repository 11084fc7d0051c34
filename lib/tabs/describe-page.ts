import type { TabDescription } from './describe-tab';
import { findScholarlyPapers, type PageMetadata } from '../pages/scholarly';
import type { SeenPaper } from './tab-reports';

/** What describing a page read through `activeTab` needs: the title matcher and remembered arXiv ids. */
export interface DescribePageDeps {
  matchTitles(titles: string[]): Promise<({ id: string; title: string } | null | undefined)[]>;
  lookupSeen(arxivId: string): Promise<SeenPaper | null>;
}

/**
 * Describes a page of any site from what it names (lib/pages/scholarly.ts): each paper matched
 * against the corpus by title, or named by an arXiv id Paper Lens has seen. A paper known only by
 * an og:title, or by an id never seen and no title, is left out: nothing shows that it is a paper.
 */
export async function describeReadPage(
  url: string,
  data: PageMetadata,
  deps: DescribePageDeps,
): Promise<TabDescription> {
  const found = findScholarlyPapers(data);
  const seen = await Promise.all(found.map((p) => (p.arxivId ? deps.lookupSeen(p.arxivId).catch(() => null) : null)));
  const titles = found.map((p, i) => p.title ?? seen[i]?.title ?? null);
  const asked = titles.filter((t): t is string => t !== null);
  const answers = asked.length > 0 ? await deps.matchTitles(asked) : [];
  const matches = new Map(asked.map((title, i) => [title, answers[i] ?? null]));
  const papers: TabDescription['papers'] = [];
  found.forEach((paper, i) => {
    const title = titles[i];
    if (!title) return;
    const match = matches.get(title) ?? null;
    if (paper.source === 'og' && !match) return;
    papers.push({ title, arxivId: paper.arxivId, match: match ? { id: match.id, title: match.title } : null });
  });
  const inCorpus = papers.filter((p) => p.match).length;
  return {
    url,
    kind: 'other',
    status: papers.length > 0 ? 'detected' : 'empty',
    papers,
    total: papers.length,
    inCorpus,
  };
}
