import type { RelatedPaper } from '../lib/corpus/service';
import { RelatedList } from './RelatedList';

interface Props {
  /** null while loading; an error message when related work could not be had. */
  related: RelatedPaper[] | null;
  error: string | null;
  inCorpus: boolean;
  isSaved: (id: string) => boolean;
  onToggleSave: (paper: RelatedPaper) => void;
}

/** The in-page related-work panel on single-paper pages. */
export function RelatedPanel({ related, error, inCorpus, isSaved, onToggleSave }: Props) {
  return (
    <section class="panel" role="region" aria-label="Related work from Paper Lens">
      <h2>
        <span class="brand">◎ Paper Lens</span> · Related work
      </h2>
      <p class="note">
        {inCorpus
          ? 'The papers in the bundled corpus closest to this one, and what they share.'
          : 'This paper is not in the bundled corpus; these are ranked from its title and abstract.'}
      </p>
      {error ? (
        <p class="note">{error}</p>
      ) : related === null ? (
        <p class="note">Finding related work…</p>
      ) : (
        <RelatedList related={related} isSaved={isSaved} onToggleSave={onToggleSave} />
      )}
    </section>
  );
}
