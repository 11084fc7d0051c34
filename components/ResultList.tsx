import { useEffect, useRef } from 'preact/hooks';
import { SaveButton } from './SaveButton';

/** One row of a result list. */
export interface ResultRow {
  id: string;
  title: string;
  hint?: string;
}

interface Props {
  label: string;
  results: ResultRow[];
  active: number;
  onOpen: (id: string) => void;
  isSaved: (id: string) => boolean;
  onToggleSave: (row: ResultRow) => void;
}

/** Results with a save toggle each; the active one follows the arrow keys and stays in view. */
export function ResultList({ label, results, active, onOpen, isSaved, onToggleSave }: Props) {
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    listRef.current?.children[active]?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);
  return (
    <ul ref={listRef} class="pl-list" aria-label={label}>
      {results.map((result, index) => (
        <li key={result.id} class={index === active ? 'pl-item pl-active' : 'pl-item'} aria-current={index === active}>
          <button type="button" class="pl-open" onClick={() => onOpen(result.id)}>
            <span class="pl-title">{result.title}</span>
            {result.hint && <span class="pl-hint">{result.hint}</span>}
          </button>
          <SaveButton saved={isSaved(result.id)} onToggle={() => onToggleSave(result)} />
        </li>
      ))}
    </ul>
  );
}
