import type { RelatedPaper } from '../lib/corpus/service';
import { RelatedList } from './RelatedList';

interface Props {
  /** null while loading. */
  related: RelatedPaper[] | null;
  /** Why related work could not be had, if it could not. */
  error?: string | null;
}

/** The hover preview of a badge on a page: its related work, drawn by the same list as popup and panel. */
export function RelatedPreview({ related, error = null }: Props) {
  if (error) return <p class="note">{error}</p>;
  if (related === null) return <p class="note">Finding related work…</p>;
  return (
    <>
      <h2>Related in Paper Lens</h2>
      <RelatedList related={related} />
    </>
  );
}
