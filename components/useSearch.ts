import { useEffect, useState } from 'preact/hooks';
import type { CorpusClient } from '../lib/messaging/client';
import type { SearchResult } from '../lib/service/corpus-service';

const RESULTS = 20;

/** As-you-type search through the background; a late answer for an older query is dropped. */
export function useSearch(client: CorpusClient, query: string): { results: SearchResult[]; error: string | null } {
  const [results, setResults] = useState<SearchResult[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    if (query.trim() === '') {
      setResults([]);
      setError(null);
      return;
    }
    client.call('search', { query, k: RESULTS }).then(
      (found) => {
        if (!current) return;
        setResults(found);
        setError(null);
      },
      (failure: unknown) => current && setError(failure instanceof Error ? failure.message : String(failure)),
    );
    return () => {
      current = false;
    };
  }, [client, query]);
  return { results, error };
}
