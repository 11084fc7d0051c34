// early.ts first: it starts reading the tab before the rest of this module graph is evaluated.
import { early, pending, queryParam, tab } from './early';
import { render } from 'preact';
import { PopupApp } from '../../components/PopupApp';
import { LazySavedTools } from '../../components/LazySavedTools';
import { downloadFile } from '../../lib/reading-list/download';
import '../../components/theme.css';
import { createBackgroundClient, type CorpusClient } from '../../lib/messaging/client';

const FIRST_RENDER_WAIT_MS = 50;

/** Renders the popup; the view's first describeTab takes the answer early.ts asked for. */
async function start(): Promise<void> {
  const base = createBackgroundClient();
  const [tabId, prefetched, lookup] = await Promise.all([tab, early, pending]);
  let first = prefetched;
  const client: CorpusClient = {
    ...base,
    describeTab(id) {
      const answer = first?.id === id ? first.answer : base.describeTab(id);
      first = null;
      return answer;
    },
  };
  // Describing a tab takes a few milliseconds (the tab and session storage); waiting for it, within
  // a bound, lets the first render show the page's papers rather than a loading line, and saves the
  // frame Preact waits before running the hook's effect. A PDF that needs the worker is not waited for.
  const known = prefetched
    ? await Promise.race([
        prefetched.answer.catch(() => undefined),
        new Promise<undefined>((resolve) => setTimeout(resolve, FIRST_RENDER_WAIT_MS)),
      ])
    : undefined;
  const query = queryParam ?? lookup ?? '';
  render(
    <PopupApp
      client={client}
      tabId={tabId}
      initialQuery={query}
      initialDescription={known}
      savedTools={(papers, tag) => <LazySavedTools client={client} papers={papers} tag={tag} download={downloadFile} />}
    />,
    document.getElementById('app')!,
  );
}

void start();
