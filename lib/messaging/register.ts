import { browser } from 'wxt/browser';
import type { Handlers } from './handlers';
import type { MessageName, Sender } from './messages';
import { BadRequestError, checkMessage, SITE_URL } from './validate';
import { errorAnswer, type WireAnswer } from './wire';

/** The browser's account of who sent a message (runtime.MessageSender), as far as it is read here. */
export interface RawSender {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number; url?: string };
  /** Chrome 106+: 'prerender' while the document is prerendered (Speculation Rules), not yet shown. */
  documentLifecycle?: string;
}

/**
 * Who sent a message, from the browser's own account of it (never from the message itself): one of
 * this extension's pages, or its content script in the top frame of a tab on arxiv.org or
 * huggingface.co. Anyone else is refused.
 */
export function describeSender(raw: RawSender | undefined, runtimeId: string, extensionOrigin: string): Sender {
  if (!raw || raw.id !== runtimeId) throw new BadRequestError('the sender is not this extension');
  const frameUrl = raw.url ?? null;
  if (frameUrl !== null && frameUrl.startsWith(extensionOrigin)) {
    return { tabId: null, url: frameUrl, fromExtension: true };
  }
  const tabId = raw.tab?.id;
  if (typeof tabId !== 'number' || tabId < 0) throw new BadRequestError('a content script must run in a tab');
  // A prerendered page's main frame has a frameId of its own (0 is the page the tab shows); our content
  // scripts are injected in main frames only, so a prerendered sender is one.
  const prerendered = raw.documentLifecycle === 'prerender';
  if (raw.frameId !== undefined && raw.frameId !== 0 && !prerendered) {
    throw new BadRequestError('a content script must run in the top frame');
  }
  // A page that navigated with history.pushState keeps its first URL in sender.url; the tab's URL
  // is the current one (our content scripts run in the top frame only). A prerendered page is not
  // the tab's page yet: the tab's URL is the page it still shows, the frame's is the prerendered one.
  const url = prerendered ? frameUrl : (raw.tab?.url ?? frameUrl);
  if (url === null || !SITE_URL.test(url)) {
    throw new BadRequestError('a content script must run on arxiv.org or huggingface.co');
  }
  return prerendered ? { tabId, url, fromExtension: false, prerendered } : { tabId, url, fromExtension: false };
}

/**
 * The background's one message listener: checks the sender, then the envelope, then hands the data
 * to the handler of its type. Every message gets an answer; anything malformed gets an error (which
 * @webext-core/messaging's onMessage cannot give: it leaves a message it has no listener for unanswered).
 */
export function createMessageListener(
  handlers: Handlers,
  runtimeId: string,
  extensionOrigin: string,
): (message: unknown, sender: RawSender | undefined) => Promise<WireAnswer> {
  const types = new Set(Object.keys(handlers));
  return async (message, rawSender) => {
    try {
      const sender = describeSender(rawSender, runtimeId, extensionOrigin);
      const { type, data } = checkMessage(message, types);
      const handle = handlers[type as MessageName] as (data: unknown, sender: Sender) => Promise<unknown>;
      // The envelope's id names the request (a retry keeps it): changes are applied once per id.
      return { res: await handle(data, { ...sender, requestId: (message as { id: number }).id }) };
    } catch (error) {
      // A bad request is the sender's mistake: the background's stack would tell it nothing.
      return errorAnswer(error, !(error instanceof BadRequestError));
    }
  };
}

/** The thin adapter: one runtime.onMessage listener that answers with a promise (webextension-polyfill). */
export function registerHandlers(handlers: Handlers): void {
  const listener = createMessageListener(handlers, browser.runtime.id, browser.runtime.getURL('/'));
  browser.runtime.onMessage.addListener((message: unknown, sender) => listener(message, sender as RawSender));
}
