import { useEffect, useRef, useState } from 'preact/hooks';
import type { CorpusClient } from '../lib/messaging/client';
import { PaperDetail } from './PaperDetail';
import { ResultList } from './ResultList';
import { SearchBox } from './SearchBox';
import { ThisPage } from './ThisPage';
import { useTabDescription } from './useTabDescription';
import { usePaper } from './usePaper';
import { useSearch } from './useSearch';

interface Props {
  client: CorpusClient;
  /** The tab to describe: the active tab, or ?tab=<id> for tests and power users. */
  tabId: number | null;
}

/** The toolbar popup: search the corpus, open a paper, see its related work. Keyboard first. */
export function PopupApp({ client, tabId }: Props) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  const { results, error } = useSearch(client, query);
  const { paper, related } = usePaper(client, openId);
  const thisPage = useTabDescription(client, tabId);
  const searchRef = useRef<HTMLInputElement>(null);
  const mainRef = useRef<HTMLElement>(null);

  // Focus follows the view: the search box on the results, the top of a freshly opened paper.
  const detailShown = openId !== null && paper !== null;
  useEffect(() => {
    mainRef.current?.scrollTo?.({ top: 0 });
    if (!detailShown) searchRef.current?.focus();
  }, [detailShown, openId]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => Math.min(Math.max(index + step, 0), Math.max(results.length - 1, 0)));
    } else if (event.key === 'Enter' && results[active]) {
      event.preventDefault();
      setOpenId(results[active].id);
    }
  };

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
      {detailShown ? (
        <PaperDetail paper={paper} related={related} onOpen={setOpenId} onBack={() => setOpenId(null)} />
      ) : (
        <>
          <div class="pl-sticky">
            <SearchBox
              inputRef={searchRef}
              value={query}
              onInput={(value) => {
                setQuery(value);
                setActive(0);
              }}
              onKeyDown={onKeyDown}
            />
          </div>
          {error && (
            <p class="pl-error" role="alert">
              {error}
            </p>
          )}
          {query.trim() !== '' && results.length === 0 && !error && <p class="pl-empty">No papers match “{query}”.</p>}
          {query.trim() === '' && (
            <>
              <ThisPage description={thisPage} onOpen={setOpenId} />
              <p class="pl-empty">Type a title, part of one, or words from an abstract.</p>
            </>
          )}
          <ResultList results={results} active={active} onOpen={setOpenId} />
        </>
      )}
    </main>
  );
}
