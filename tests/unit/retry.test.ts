import { describe, expect, it } from 'vitest';
import { isTransient, withRetry } from '../../lib/messaging/retry';

describe('withRetry', () => {
  it('retries a message lost to a stopping service worker, then answers', async () => {
    let calls = 0;
    const answer = await withRetry(async () => {
      calls++;
      if (calls < 3) throw new Error('Could not establish connection. Receiving end does not exist.');
      return 'ok';
    }, [0, 0, 0]);
    expect([answer, calls]).toEqual(['ok', 3]);
  });

  it('gives up after the last delay and reports the error', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw new Error('The message port closed before a response was received.');
      }, [0, 0]),
    ).rejects.toThrow('The message port closed before a response was received.');
    expect(calls).toBe(3);
  });

  it('does not retry a real error', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw new Error('bad request: k must be a whole number from 1 to 100');
      }, [0, 0]),
    ).rejects.toThrow('bad request');
    expect(calls).toBe(1);
    expect(isTransient(new Error('Extension context invalidated.'))).toBe(false);
  });
});
