// Who may talk to the background, and what every message gets back: the sender (from the browser's
// own account of it), the envelope @webext-core/messaging sends, and the answer in its wire format.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '../../lib/messaging/handlers';
import { MESSAGES, type MessageName, type Sender } from '../../lib/messaging/messages';
import { createMessageListener, describeSender, registerHandlers, type RawSender } from '../../lib/messaging/register';
import { BadRequestError } from '../../lib/messaging/validate';
import { readSavedList } from '../../lib/reading-list/saved-list';
import { realService } from '../helpers/corpus';

const ME = 'me';
const ORIGIN = 'chrome-extension://me/';
const service = realService();
const handlers = createHandlers({
  getService: async () => service,
  getTitles: async () => service,
  setBadgeCount: async () => undefined,
});
const listen = createMessageListener(handlers, ME, ORIGIN);

const POPUP: RawSender = { id: ME, url: 'chrome-extension://me/popup.html', frameId: 0, tab: { id: 9 } };
const ABS_URL = 'https://arxiv.org/abs/2503.08497';
const CONTENT: RawSender = { id: ME, url: ABS_URL, frameId: 0, tab: { id: 4, url: ABS_URL } };
const MMRL = 'MMRL: Multi-Modal Representation Learning for Vision-Language Models';

/** A message as @webext-core/messaging sends it. */
const envelope = (type: string, data?: unknown) => ({ id: 1, type, data, timestamp: 1_700_000_000_000 });
/** The answer to a refused message, exactly as the sender receives it. */
const refused = (message: string) => ({
  err: { name: 'BadRequestError', message: `bad request: ${message}`, stack: '' },
});

beforeEach(() => {
  fakeBrowser.reset();
});

describe('describeSender', () => {
  it('knows the extension pages (even opened in a tab) and takes a page URL from its tab (current after pushState)', () => {
    expect(describeSender(POPUP, ME, ORIGIN)).toEqual({
      tabId: null,
      url: 'chrome-extension://me/popup.html',
      fromExtension: true,
    });
    expect(
      describeSender(
        {
          id: ME,
          url: 'https://huggingface.co/papers',
          frameId: 0,
          tab: { id: 4, url: 'https://huggingface.co/papers/trending' },
        },
        ME,
        ORIGIN,
      ),
    ).toEqual({ tabId: 4, url: 'https://huggingface.co/papers/trending', fromExtension: false });
  });

  it.each([
    ['no sender at all', undefined, 'the sender is not this extension'],
    ['a sender without an id', { url: 'chrome-extension://me/popup.html' }, 'the sender is not this extension'],
    ['another extension', { id: 'other', url: 'chrome-extension://other/x.html' }, 'the sender is not this extension'],
    [
      "another extension's content script",
      { id: 'other', url: ABS_URL, frameId: 0, tab: { id: 4, url: ABS_URL } },
      'the sender is not this extension',
    ],
    ['a content script without a tab', { id: ME, url: ABS_URL, frameId: 0 }, 'a content script must run in a tab'],
    [
      'a content script in no tab (TAB_ID_NONE)',
      { id: ME, url: ABS_URL, tab: { id: -1, url: ABS_URL } },
      'a content script must run in a tab',
    ],
    [
      'a page of a look-alike origin',
      { id: ME, url: 'chrome-extension://meme/popup.html' },
      'a content script must run in a tab',
    ],
    ['a subframe', { ...CONTENT, frameId: 3 }, 'a content script must run in the top frame'],
    [
      'a tab on another site',
      { id: ME, url: 'https://example.org/', frameId: 0, tab: { id: 4, url: 'https://example.org/' } },
      'a content script must run on arxiv.org or huggingface.co',
    ],
    [
      'a tab that left arXiv (its URL is what counts)',
      { ...CONTENT, tab: { id: 4, url: 'https://arxiv.org.evil.example/abs/1' } },
      'a content script must run on arxiv.org or huggingface.co',
    ],
  ] as [string, RawSender | undefined, string][])('refuses %s', (_what, raw, message) => {
    expect(() => describeSender(raw, ME, ORIGIN)).toThrow(new BadRequestError(message));
  });
});

describe('createHandlers: who may send what', () => {
  const popup: Sender = { tabId: null, url: 'chrome-extension://me/popup.html', fromExtension: true };
  const page: Sender = { tabId: 4, url: ABS_URL, fromExtension: false };
  const extensionOnly = Object.entries(MESSAGES)
    .filter(([, message]) => message.from === 'extension')
    .map(([name]) => name as MessageName);

  it('answers content scripts only what the in-page UI asks', () => {
    expect(extensionOnly).toEqual([
      'getPaper',
      'getPapers',
      'search',
      'lookupRef',
      'stats',
      'editPaper',
      'restorePaper',
      'deleteUnreadableCopies',
      'stageImport',
      'applyImport',
      'moreLikeSaved',
    ]);
    expect(Object.keys(MESSAGES).sort()).toEqual(Object.keys(handlers).sort());
  });

  it.each(extensionOnly)('refuses %s from a content script', async (name) => {
    await expect(handlers[name](undefined, page)).rejects.toThrow(
      new BadRequestError(`${name} is answered for the extension's own pages only`),
    );
  });

  it('refuses a page report from the extension itself, and any message from a sender that is neither', async () => {
    const report = { kind: 'arxiv-abs', papers: [] };
    await expect(handlers.reportPage(report, popup)).rejects.toThrow(
      new BadRequestError('reportPage comes from a page only'),
    );
    await expect(handlers.matchTitles(['x'], { tabId: null, url: ABS_URL, fromExtension: false })).rejects.toThrow(
      new BadRequestError('the sender is neither an extension page nor a content script in a tab'),
    );
  });

  it('lets a content script save a paper only with its own page as the address', async () => {
    await expect(handlers.savePaper({ title: MMRL, url: 'https://arxiv.org/abs/2401.00001' }, page)).rejects.toThrow(
      new BadRequestError("url must be the sending page's address"),
    );
    expect((await readSavedList()).papers).toEqual([]);
    const saved = await handlers.savePaper({ title: MMRL, url: ABS_URL }, page);
    expect([saved.title, saved.url]).toEqual([MMRL, ABS_URL]);
    // The popup names whichever arXiv or Hugging Face page the paper came from.
    const other = await handlers.savePaper({ title: 'Another', url: 'https://huggingface.co/papers/1' }, popup);
    expect(other.url).toBe('https://huggingface.co/papers/1');
  });
});

