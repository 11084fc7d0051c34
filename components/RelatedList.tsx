import type { RelatedPaper } from '../lib/service/corpus-service';

interface Props {
  related: RelatedPaper[];
  onOpen?: (id: string) => void;
}

/** Related corpus papers, each with the reason it is related. Shared by the popup and the page panel. */
export function RelatedList({ related, onOpen }: Props) {
  if (related.length === 0) return <p class="pl-empty">No related papers in the corpus.</p>;
  return (
    <ol class="pl-related">
      {related.map((paper) => (
        <li key={paper.id} class="pl-related-item">
          {onOpen ? (
            <button type="button" class="pl-open" onClick={() => onOpen(paper.id)}>
              <span class="pl-title">{paper.title}</span>
            </button>
          ) : (
            <span class="pl-title">{paper.title}</span>
          )}
          <span class="pl-reason">{paper.reason}</span>
        </li>
      ))}
    </ol>
  );
}
