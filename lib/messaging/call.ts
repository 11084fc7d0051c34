import { browser } from 'wxt/browser';
import type { AnswerOf, DataOf, MessageName } from './messages';
import { withRetry } from './retry';
import { newRequestId, readAnswer, type Envelope } from './wire';

/** A call's data argument: left out for a message that takes none. */
type DataArgs<K extends MessageName> = undefined extends DataOf<K> ? [data?: DataOf<K>] : [data: DataOf<K>];

/** A typed call to the background, for the messages `Names` its sender may send. */
export type Call<Names extends MessageName = MessageName> = <K extends Names>(
  name: K,
  ...data: DataArgs<K>
) => Promise<AnswerOf<K>>;

/**
 * Sends a message to the background, retried across a service-worker restart. Every attempt carries
 * the first one's id, since the background applies a change once per id (lib/reading-list/op-log.ts):
 * @webext-core/messaging's own sendMessage numbers each attempt anew, so it cannot send these.
 */
export const call: Call = (name, ...[data]) => {
  const id = newRequestId();
  return withRetry(async () => {
    const envelope: Envelope = { id, type: name, data, timestamp: Date.now() };
    return readAnswer(await browser.runtime.sendMessage(envelope));
  }) as Promise<never>;
};
