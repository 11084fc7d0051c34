import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';

// The selected text waits in session storage for the popup, which takes it once.
const pendingItem = storage.defineItem<string | null>('session:pendingLookup', { fallback: null });
const MAX_LOOKUP = 5000;

/** Adds "Look up in Paper Lens" to the context menu of selected text. */
export function registerLookupMenu(): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: 'paper-lens-lookup', title: 'Look up in Paper Lens', contexts: ['selection'] });
  });
  browser.contextMenus.onClicked.addListener((info) => {
    if (info.menuItemId !== 'paper-lens-lookup' || !info.selectionText) return;
    void openLookup(info.selectionText.slice(0, MAX_LOOKUP));
  });
}

/** Opens the popup on the search for `text`, or a popup tab where the browser cannot open the popup. */
async function openLookup(text: string): Promise<void> {
  await pendingItem.setValue(text);
  const action = browser.action ?? browser.browserAction;
  try {
    await action.openPopup();
  } catch {
    await pendingItem.setValue(null);
    await browser.tabs.create({ url: browser.runtime.getURL(`/popup.html?q=${encodeURIComponent(text)}`) });
  }
}

/** The text a context-menu lookup left for the popup, taken (so it is used once). */
export async function takePendingLookup(): Promise<string | null> {
  const text = await pendingItem.getValue();
  if (text !== null) await pendingItem.setValue(null);
  return text;
}
