import type { TitleMatch } from '../match/match-title';
import { readSavedList, type SavedPaper } from '../storage/saved-list';
import { lookupSeen, type SeenPaper } from './tab-reports';

/**
 * What Paper Lens knows of an arXiv id. The corpus files carry no ids, so an id is known only once
 * learnt: seen on an arXiv or Hugging Face page, or carried by a saved or imported entry.
 */
export type RefAnswer =
  | { arxivId: string; status: 'corpus'; paper: { id: string; title: string } }
  | { arxivId: string; status: 'known'; title: string; saved: boolean }
  | { arxivId: string; status: 'unseen' };

/** Where the answer comes from: remembered ids, the saved list, and the corpus's titles. */
export interface ResolveDeps {
  lookupSeen(arxivId: string): Promise<SeenPaper | null>;
  readSaved(): Promise<readonly SavedPaper[]>;
  titleOf(corpusId: string): string | undefined;
  /** A corpus paper whose whole title this is (not a head match: an id deserves a sure answer). */
  matchWholeTitle(title: string): { id: string; title: string } | null;
}

/** The deps over storage (remembered ids, the saved list) and a corpus title lookup. */
export function storageResolveDeps(corpus: {
  titleOf(id: string): string | undefined;
  matchTitle(text: string): TitleMatch;
}): ResolveDeps {
  return {
    lookupSeen,
    readSaved: async () => (await readSavedList()).papers,
    titleOf: (id) => corpus.titleOf(id),
    matchWholeTitle: (title) => {
      const { match } = corpus.matchTitle(title);
      return match?.kind === 'title' ? { id: match.id, title: match.title } : null;
    },
  };
}

/** Resolves an arXiv id (without version) to a corpus paper, a paper known only by title, or unseen. */
export async function resolvePaperRef(deps: ResolveDeps, arxivId: string): Promise<RefAnswer> {
  const [seen, saved] = await Promise.all([
    deps.lookupSeen(arxivId),
    deps.readSaved().then((papers) => papers.find((p) => p.arxivId === arxivId) ?? null),
  ]);
  for (const corpusId of [seen?.corpusId, saved?.corpusId]) {
    const title = corpusId ? deps.titleOf(corpusId) : undefined;
    if (corpusId && title !== undefined) return { arxivId, status: 'corpus', paper: { id: corpusId, title } };
  }
  const title = seen?.title ?? saved?.title;
  if (title === undefined) return { arxivId, status: 'unseen' };
  // Learnt before the corpus held it (or before it matched): its title may name a corpus paper now.
  const paper = deps.matchWholeTitle(title);
  if (paper) return { arxivId, status: 'corpus', paper };
  return { arxivId, status: 'known', title, saved: saved !== null };
}
