import { useState } from 'preact/hooks';
import type { SavedPaper } from '../lib/storage/saved-list';

interface Props {
  paper: SavedPaper;
  onOpen: (id: string) => void;
  onEdit: (edit: { tags?: string[]; note?: string; read?: boolean }) => void;
  onRemove: () => void;
  /** The list is from a newer Paper Lens: shown, never changed. */
  readOnly?: boolean;
}

/** One saved paper: title, tags, note and read state, each editable in place. */
export function SavedItem({ paper, onOpen, onEdit, onRemove, readOnly = false }: Props) {
  const [editing, setEditing] = useState(false);
  const [tags, setTags] = useState(paper.tags.join(', '));
  const [note, setNote] = useState(paper.note);
  const save = () => {
    onEdit({ tags: tags.split(','), note });
    setEditing(false);
  };
  const link = paper.url ?? (paper.arxivId ? `https://arxiv.org/abs/${paper.arxivId}` : null);
  return (
    <li class={paper.read ? 'pl-saved-item pl-read' : 'pl-saved-item'}>
      {paper.corpusId ? (
        <button type="button" class="pl-open" onClick={() => onOpen(paper.corpusId!)}>
          <span class="pl-title">{paper.title}</span>
        </button>
      ) : (
        <span class="pl-open pl-static">
          <span class="pl-title">{paper.title}</span>
        </span>
      )}
      <span class="pl-hint">
        {paper.read ? 'Read' : 'Unread'} · saved{' '}
        {new Date(paper.savedAt).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })}
        {paper.corpusId ? ' · in the corpus' : ''}
        {link && (
          <>
            {' · '}
            <a href={link} target="_blank" rel="noreferrer">
              open
            </a>
          </>
        )}
      </span>
      {paper.tags.length > 0 && (
        <span class="pl-tags">
          {paper.tags.map((tag) => (
            <span key={tag} class="pl-tag">
              {tag}
            </span>
          ))}
        </span>
      )}
      {paper.note && !editing && <p class="pl-note">{paper.note}</p>}
      {editing && (
        <div class="pl-edit">
          <label>
            Tags <input type="text" value={tags} onInput={(e) => setTags(e.currentTarget.value)} />
          </label>
          <label>
            Note <textarea rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </label>
          <button type="button" onClick={save}>
            Done
          </button>
        </div>
      )}
      <span class="pl-actions">
        <button type="button" disabled={readOnly} onClick={() => onEdit({ read: !paper.read })}>
          {paper.read ? 'Mark unread' : 'Mark read'}
        </button>
        {!editing && (
          <button
            type="button"
            disabled={readOnly}
            onClick={() => {
              setTags(paper.tags.join(', '));
              setNote(paper.note);
              setEditing(true);
            }}
          >
            Edit
          </button>
        )}
        <button type="button" disabled={readOnly} onClick={onRemove}>
          Remove
        </button>
      </span>
    </li>
  );
}
