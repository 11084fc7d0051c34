import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp } from '../../components/PopupApp';
import { LazySavedTools } from '../../components/LazySavedTools';
import { downloadFile } from '../../lib/export/download';
import { takePendingLookup } from '../../lib/background/lookup';
import { createBackgroundClient, type CorpusClient } from '../../lib/messaging/client';
import '../../components/theme.css';

const params = new URLSearchParams(location.search);
const FIRST_RENDER_WAIT_MS = 50;

/** popup.html?tab=<id> describes that tab (tests, power users); otherwise the active tab. */
async function targetTab(): Promise<number | null> {
  const param = params.get('tab');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active?.id ?? null;
}

async function start(): Promise<void> {
  const base = createBackgroundClient();
  const tab = targetTab().catch(() => null);
  // Ask about the tab now rather than from the first render's effect (Preact runs effects after a
  // frame); the view's first describeTab takes this answer.
  const early = tab.then((id) => (id === null ? null : { id, answer: base.describeTab(id) }));
  const [tabId, pending, prefetched] = await Promise.all([tab, takePendingLookup().catch(() => null), early]);
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
  const query = params.get('q') ?? pending ?? '';
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
