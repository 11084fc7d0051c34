import type { SeenPaper } from './tab-reports';
import { bareArxivId } from '../reading-list/paper-identity';
import type { SavedPaper } from '../reading-list/saved-list';
import type { TitleMatch } from '../match/match-title';

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
  /** The saved list (in the extension) or an exported list (the command line). */
  readSaved(): Promise<readonly Pick<SavedPaper, 'title' | 'corpusId' | 'arxivId'>[]>;
  titleOf(corpusId: string): string | undefined;
  /** A corpus paper whose whole title this is (not a head match: an id deserves a sure answer). */
  matchWholeTitle(title: string): { id: string; title: string } | null;
}

/** The corpus paper a whole title names (a head match is not enough to name an id's paper). */
export function wholeTitleMatch(corpus: { matchTitle(text: string): TitleMatch }): ResolveDeps['matchWholeTitle'] {
  return (title) => {
    const { match } = corpus.matchTitle(title);
    return match?.kind === 'title' ? { id: match.id, title: match.title } : null;
  };
}

/** Resolves an arXiv id (without version) to a corpus paper, a paper known only by title, or unseen. */
export async function resolvePaperRef(deps: ResolveDeps, arxivId: string): Promise<RefAnswer> {
  const [seen, saved] = await Promise.all([
    deps.lookupSeen(arxivId),
    deps.readSaved().then((papers) => papers.find((p) => p.arxivId && bareArxivId(p.arxivId) === arxivId) ?? null),
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
