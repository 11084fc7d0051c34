import { useEffect, useRef, useState } from 'preact/hooks';
import type { CorpusClient } from '../lib/messaging/client';
import type { RelatedPaper } from '../lib/corpus/service';
import { PaperRefAnswer } from './PaperRefAnswer';
import { ResultList, type ResultRow } from './ResultList';
import { SearchBox } from './SearchBox';
import { useSearch } from './useSearch';

interface Props {
  client: CorpusClient;
  query: string;
  onQuery: (query: string) => void;
  onOpen: (id: string) => void;
  isSaved: (id: string) => boolean;
  onToggleSave: (row: ResultRow) => void;
}

/** A pasted abstract is text long enough to be one; it lists related papers instead of matches. */
const ABSTRACT_LENGTH = 200;

/** One box for anything: a title or part of one, words from an abstract, or a whole pasted abstract. */
export function SearchView({ client, query, onQuery, onOpen, isSaved, onToggleSave }: Props) {
  const [active, setActive] = useState(0);
  const pasted = query.trim().length >= ABSTRACT_LENGTH;
  const { results, ref, error } = useSearch(client, pasted ? '' : query);
  const [related, setRelated] = useState<RelatedPaper[]>([]);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => inputRef.current?.focus(), []);
  useEffect(() => {
    let current = true;
    if (!pasted) return setRelated([]);
    client.call('relatedToText', { title: '', abstract: query, k: 10 }).then((found) => current && setRelated(found));
    return () => {
      current = false;
    };
  }, [client, query, pasted]);
  const rows: ResultRow[] = pasted
    ? related.map((r) => ({ id: r.id, title: r.title, hint: r.reason }))
    : results.map((r) => ({
        id: r.id,
        title: r.title,
        hint:
          r.field === 'abstract' ? 'matched in abstract' : r.field === 'id' ? `arXiv ${ref?.arxivId ?? ''}` : undefined,
      }));

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => Math.min(Math.max(index + step, 0), Math.max(rows.length - 1, 0)));
    } else if (event.key === 'Enter' && rows[active]) {
      event.preventDefault();
      if (event.shiftKey) onToggleSave(rows[active]);
      else onOpen(rows[active].id);
    }
  };

  return (
    <>
      <div class="pl-sticky">
        <SearchBox
          inputRef={inputRef}
          value={query}
          onInput={(value) => {
            onQuery(value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <p class="pl-keys">↑↓ move · Enter open · Shift+Enter save</p>
      </div>
      {error && (
        <p class="pl-error" role="alert">
          {error}
        </p>
      )}
      {query.trim() === '' && (
        <p class="pl-empty">
          Type a title, part of one, words from an abstract or an arXiv id or link — or paste a whole abstract.
        </p>
      )}
      {pasted && <h2 class="pl-section">Most related to the pasted text</h2>}
      {ref && ref.status !== 'corpus' && !error && <PaperRefAnswer answer={ref} />}
      {query.trim() !== '' && !pasted && !ref && results.length === 0 && !error && (
        <p class="pl-empty">No papers match “{query}”.</p>
      )}
      <ResultList
        label="Search results"
        results={rows}
        active={active}
        onOpen={onOpen}
        isSaved={isSaved}
        onToggleSave={onToggleSave}
      />
    </>
  );
}
