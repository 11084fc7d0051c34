import { useEffect, useMemo, useState } from 'preact/hooks';
import { createSavedFilter } from '../lib/reading-list/filter-saved';
import type { PaperEdit, SavedListRead, SavedPaper } from '../lib/reading-list/saved-list';
import { SavedRows } from './SavedRows';
import { UnreadableBanner, type UnreadableActions } from './UnreadableBanner';

interface Props {
  list: SavedListRead | null;
  onOpen: (id: string) => void;
  /** Resolves once the edit is stored; rejects when it was not (the popup says why). */
  onEdit: (paper: SavedPaper, edit: PaperEdit) => Promise<unknown>;
  onRemove: (paper: SavedPaper) => void;
  onUndo: () => void;
  undoable: SavedPaper | null;
  tag: string | null;
  onTag: (tag: string | null) => void;
  /** Export and import controls, rendered under the filters. */
  tools?: preact.ComponentChildren;
  /** What the banner about unreadable data does; tests pass their own. */
  unreadable?: UnreadableActions;
}

const count = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'paper' : 'papers'}`;

/** The reading list, newest first, filtered by tag and text. */
export function SavedView({ list, onOpen, onEdit, onRemove, onUndo, undoable, tag, onTag, tools, unreadable }: Props) {
  const [filter, setFilter] = useState('');
  const [search] = useState(createSavedFilter);
  const papers = list?.papers;
  const tags = useMemo(() => [...new Set(papers?.flatMap((p) => p.tags))].sort(), [papers]);
  const shown = useMemo(() => (papers ? search.filter(papers, filter, tag) : []), [papers, filter, tag, search]);
  // The search texts are folded when the popup is idle after the first rows are on screen, not before
  // (a keystroke that comes first folds them itself).
  useEffect(() => {
    if (!papers) return;
    if (typeof requestIdleCallback !== 'function') return void search.prepare(papers);
    const idle = requestIdleCallback(() => search.prepare(papers), { timeout: 2000 });
    return () => cancelIdleCallback(idle);
  }, [papers, search]);
  if (!list) return <p class="pl-empty">Loading your list…</p>;
  const total = list.papers.length;
  return (
    <section aria-label="Saved papers">
      <UnreadableBanner list={list} {...(unreadable ? { actions: unreadable } : {})} />
      <div class="pl-filters">
        <input
          type="text"
          class="pl-filter"
          aria-label="Filter saved papers"
          placeholder="Filter by title, note or tag…"
          value={filter}
          onInput={(e) => setFilter(e.currentTarget.value)}
        />
        <select aria-label="Tag" value={tag ?? ''} onChange={(e) => onTag(e.currentTarget.value || null)}>
          <option value="">All tags</option>
          {tags.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      {tools}
      {total > 0 && (
        <p class="pl-hint pl-count" aria-live="polite">
          {shown.length === total ? count(total) : `${shown.length.toLocaleString('en')} of ${count(total)} shown`}
        </p>
      )}
      {total === 0 ? (
        <p class="pl-empty">Your list is empty. Save papers from a page's badges, its related-work panel, or search.</p>
      ) : shown.length === 0 ? (
        <p class="pl-empty">No saved papers match.</p>
      ) : (
        <SavedRows papers={shown} onOpen={onOpen} onEdit={onEdit} onRemove={onRemove} readOnly={list.readOnly} />
      )}
      {undoable && (
        <p class="pl-undo" role="status">
          Removed “{undoable.title}”.{' '}
          <button type="button" onClick={onUndo}>
            Undo
          </button>
        </p>
      )}
    </section>
  );
}
