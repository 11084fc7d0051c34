import type { Paper } from './types';
import { createTitleMatcher, matcherOverIndex, type TitleMatch, type TitleMatcher } from '../match/match-title';
import type { TitleIndex } from '../match/title-index';
import type { RelatedModel } from '../related/model';
import { createRelatedRanker, formatReason, type RelatedHit, type RelatedRanker } from '../related/rank-related';
import { createCorpusSearch, type CorpusSearch } from '../search/search-corpus';

/** The bundled corpus: papers plus each paper's precomputed related work. */
export interface CorpusBundle {
  version: 1;
  papers: Paper[];
  /** Per paper, in corpus order: the top related papers as corpus indices, scores and shared terms. */
  related: { index: number[]; score: number[]; terms: string[][] }[];
}

/** A related paper as every context shows it. */
export interface RelatedPaper {
  id: string;
  title: string;
  score: number;
  reason: string;
  terms: string[];
}

/** A search hit as every context shows it. */
export interface SearchResult {
  id: string;
  title: string;
  /** Where the query was found; 'id' when it named the paper by a learnt arXiv id. */
  field: 'title' | 'abstract' | 'id';
}

/** Corpus figures for the CLI and the About view. */
export interface CorpusStats {
  papers: number;
  sources: Record<string, number>;
  withAuthorCount: number;
  withDate: number;
  withUpvotes: number;
  withOrganisation: number;
  inSeveralSources: number;
  /** The newest date printed with a year ('Dec 8, 2025'), or null. */
  newestDate: string | null;
}

/** Thrown for an id the corpus does not hold. */
export class UnknownPaperError extends Error {
  constructor(readonly id: string) {
    super(`unknown paper id: ${id}`);
    this.name = 'UnknownPaperError';
  }
}

/** What the title index alone answers: enough for pages to be recognised before the rest is loaded. */
export interface TitleLookup {
  readonly size: number;
  matchTitle(text: string): TitleMatch;
  hasPaper(id: string): boolean;
  titleOf(id: string): string | undefined;
}

/** The lookup over a prebuilt title index. */
export function createTitleLookup(index: TitleIndex): TitleLookup {
  const matcher = matcherOverIndex(index);
  return {
    size: index.ids.length,
    matchTitle: (text) => matcher.match(text),
    hasPaper: (id) => index.byId.has(id),
    titleOf: (id) => {
      const at = index.byId.get(id);
      return at === undefined ? undefined : index.titles[at];
    },
  };
}

/** Everything the extension and the CLI ask of the corpus, over one bundle. */
export interface CorpusService extends TitleLookup {
  readonly papers: readonly Paper[];
  getPaper(id: string): Paper | undefined;
  stats(): CorpusStats;
  matchTitle(text: string): TitleMatch;
  related(id: string, k: number): Promise<RelatedPaper[]>;
  relatedToText(title: string, abstract: string, k: number): Promise<RelatedPaper[]>;
  search(query: string, k: number): SearchResult[];
  /** Corpus papers most related to a set of papers (a reading list), those in the set left out. */
  relatedToSet(papers: { title: string; corpusId: string | null }[], k: number): Promise<RelatedPaper[]>;
}

/** How many papers of a set are ranked for relatedToSet, and how deep each one's list goes. */
const SET_LIMIT = 200;
const SET_DEPTH = 20;

/**
 * Wraps a bundle. The matcher comes from a prebuilt title index when one is given (the extension),
 * else it is built on first use; the search index is built on first use and the related-work model
 * is loaded on first need.
 */
