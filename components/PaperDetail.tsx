import { useEffect, useRef } from 'preact/hooks';
import type { Paper } from '../lib/corpus/types';
import type { RelatedPaper } from '../lib/corpus/service';
import { RelatedList } from './RelatedList';

interface Props {
  paper: Paper;
  related: RelatedPaper[] | null;
  onOpen: (id: string) => void;
  onBack: () => void;
  saved: boolean;
  onToggleSave: () => void;
}

function metaLine(paper: Paper): string {
  const parts: string[] = [];
  if (paper.organisation) parts.push(paper.organisation);
  if (paper.authorCount !== null) parts.push(`${paper.authorCount} author${paper.authorCount === 1 ? '' : 's'}`);
  if (paper.date) parts.push(paper.date);
  if (paper.upvotes !== null) parts.push(`▲ ${paper.upvotes}`);
  return parts.join(' · ');
}

/** One corpus paper: its abstract and its related work with reasons. */
export function PaperDetail({ paper, related, onOpen, onBack, saved, onToggleSave }: Props) {
  const meta = metaLine(paper);
  const backRef = useRef<HTMLButtonElement>(null);
  // Focus lands inside the view, so Escape and Tab work at once after opening a paper.
  useEffect(() => backRef.current?.focus(), [paper.id]);
  return (
    <article class="pl-detail" aria-label={paper.title}>
      <button ref={backRef} type="button" class="pl-back" onClick={onBack}>
        ← Back to results
      </button>
      <h2 class="pl-detail-title">{paper.title}</h2>
      {meta && <p class="pl-meta">{meta}</p>}
      <button type="button" class={saved ? 'pl-button pl-saved' : 'pl-button'} onClick={onToggleSave}>
        {saved ? 'Remove' : 'Save'}
      </button>
      <details class="pl-abstract">
        <summary>Abstract</summary>
        <p>{paper.abstract}</p>
      </details>
      <section aria-label="Related work">
        <h3 class="pl-section">Related work</h3>
        {related === null ? <p class="pl-empty">Loading…</p> : <RelatedList related={related} onOpen={onOpen} />}
      </section>
    </article>
  );
}
