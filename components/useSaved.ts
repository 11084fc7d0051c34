import { useEffect, useState } from 'preact/hooks';
import type { CorpusClient } from '../lib/messaging/client';
import type { SavedListRead } from '../lib/reading-list/saved-list';

/** The reading list, kept current as any context changes it. */
export function useSaved(client: CorpusClient): SavedListRead | null {
  const [list, setList] = useState<SavedListRead | null>(null);
  useEffect(() => {
    let current = true;
    client.readSaved().then((read) => current && setList(read));
    const unwatch = client.watchSaved((read) => current && setList(read));
    return () => {
      current = false;
      unwatch();
    };
  }, [client]);
  return list;
}
