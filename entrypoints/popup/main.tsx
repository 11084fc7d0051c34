import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp } from '../../components/PopupApp';
import { LazySavedTools } from '../../components/LazySavedTools';
import { downloadFile } from '../../lib/export/download';
import { takePendingLookup } from '../../lib/background/lookup';
import { createBackgroundClient } from '../../lib/messaging/client';
import '../../components/theme.css';

const params = new URLSearchParams(location.search);

/** popup.html?tab=<id> describes that tab (tests, power users); otherwise the active tab. */
async function targetTab(): Promise<number | null> {
  const param = params.get('tab');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active?.id ?? null;
}

async function start(): Promise<void> {
  const [tabId, pending] = await Promise.all([targetTab().catch(() => null), takePendingLookup().catch(() => null)]);
  const query = params.get('q') ?? pending ?? '';
  const client = createBackgroundClient();
  render(
    <PopupApp
      client={client}
      tabId={tabId}
      initialQuery={query}
      savedTools={(papers, tag) => <LazySavedTools client={client} papers={papers} tag={tag} download={downloadFile} />}
    />,
    document.getElementById('app')!,
  );
}

void start();
