import { useEffect, useRef } from 'preact/hooks';
import type { SearchResult } from '../lib/service/corpus-service';

interface Props {
  results: SearchResult[];
  active: number;
  onOpen: (id: string) => void;
}

/** Search results; the active one follows the arrow keys. */
export function ResultList({ results, active, onOpen }: Props) {
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    listRef.current?.children[active]?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);
  return (
    <ul ref={listRef} class="pl-list" aria-label="Search results">
      {results.map((result, index) => (
        <li key={result.id} class={index === active ? 'pl-item pl-active' : 'pl-item'} aria-current={index === active}>
          <button type="button" class="pl-open" onClick={() => onOpen(result.id)}>
            <span class="pl-title">{result.title}</span>
            {result.field === 'abstract' && <span class="pl-hint">matched in abstract</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
