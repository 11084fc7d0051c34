// Imported first by main.tsx, so this runs before Preact and the views are evaluated: the reads of
// the tab and the pending lookup are in flight while the rest of the popup's module loads. No Preact here.
import { browser } from 'wxt/browser';
import { takePendingLookup } from '../../lib/tabs/lookup';
import { describeTabFromPopup } from '../../lib/messaging/popup-describe';
import type { TabDescription } from '../../lib/tabs/describe-tab';

const params = new URLSearchParams(location.search);

/** popup.html?tab=<id> describes that tab (tests, power users); otherwise the active tab. */
async function targetTab(): Promise<number | null> {
  const param = params.get('tab');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active?.id ?? null;
}

/** The tab to describe, or null when there is none. */
export const tab = targetTab().catch(() => null);

/** The tab's description, asked for at once. */
export const early: Promise<{ id: number; answer: Promise<TabDescription> } | null> = tab.then((id) => {
  if (id === null) return null;
  const answer = describeTabFromPopup(id);
  answer.catch(() => undefined); // handled where it is used (main.tsx)
  return { id, answer };
});

/** Text a context-menu lookup left for the popup (taken once), or ?q=. */
export const pending = takePendingLookup().catch(() => null);
export const queryParam = params.get('q');
