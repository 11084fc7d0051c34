import type { Ref } from 'preact';
import type { PaperEdit, SavedPaper } from '../lib/reading-list/saved-list';

/** An open edit of an entry's tags and note, as typed so far. */
export interface SavedDraft {
  tags: string;
  note: string;
}

/** Where a row sits in the windowed list, for layout and for screen readers ("12 of 5,000"). */
export interface RowPlace {
  index: number;
  setSize: number;
  /** Its top, in pixels from the list's top. */
  top: number;
  measure: Ref<HTMLLIElement>;
}

interface Props {
  paper: SavedPaper;
  onOpen: (id: string) => void;
  /** Resolves once the edit is stored; rejects (and the open edit stays) when it was not. */
  onEdit: (edit: PaperEdit) => Promise<unknown>;
  onRemove: () => void;
  /** The open edit, kept by the list so it survives the row being scrolled out of the window. */
  draft: SavedDraft | null;
  onDraft: (draft: SavedDraft | null) => void;
  place?: RowPlace;
  /** The list is from a newer Paper Lens: shown, never changed. */
  readOnly?: boolean;
}

const day = (ms: number) =>
  new Date(ms).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/** One saved paper: title, tags, note and read state, each editable in place. */
export function SavedItem({ paper, onOpen, onEdit, onRemove, draft, onDraft, place, readOnly = false }: Props) {
  const save = (open: SavedDraft) => {
    // The edit closes once it is stored: a refused write leaves what was typed in place to try again.
    onEdit({ tags: open.tags.split(','), note: open.note }).then(
      () => onDraft(null),
      () => undefined,
    );
  };
  const link = paper.url ?? (paper.arxivId ? `https://arxiv.org/abs/${paper.arxivId}` : null);
  return (
    <li
      class={paper.read ? 'pl-saved-item pl-read' : 'pl-saved-item'}
      ref={place?.measure}
      data-index={place?.index}
      aria-posinset={place ? place.index + 1 : undefined}
      aria-setsize={place?.setSize}
      style={place ? { transform: `translateY(${place.top}px)` } : undefined}
    >
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
        {paper.read ? 'Read' : 'Unread'} · saved {day(paper.savedAt)}
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
      {paper.note && !draft && <p class="pl-note">{paper.note}</p>}
      {draft && (
        <div class="pl-edit">
          <label>
            Tags{' '}
            <input type="text" value={draft.tags} onInput={(e) => onDraft({ ...draft, tags: e.currentTarget.value })} />
          </label>
          <label>
            Note{' '}
            <textarea rows={2} value={draft.note} onInput={(e) => onDraft({ ...draft, note: e.currentTarget.value })} />
          </label>
          <button type="button" onClick={() => save(draft)}>
            Done
          </button>
        </div>
      )}
      <span class="pl-actions">
        <button
          type="button"
          disabled={readOnly}
          onClick={() => void onEdit({ read: !paper.read }).catch(() => undefined)}
        >
          {paper.read ? 'Mark unread' : 'Mark read'}
        </button>
        {!draft && (
          <button
            type="button"
            disabled={readOnly}
            onClick={() => onDraft({ tags: paper.tags.join(', '), note: paper.note })}
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
