import { useEffect, useState } from 'preact/hooks';
import type { CorpusClient } from '../lib/messaging/client';
import type { TabDescription } from '../lib/messaging/protocol';

/** What the background knows of a tab; null until it answers (or when there is no tab). */
export function useTabDescription(client: CorpusClient, tabId: number | null): TabDescription | null {
  const [description, setDescription] = useState<TabDescription | null>(null);
  useEffect(() => {
    let current = true;
    if (tabId === null) return;
    client.describeTab(tabId).then(
      (found) => current && setDescription(found),
      () => current && setDescription(null),
    );
    return () => {
      current = false;
    };
  }, [client, tabId]);
  return description;
}
