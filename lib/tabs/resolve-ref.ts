import type { TitleMatch } from '../match/match-title';
import { wholeTitleMatch, type ResolveDeps } from './resolve-paper-ref';
import { readSavedList } from '../reading-list/saved-list';
import { lookupSeen } from './tab-reports';

/** The deps over storage (remembered ids, the saved list) and a corpus title lookup. */
export function storageResolveDeps(corpus: {
  titleOf(id: string): string | undefined;
  matchTitle(text: string): TitleMatch;
}): ResolveDeps {
  return {
    lookupSeen,
    readSaved: async () => (await readSavedList()).papers,
    titleOf: (id) => corpus.titleOf(id),
    matchWholeTitle: wholeTitleMatch(corpus),
  };
}
