import type { RefAnswer } from '../lib/tabs/resolve-paper-ref';
import { abstractUrl } from '../lib/match/parse-paper-ref';

/** An id Paper Lens cannot open from its corpus: what is known of it, and a link to its abstract page. */
export function PaperRefAnswer({ answer }: { answer: Exclude<RefAnswer, { status: 'corpus' }> }) {
  return (
    <div class="pl-ref" role="status">
      {answer.status === 'unseen' ? (
        <p>
          <strong>arXiv {answer.arxivId}</strong> has not been seen yet. Paper Lens learns an id when you open its arXiv
          or Hugging Face page, or save or import a paper that carries it.
        </p>
      ) : (
        <p>
          <strong>arXiv {answer.arxivId}</strong> is “{answer.title}”{answer.saved ? ', in your list' : ''}. It is not
          in the Paper Lens corpus.
        </p>
      )}
      {/* A link the user follows: Paper Lens itself never requests the page. */}
      <a class="pl-ref-link" href={abstractUrl(answer.arxivId)} target="_blank" rel="noopener noreferrer">
        Open its abstract page on arXiv
      </a>
    </div>
  );
}
