import { useEffect, useState } from 'preact/hooks';
import type { CorpusClient } from '../lib/messaging/client';
import type { TabDescription } from '../lib/tabs/describe-tab';
import type { RelatedPaper } from '../lib/corpus/service';
import type { PaperRef } from '../lib/reading-list/saved-list';
import { RelatedList } from './RelatedList';
import { SaveButton } from './SaveButton';

interface Props {
  client: CorpusClient;
  description: TabDescription | null;
  onOpen: (id: string) => void;
  /** Whether a paper on the page is in the reading list, and saving or removing it. */
  isSaved?: (ref: PaperRef) => boolean;
  onToggleSave?: (ref: PaperRef) => void;
}

const EXPLANATIONS: Record<Exclude<TabDescription['status'], 'detected' | 'pdf'>, string> = {
  'pdf-unknown':
    "Paper Lens can't identify this PDF offline. Open the paper's arXiv abstract page once and it will remember it, or search below.",
  empty: 'No paper was found on this page.',
  unsupported: 'Paper Lens reads arXiv and Hugging Face paper pages. Search the corpus below.',
  waiting: 'This page has not been read yet; reload it if it was open before Paper Lens was installed.',
};
const MAX_SHOWN = 100;
/** Rows in the popup's first render; the rest follow a moment later, so a big listing opens as fast as a small page. */
const FIRST_SHOWN = 20;
const SINGLE = new Set(['arxiv-abs', 'arxiv-html', 'arxiv-pdf', 'hf-paper']);

/** The papers on the current tab, corpus matches first; on a single-paper page, its related work. */
export function ThisPage({ client, description, onOpen, isSaved, onToggleSave }: Props) {
  const [related, setRelated] = useState<RelatedPaper[] | null>(null);
  const [limit, setLimit] = useState(FIRST_SHOWN);
  const loaded = description !== null;
  useEffect(() => {
    if (!loaded) return;
    const timer = setTimeout(() => setLimit(MAX_SHOWN), 0);
    return () => clearTimeout(timer);
  }, [loaded]);
  // A page of another site is about one paper when it names one (its meta tags, usually).
  const isSingle =
    SINGLE.has(description?.kind ?? '') || (description?.kind === 'other' && description.papers.length === 1);
  const single = isSingle ? description?.papers[0] : undefined;
  useEffect(() => {
    let current = true;
    setRelated(null);
    if (!single) return;
    const load = single.match
      ? client.call('related', { id: single.match.id, k: 6 })
      : client.call('relatedToText', { title: single.title, abstract: '', k: 6 });
    load.then(
      (found) => current && setRelated(found),
      () => current && setRelated([]),
    );
    return () => {
      current = false;
    };
  }, [client, single?.title, single?.match?.id]);

  if (!description) return <p class="pl-empty">Looking at this tab…</p>;
  const { status, papers } = description;
  if (status !== 'detected' && status !== 'pdf') {
    return (
      <section class="pl-this-page" aria-label="This page">
        <p class="pl-empty">{EXPLANATIONS[status]}</p>
      </section>
    );
  }
  const sorted = [...papers].sort((a, b) => Number(b.match !== null) - Number(a.match !== null));
  // A 2,000-entry listing would make the popup slow to open; the corpus matches come first anyway.
  const shown = sorted.slice(0, limit);
  const inCorpus = description.inCorpus ?? papers.filter((p) => p.match).length;
  const total = description.total ?? papers.length;
  return (
    <>
      <section class="pl-this-page" aria-label="This page">
        <h2 class="pl-section">
          This page · {inCorpus} of {total} in the corpus
        </h2>
        <ul class="pl-list" aria-label="Papers on this page">
          {shown.map((paper, index) => (
            <li key={`${index}-${paper.title}`} class="pl-item">
              {paper.match ? (
                <button type="button" class="pl-open" onClick={() => onOpen(paper.match!.id)}>
                  <span class="pl-title">{paper.match.title}</span>
                  <span class="pl-hint">
                    {paper.match.probable ? 'Probably in the corpus (by its short title)' : 'In the corpus'}
                  </span>
                </button>
              ) : (
                <div class="pl-open pl-static">
                  <span class="pl-title">{paper.title}</span>
                  <span class="pl-hint">Not in the corpus</span>
                </div>
              )}
              {/* On arXiv and Hugging Face the page's own badges save; elsewhere there are none. */}
              {description.kind === 'other' && isSaved && onToggleSave && (
                <SaveButton
                  saved={isSaved(refOf(paper, description.url))}
                  onToggle={() => onToggleSave(refOf(paper, description.url))}
                />
              )}
            </li>
          ))}
        </ul>
        {total > MAX_SHOWN && shown.length === MAX_SHOWN && (
          <p class="pl-hint">
            …and {total - shown.length} more papers on this page
            {inCorpus <= shown.length ? ' that are not in the corpus' : ''}.
          </p>
        )}
      </section>
      {single && (
        <section aria-label="Related work">
          <h2 class="pl-section">Related work</h2>
          {related === null ? <p class="pl-empty">Loading…</p> : <RelatedList related={related} onOpen={onOpen} />}
        </section>
      )}
    </>
  );
}

/** The reading-list reference of a paper on the page: its corpus paper when it has one. */
function refOf(paper: TabDescription['papers'][number], url: string | null): PaperRef {
  return { title: paper.match?.title ?? paper.title, corpusId: paper.match?.id ?? null, arxivId: paper.arxivId, url };
}