export function createCorpusService(
  bundle: CorpusBundle,
  loadModel: () => Promise<RelatedModel>,
  titles?: TitleIndex,
): CorpusService {
  const { papers } = bundle;
  const byId = new Map(papers.map((paper, index) => [paper.id, index]));
  let matcher: TitleMatcher | undefined = titles ? matcherOverIndex(titles) : undefined;
  let searcher: CorpusSearch | undefined;
  let ranker: Promise<RelatedRanker> | undefined;
  const getRanker = () => (ranker ??= loadModel().then(createRelatedRanker));

  const toRelated = (hit: RelatedHit): RelatedPaper => ({
    id: papers[hit.index]!.id,
    title: papers[hit.index]!.title,
    score: hit.score,
    reason: formatReason(hit.terms),
    terms: hit.terms,
  });

  return {
    papers,
    size: papers.length,
    hasPaper: (id) => byId.has(id),
    titleOf: (id) => {
      const index = byId.get(id);
      return index === undefined ? undefined : papers[index]!.title;
    },
    getPaper: (id) => {
      const index = byId.get(id);
      return index === undefined ? undefined : papers[index];
    },
    stats: () => corpusStats(papers),
    matchTitle: (text) => (matcher ??= createTitleMatcher(papers)).match(text),
    async related(id, k) {
      const index = byId.get(id);
      if (index === undefined) throw new UnknownPaperError(id);
      const cached = bundle.related[index];
      if (cached && k <= cached.index.length) {
        return cached.index
          .slice(0, k)
          .map((i, n) => toRelated({ index: i, score: cached.score[n]!, terms: cached.terms[n]! }));
      }
      return (await getRanker()).rankPaper(index, k).map(toRelated);
    },
    async relatedToText(title, abstract, k) {
      return (await getRanker()).rankText(title, abstract, k).map(toRelated);
    },
    async relatedToSet(set, k) {
      const setRanker = await getRanker();
      const inSet = new Set(
        set.map((p) => (p.corpusId ? byId.get(p.corpusId) : undefined)).filter((i) => i !== undefined),
      );
      const totals = new Map<number, { score: number; count: number; best: RelatedHit; via: string }>();
      for (const member of set.slice(0, SET_LIMIT)) {
        const index = member.corpusId ? byId.get(member.corpusId) : undefined;
        const hits =
          index !== undefined ? setRanker.rankPaper(index, SET_DEPTH) : setRanker.rankText(member.title, '', SET_DEPTH);
        for (const hit of hits) {
          if (inSet.has(hit.index)) continue;
          const total = totals.get(hit.index);
          if (!total) totals.set(hit.index, { score: hit.score, count: 1, best: hit, via: member.title });
          else {
            total.score += hit.score;
            total.count++;
            if (hit.score > total.best.score) Object.assign(total, { best: hit, via: member.title });
          }
        }
      }
      return [...totals.entries()]
        .sort(([a, x], [b, y]) => y.score - x.score || a - b)
        .slice(0, k)
        .map(([index, total]) => ({
          ...toRelated({ ...total.best, index, score: Math.round(total.score * 10000) / 10000 }),
          reason:
            total.count > 1
              ? `Near ${total.count} of your saved papers, most of all “${total.via}”`
              : `Near your saved “${total.via}”: ${formatReason(total.best.terms).toLowerCase()}`,
        }));
    },
    search(query, k) {
      searcher ??= createCorpusSearch(papers);
      return searcher.search(query, k).map((hit) => ({
        id: papers[hit.index]!.id,
        title: papers[hit.index]!.title,
        field: hit.field,
      }));
    },
  };
}

/** Counts papers per seed file and how much metadata the corpus carries. */
export function corpusStats(papers: readonly Paper[]): CorpusStats {
  const sources: Record<string, number> = {};
  for (const paper of papers) for (const source of paper.sources) sources[source] = (sources[source] ?? 0) + 1;
  const count = (test: (paper: Paper) => boolean) => papers.filter(test).length;
  return {
    papers: papers.length,
    sources: Object.fromEntries(Object.entries(sources).sort(([a], [b]) => (a < b ? -1 : 1))),
    withAuthorCount: count((p) => p.authorCount !== null),
    withDate: count((p) => p.date !== null),
    withUpvotes: count((p) => p.upvotes !== null),
    withOrganisation: count((p) => p.organisation !== null),
    inSeveralSources: count((p) => p.sources.length > 1),
    newestDate: newestDate(papers),
  };
}

/** The latest of the dates printed with a year; dates printed without one ('Sep 29') cannot be placed. */
function newestDate(papers: readonly Paper[]): string | null {
  let best: { time: number; text: string } | null = null;
  for (const paper of papers) {
    if (!paper.date || !/, \d{4}$/.test(paper.date)) continue;
    const time = Date.parse(`${paper.date} 00:00 UTC`);
    if (!Number.isNaN(time) && (!best || time > best.time)) best = { time, text: paper.date };
  }
  return best?.text ?? null;
}
