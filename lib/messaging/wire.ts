// The wire format, in one place: a request { id, type, data, timestamp } and an answer { res } or
// { err } (the shape @webext-core/messaging uses; its sendMessage numbers each retry anew, and a retried
// change must keep its id, so call.ts sends these itself). The sender and the background read it here.

/** A message as it travels: the envelope's id names the request, and a retry keeps it. */
export interface Envelope {
  id: number;
  type: string;
  data: unknown;
  timestamp: number;
}

/** The envelope's fields, and no others. */
export const ENVELOPE_FIELDS = ['id', 'type', 'data', 'timestamp'] as const;

/** What the background answers: the handler's result, or the error it threw. */
export type WireAnswer = { res: unknown } | { err: { name: string; message: string; stack: string } };

/** A random whole number naming one request, within the safe-integer range the envelope check accepts. */
export function newRequestId(): number {
  const [high, low] = crypto.getRandomValues(new Uint32Array(2));
  return (high! % 2 ** 21) * 2 ** 32 + low!;
}

/** The answer to a request whose handler threw `error`. */
export function errorAnswer(error: unknown, withStack: boolean): WireAnswer {
  if (!(error instanceof Error)) return { err: { name: 'Error', message: String(error), stack: '' } };
  return { err: { name: error.name, message: error.message, stack: withStack ? (error.stack ?? '') : '' } };
}

/** The result an answer carries; its error, thrown with the background's name and message. */
export function readAnswer(answer: unknown): unknown {
  if (!answer || typeof answer !== 'object') throw new Error('No response');
  if ('err' in answer) {
    const err = (answer.err ?? {}) as { name?: string; message?: string };
    throw Object.assign(new Error(err.message), { name: err.name ?? 'Error' });
  }
  return (answer as { res?: unknown }).res;
}