describe('createMessageListener', () => {
  it('answers a well-formed message in the wire format @webext-core/messaging reads', async () => {
    const answer = await listen(envelope('stats'), POPUP);
    expect(answer).toEqual({ res: service.stats() });
    expect(await listen(envelope('getPaper', 'nope'), POPUP)).toEqual({ res: null });
    expect(await listen(envelope('reportPage', { kind: 'arxiv-abs', papers: [] }), CONTENT)).toEqual({
      res: undefined,
    });
  });

  it.each([
    ['a string', 'hello', 'message must be an object'],
    ['null', null, 'message must be an object'],
    ['an array', [envelope('stats')], 'message must be an object'],
    ['a message with a sender field', { ...envelope('stats'), sender: POPUP }, 'message has an unknown field "sender"'],
    ['a message without a timestamp', { id: 1, type: 'stats' }, 'message timestamp must be a number'],
    ['a message with a text id', { ...envelope('stats'), id: 'one' }, 'message id must be a whole number'],
    ['a message without a type', { id: 1, timestamp: 1 }, 'message type must be a string'],
    ['an unknown type', envelope('deleteEverything'), 'unknown message type "deleteEverything"'],
    ['the type "constructor"', envelope('constructor'), 'unknown message type "constructor"'],
    ['the type "__proto__"', envelope('__proto__'), 'unknown message type "__proto__"'],
    ['the type "toString"', envelope('toString'), 'unknown message type "toString"'],
    ['the type "hasOwnProperty"', envelope('hasOwnProperty'), 'unknown message type "hasOwnProperty"'],
    ['a very long type', envelope('x'.repeat(101)), 'message type is longer than 100 characters'],
    [
      'data over 8 MiB',
      envelope('matchTitles', ['x'.repeat(8 * 1024 * 1024)]),
      'message data is larger than 8388608 characters',
    ],
    ['data that is not plain', envelope('matchTitles', [10n]), 'message data is not plain data'],
    ['malformed data', envelope('search', { query: 'q', k: 0 }), 'k must be a whole number from 1 to 100'],
    [
      'a pollution attempt',
      JSON.parse('{"id":1,"type":"savePaper","timestamp":1,"data":{"title":"x","__proto__":{"polluted":true}}}'),
      'paper has an unknown field "__proto__"',
    ],
  ])('answers %s with an error', async (_what, message, error) => {
    expect(await listen(message, POPUP)).toEqual(refused(error));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await fakeBrowser.storage.local.get()).toEqual({});
  });

  it('checks the sender before it reads the message', async () => {
    expect(await listen('not even a message', { id: 'other', url: 'chrome-extension://other/x.html' })).toEqual(
      refused('the sender is not this extension'),
    );
    expect(await listen(envelope('savePaper', { title: MMRL }), { id: ME, url: ABS_URL })).toEqual(
      refused('a content script must run in a tab'),
    );
    expect((await readSavedList()).papers).toEqual([]);
  });

  it('answers a content script that reports for another page or speaks for the popup with an error', async () => {
    expect(
      await listen(envelope('reportPage', { kind: 'arxiv-abs', papers: [], url: 'https://arxiv.org/abs/1' }), CONTENT),
    ).toEqual(refused('report has an unknown field "url"'));
    expect(await listen(envelope('stats'), CONTENT)).toEqual(
      refused("stats is answered for the extension's own pages only"),
    );
    expect(await fakeBrowser.storage.session.get()).toEqual({});
  });

  it("passes the background's own failures on as errors, with their stack", async () => {
    const answer = await listen(envelope('related', { id: 'missing', k: 3 }), POPUP);
    expect(answer).toMatchObject({ err: { name: 'UnknownPaperError', message: 'unknown paper id: missing' } });
    expect('err' in answer && answer.err.stack).toMatch(/unknown paper id: missing\n\s+at /);
  });
});

describe('registerHandlers', () => {
  it('answers through runtime.onMessage, refusing a sender that is not this extension', async () => {
    registerHandlers(handlers);
    // The fake browser passes an empty sender: no extension id.
    expect(await fakeBrowser.runtime.sendMessage(envelope('stats'))).toEqual(
      refused('the sender is not this extension'),
    );
  });
});
