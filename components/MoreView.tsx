import { useEffect, useState } from 'preact/hooks';
import type { CorpusClient } from '../lib/messaging/client';
import type { RelatedPaper } from '../lib/corpus/service';
import type { SavedListRead } from '../lib/reading-list/saved-list';
import { RelatedList } from './RelatedList';

interface Props {
  client: CorpusClient;
  list: SavedListRead | null;
  tag: string | null;
  onTag: (tag: string | null) => void;
  onOpen: (id: string) => void;
  isSaved: (id: string) => boolean;
  onToggleSave: (paper: RelatedPaper) => void;
}

/** Corpus papers most like the saved list, or like one tag of it, leaving out what is saved. */
export function MoreView({ client, list, tag, onTag, onOpen, isSaved, onToggleSave }: Props) {
  const [more, setMore] = useState<RelatedPaper[] | null>(null);
  const count = list?.papers.length ?? 0;
  useEffect(() => {
    let current = true;
    setMore(null);
    client.call('moreLikeSaved', { tag, k: 10 }).then(
      (found) => current && setMore(found),
      () => current && setMore([]),
    );
    return () => {
      current = false;
    };
  }, [client, tag, count]);
  const tags = [...new Set(list?.papers.flatMap((p) => p.tags) ?? [])].sort();
  if (count === 0) return <p class="pl-empty">Save a few papers first; this view finds more like them.</p>;
  return (
    <section aria-label="More like my list">
      <div class="pl-filters">
        <select aria-label="Like which papers" value={tag ?? ''} onChange={(e) => onTag(e.currentTarget.value || null)}>
          <option value="">Like my whole list</option>
          {tags.map((t) => (
            <option key={t} value={t}>
              Like my “{t}” papers
            </option>
          ))}
        </select>
      </div>
      {more === null ? (
        <p class="pl-empty">Finding related papers…</p>
      ) : (
        <RelatedList related={more} onOpen={onOpen} isSaved={isSaved} onToggleSave={onToggleSave} />
      )}
    </section>
  );
}
