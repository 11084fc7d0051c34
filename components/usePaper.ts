import { useEffect, useState } from 'preact/hooks';
import type { Paper } from '../lib/corpus/types';
import type { CorpusClient } from '../lib/messaging/client';
import type { RelatedPaper } from '../lib/corpus/service';

const RELATED = 8;

/** One corpus paper and its related work, loaded from the background when `id` changes. */
export function usePaper(
  client: CorpusClient,
  id: string | null,
): { paper: Paper | null; related: RelatedPaper[] | null } {
  const [paper, setPaper] = useState<Paper | null>(null);
  const [related, setRelated] = useState<RelatedPaper[] | null>(null);
  useEffect(() => {
    let current = true;
    setPaper(null);
    setRelated(null);
    if (id === null) return;
    client.call('getPaper', id).then((found) => current && setPaper(found));
    client.call('related', { id, k: RELATED }).then(
      (found) => current && setRelated(found),
      () => current && setRelated([]),
    );
    return () => {
      current = false;
    };
  }, [client, id]);
  return { paper, related };
}
