import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp } from '../../components/PopupApp';
import { createBackgroundClient } from '../../lib/messaging/client';
import '../../components/theme.css';

/** popup.html?tab=<id> describes that tab (tests, power users); otherwise the active tab. */
async function targetTab(): Promise<number | null> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active?.id ?? null;
}

void targetTab()
  .catch(() => null)
  .then((tabId) =>
    render(<PopupApp client={createBackgroundClient()} tabId={tabId} />, document.getElementById('app')!),
  );
