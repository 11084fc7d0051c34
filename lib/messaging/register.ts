import { browser } from 'wxt/browser';
import type { Handlers, Sender } from './handlers';
import { onMessage, type ProtocolMap } from './protocol';

interface RawSender {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
}

/** Who sent a message, from the browser's own account of it (never from the message itself). */
export function describeSender(raw: RawSender | undefined, runtimeId: string, extensionOrigin: string): Sender {
  const frameUrl = raw?.url ?? null;
  const fromExtension = raw?.id === runtimeId && frameUrl !== null && frameUrl.startsWith(extensionOrigin);
  // A page that navigated with history.pushState keeps its first URL in sender.url; the tab's URL
  // is the current one (our content scripts run in the top frame only).
  const url = fromExtension ? frameUrl : (raw?.tab?.url ?? frameUrl);
  return { tabId: !fromExtension && raw?.tab?.id !== undefined ? raw.tab.id : null, url, fromExtension };
}

/** The thin adapter: registers each handler with the extension's message listener. */
export function registerHandlers(handlers: Handlers): void {
  const origin = browser.runtime.getURL('/');
  for (const name of Object.keys(handlers) as (keyof ProtocolMap)[]) {
    onMessage(
      name,
      (message) =>
        handlers[name](message.data, describeSender(message.sender as RawSender, browser.runtime.id, origin)) as never,
    );
  }
}
