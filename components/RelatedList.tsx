import type { RelatedPaper } from '../lib/corpus/service';

interface Props {
  related: RelatedPaper[];
  /** Opens a paper (the popup); without it titles are plain text (the page panel). */
  onOpen?: (id: string) => void;
  /** With these, each paper gets its own save toggle. */
  isSaved?: (id: string) => boolean;
  onToggleSave?: (paper: RelatedPaper) => void;
}

/** Related corpus papers, each with the reason it is related. Shared by the popup and the page panel. */
export function RelatedList({ related, onOpen, isSaved, onToggleSave }: Props) {
  if (related.length === 0) return <p class="pl-empty">No related papers in the corpus.</p>;
  return (
    <ol class="pl-related">
      {related.map((paper) => {
        const saved = isSaved?.(paper.id) ?? false;
        return (
          <li key={paper.id} class="pl-related-item">
            <div class="pl-related-body">
              {onOpen ? (
                <button type="button" class="pl-open" onClick={() => onOpen(paper.id)}>
                  <span class="pl-title">{paper.title}</span>
                </button>
              ) : (
                <span class="pl-title">{paper.title}</span>
              )}
              <span class="pl-reason">{paper.reason}</span>
            </div>
            {onToggleSave && (
              <button
                type="button"
                class="pl-toggle"
                aria-pressed={saved}
                aria-label={saved ? `Remove from Paper Lens: ${paper.title}` : `Save to Paper Lens: ${paper.title}`}
                onClick={() => onToggleSave(paper)}
              >
                {saved ? '★ Saved' : '☆ Save'}
              </button>
            )}
          </li>
        );
      })}
    </ol>
  );
}
