import { useEffect, useState } from 'preact/hooks';
import type { RefAnswer } from '../lib/tabs/resolve-paper-ref';
import { parsePaperRef } from '../lib/match/parse-paper-ref';
import type { CorpusClient } from '../lib/messaging/client';
import type { SearchResult } from '../lib/corpus/service';

const RESULTS = 20;

/** What a search found: corpus papers, or, for an id, URL or DOI, what Paper Lens knows of that id. */
export interface SearchAnswer {
  results: SearchResult[];
  ref: RefAnswer | null;
  error: string | null;
}

const EMPTY: SearchAnswer = { results: [], ref: null, error: null };

/** As-you-type search through the background; a late answer for an older query is dropped. */
export function useSearch(client: CorpusClient, query: string): SearchAnswer {
  const [answer, setAnswer] = useState<SearchAnswer>(EMPTY);
  useEffect(() => {
    let current = true;
    if (query.trim() === '') {
      setAnswer(EMPTY);
      return;
    }
    const ref = parsePaperRef(query);
    const asking: Promise<Omit<SearchAnswer, 'error'>> = ref
      ? client.call('lookupRef', ref.arxivId).then((found) => ({
          ref: found,
          results: found.status === 'corpus' ? [{ ...found.paper, field: 'id' as const }] : [],
        }))
      : client.call('search', { query, k: RESULTS }).then((results) => ({ results, ref: null }));
    asking.then(
      (found) => current && setAnswer({ ...found, error: null }),
      (failure: unknown) =>
        current &&
        setAnswer((old) => ({ ...old, error: failure instanceof Error ? failure.message : String(failure) })),
    );
    return () => {
      current = false;
    };
  }, [client, query]);
  return answer;
}
