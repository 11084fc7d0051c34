import { useEffect, useState } from 'preact/hooks';
import type { CorpusClient } from '../lib/messaging/client';
import type { TabDescription } from '../lib/tabs/describe-tab';

/**
 * What the background knows of a tab; null until it answers (or when there is no tab). `known` is
 * an answer the caller already has: then the first render shows it and nothing is asked.
 */
export function useTabDescription(
  client: CorpusClient,
  tabId: number | null,
  known?: TabDescription,
): TabDescription | null {
  const [description, setDescription] = useState<TabDescription | null>(known ?? null);
  useEffect(() => {
    let current = true;
    if (tabId === null || known) return;
    client.describeTab(tabId).then(
      (found) => current && setDescription(found),
      () => current && setDescription(null),
    );
    return () => {
      current = false;
    };
  }, [client, tabId, known]);
  return description;
}
