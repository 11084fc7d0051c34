// A message whose answer was lost when MV3 stopped the service worker is sent again with the same
// envelope id; the background must not apply that change twice. Through the real listener and handlers.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '../../lib/messaging/handlers';
import { createMessageListener, type RawSender } from '../../lib/messaging/register';
import { isTransient, withRetry } from '../../lib/messaging/retry';
import { readSavedList } from '../../lib/reading-list/saved-list';
import { realService } from '../helpers/corpus';

const service = realService();
const listen = createMessageListener(
  createHandlers({
    getService: async () => service,
    getTitles: async () => service,
    setBadgeCount: async () => undefined,
  }),
  'me',
  'chrome-extension://me/',
);
const POPUP: RawSender = { id: 'me', url: 'chrome-extension://me/popup.html', frameId: 0, tab: { id: 9 } };
const PAPER = { title: 'A Paper Not In The Corpus', arxivId: '2401.00001' };
const send = (id: number, type: string, data: unknown) => listen({ id, type, data, timestamp: 1 }, POPUP);
const titles = async () => (await readSavedList()).papers.map((p) => p.title);

beforeEach(() => fakeBrowser.reset());

describe('a change sent again with its first id', () => {
  it('a save repeated after a later remove does not bring the paper back', async () => {
    expect(await send(1001, 'savePaper', PAPER)).toMatchObject({ res: { title: PAPER.title } });
    expect(await send(1002, 'unsavePaper', PAPER)).toEqual({ res: true });
    expect(await send(1001, 'savePaper', PAPER)).toMatchObject({ res: { title: PAPER.title } });
    expect(await titles()).toEqual([]);
  });

  it('a remove repeated after a later save leaves the paper saved', async () => {
    await send(2001, 'savePaper', PAPER);
    await send(2002, 'unsavePaper', PAPER);
    await send(2003, 'savePaper', PAPER);
    expect(await send(2002, 'unsavePaper', PAPER)).toEqual({ res: true });
    expect(await titles()).toEqual([PAPER.title]);
  });

  it('a new id is a new change', async () => {
    await send(3001, 'savePaper', PAPER);
    await send(3002, 'unsavePaper', PAPER);
    await send(3003, 'savePaper', PAPER);
    expect(await titles()).toEqual([PAPER.title]);
  });
});

describe('isTransient', () => {
  it.each([
    'Could not establish connection. Receiving end does not exist.',
    'The message port closed before a response was received.',
    'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received',
    'No SW',
  ])('retries %s', async (message) => {
    expect(isTransient(new Error(message))).toBe(true);
    let calls = 0;
    const answer = await withRetry(async () => {
      if (++calls < 2) throw new Error(message);
      return 'ok';
    }, [0]);
    expect([answer, calls]).toEqual(['ok', 2]);
  });

  it.each(['bad request: title is empty', 'Extension context invalidated.', 'No SW here', 'No response'])(
    'does not retry %s',
    (message) => expect(isTransient(new Error(message))).toBe(false),
  );
});
