import { useState } from 'preact/hooks';
import type { SavedListRead, SavedPaper } from '../lib/storage/saved-list';
import { SavedItem } from './SavedItem';
import { UnreadableBanner } from './UnreadableBanner';

interface Props {
  list: SavedListRead | null;
  onOpen: (id: string) => void;
  onEdit: (paper: SavedPaper, edit: { tags?: string[]; note?: string; read?: boolean }) => void;
  onRemove: (paper: SavedPaper) => void;
  onUndo: () => void;
  undoable: SavedPaper | null;
  tag: string | null;
  onTag: (tag: string | null) => void;
  /** Export and import controls, rendered under the filters. */
  tools?: preact.ComponentChildren;
  /** Hands the file of unreadable data to the browser; tests pass a recorder. */
  download?: (name: string, type: string, text: string) => void;
}

/** The reading list, newest first, filtered by tag and text. */
export function SavedView({ list, onOpen, onEdit, onRemove, onUndo, undoable, tag, onTag, tools, download }: Props) {
  const [filter, setFilter] = useState('');
  if (!list) return <p class="pl-empty">Loading your list…</p>;
  const tags = [...new Set(list.papers.flatMap((p) => p.tags))].sort();
  const needle = filter.trim().toLowerCase();
  const shown = list.papers.filter(
    (p) =>
      (tag === null || p.tags.includes(tag)) &&
      (needle === '' || `${p.title} ${p.note} ${p.tags.join(' ')}`.toLowerCase().includes(needle)),
  );
  return (
    <section aria-label="Saved papers">
      <UnreadableBanner list={list} {...(download ? { download } : {})} />
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
      {list.papers.length === 0 ? (
        <p class="pl-empty">Your list is empty. Save papers from a page's badges, its related-work panel, or search.</p>
      ) : shown.length === 0 ? (
        <p class="pl-empty">No saved papers match.</p>
      ) : (
        <ul class="pl-list" aria-label="Saved papers">
          {shown.map((paper) => (
            <SavedItem
              key={paper.key}
              paper={paper}
              onOpen={onOpen}
              onEdit={(edit) => onEdit(paper, edit)}
              onRemove={() => onRemove(paper)}
              readOnly={list.readOnly}
            />
          ))}
        </ul>
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
