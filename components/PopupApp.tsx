import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CorpusClient } from '../lib/messaging/client';
import type { TabDescription } from '../lib/tabs/describe-tab';
import { mark } from '../lib/marks';
import { createPaperFinder, type PaperEdit, type PaperRef, type SavedPaper } from '../lib/reading-list/saved-list';
import { describeWriteFailure, isStorageFull } from '../lib/reading-list/write-failure';
import { AboutView } from './AboutView';
import { MoreView } from './MoreView';
import { PaperDetail } from './PaperDetail';
import { SavedView } from './SavedView';
import { SearchView } from './SearchView';
import { Tabs, type TabSpec } from './Tabs';
import { ThisPage } from './ThisPage';
import { usePaper } from './usePaper';
import { useSaved } from './useSaved';
import { useTabDescription } from './useTabDescription';

type View = 'page' | 'search' | 'saved' | 'more' | 'about';

const UNDO_MS = 10_000;

const TABS: TabSpec<View>[] = [
  { id: 'page', label: 'This page' },
  { id: 'search', label: 'Search' },
  { id: 'saved', label: 'Saved' },
  { id: 'more', label: 'More like' },
  { id: 'about', label: 'About' },
];

interface Props {
  client: CorpusClient;
  /** The tab to describe: the active tab, or ?tab=<id> for tests and power users. */
  tabId: number | null;
  /** Text to search for at once (the context menu's "Look up in Paper Lens"). */
  initialQuery?: string;
  /** The tab's description when it was already at hand: the first render then shows it. */
  initialDescription?: TabDescription;
  /** Export and import controls for the Saved view. */
  savedTools?: (papers: SavedPaper[], tag: string | null) => ComponentChildren;
}

/** The toolbar popup: this page, search, the reading list, more like it, about. Keyboard first. */
export function PopupApp({ client, tabId, initialQuery = '', initialDescription, savedTools }: Props) {
  const [query, setQuery] = useState(initialQuery);
  const [view, setView] = useState<View | null>(initialQuery ? 'search' : null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [tag, setTag] = useState<string | null>(null);
  const [undoable, setUndoable] = useState<SavedPaper | null>(null);
  const { paper, related } = usePaper(client, openId);
  const thisPage = useTabDescription(client, tabId, initialDescription);
  const saved = useSaved(client);
  const mainRef = useRef<HTMLElement>(null);
  // The undo offer stays a while, then goes: the removal is final after that.
  useEffect(() => {
    if (!undoable) return;
    const timer = setTimeout(() => setUndoable(null), UNDO_MS);
    return () => clearTimeout(timer);
  }, [undoable]);

  // Open on This page on arXiv and Hugging Face pages (it says plainly when it found nothing or cannot
  // name a PDF); anywhere else, on Search.
  const landing: View | null =
    tabId === null || thisPage?.status === 'unsupported' ? 'search' : thisPage ? 'page' : null;
  const current = view ?? landing;
  // A layout effect runs as soon as the render with data is committed (a plain effect waits a frame).
  useLayoutEffect(() => {
    if (landing !== null) mark('popup-data');
  }, [landing !== null]);
  // The same test as the page's badges: the strongest identity both name decides (paper-identity.ts).
  const findSaved = useMemo(() => createPaperFinder(saved?.papers ?? []), [saved]);
  const isSavedRef = (ref: PaperRef) => findSaved(ref) !== undefined;
  const isSaved = (id: string) => isSavedRef({ title: '', corpusId: id });
  const [failure, setFailure] = useState<string | null>(null);
  /** Says why a change did not go through, and for full storage which change; the list stays as stored. */
  const failed = (what: string) => (error: unknown) =>
    setFailure(
      isStorageFull(error) ? describeWriteFailure(what, error) : `That did not go through: ${(error as Error).message}`,
    );
  const toggle = (ref: PaperRef) => {
    const removing = isSavedRef(ref);
    client
      .call(removing ? 'unsavePaper' : 'savePaper', ref)
      .then(
        () => setFailure(null),
        failed(removing ? `“${ref.title}” was not removed from your list.` : `“${ref.title}” was not saved.`),
      );
  };
  const edit = (p: SavedPaper, change: PaperEdit) =>
    client.call('editPaper', { key: p.key, edit: change }).catch((error: unknown) => {
      const what =
        change.read === undefined
          ? `Your changes to “${p.title}” were not saved.`
          : `“${p.title}” was not marked ${change.read ? 'read' : 'unread'}.`;
      failed(what)(error);
      throw error;
    });

  const detailShown = openId !== null && paper !== null;
  useEffect(() => {
    mainRef.current?.scrollTo?.({ top: 0 });
  }, [detailShown, openId, current]);

  return (
    <main
      ref={mainRef}
      class="pl-popup"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && openId !== null) {
          event.preventDefault();
          setOpenId(null);
        }
      }}
    >
      <header class="pl-header">
        <span class="pl-logo" aria-hidden="true">
          ◎
        </span>
        <h1>Paper Lens</h1>
      </header>
      {failure && (
        <div class="pl-failure">
          <p class="pl-error" role="alert">
            {failure}
          </p>
          <button type="button" class="pl-button" onClick={() => setFailure(null)}>
            Dismiss
          </button>
        </div>
      )}
      {detailShown ? (
        <PaperDetail
          paper={paper}
          related={related}
          onOpen={setOpenId}
          onBack={() => setOpenId(null)}
          saved={isSaved(paper.id)}
          onToggleSave={() => toggle({ title: paper.title, corpusId: paper.id })}
        />
      ) : current === null ? (
        <p class="pl-empty">Looking at this tab…</p>
      ) : (
        <Tabs tabs={TABS} active={current} onSelect={setView}>
          {current === 'page' && (
            <ThisPage
              client={client}
              description={thisPage}
              onOpen={setOpenId}
              isSaved={isSavedRef}
              onToggleSave={toggle}
            />
          )}
          {current === 'search' && (
            <SearchView
              client={client}
              query={query}
              onQuery={setQuery}
              onOpen={setOpenId}
              isSaved={isSaved}
              onToggleSave={(row) => toggle({ title: row.title, corpusId: row.id })}
            />
          )}
          {current === 'saved' && (
            <SavedView
              list={saved}
              onOpen={setOpenId}
              onEdit={edit}
              onRemove={(p) => {
                setUndoable(p);
                client.call('unsavePaper', p).catch((error: unknown) => {
                  setUndoable((offered) => (offered === p ? null : offered));
                  failed(`“${p.title}” was not removed from your list.`)(error);
                });
              }}
              undoable={undoable}
              onUndo={() => {
                if (undoable)
                  client
                    .call('restorePaper', undoable)
                    .catch(failed(`“${undoable.title}” was not put back in your list.`));
                setUndoable(null);
              }}
              unreadable={{ deleteCopies: (copiedAt) => client.call('deleteUnreadableCopies', { copiedAt }) }}
              tag={tag}
              onTag={setTag}
              tools={saved ? savedTools?.(saved.papers, tag) : null}
            />
          )}
          {current === 'more' && (
            <MoreView
              client={client}
              list={saved}
              tag={tag}
              onTag={setTag}
              onOpen={setOpenId}
              isSaved={isSaved}
              onToggleSave={(p) => toggle({ title: p.title, corpusId: p.id })}
            />
          )}
          {current === 'about' && <AboutView client={client} />}
        </Tabs>
      )}
    </main>
  );
}
