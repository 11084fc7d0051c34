// The ids of recent changes to the reading list, written in the same storage call as the list. A
// message whose answer was lost when MV3 stopped the service worker is sent again with the same id
// (lib/messaging/call.ts); finding the id here, the list is not changed a second time, so a
// repeated "save" can never undo a later "remove" that came in between.

/** One applied change: its id, when it was applied, and its answer when that is small. */
export type OpRecord = [id: number, at: number, answer?: unknown];

/** How many changes, and for how long, are remembered: far beyond the few seconds a retry takes. */
const MAX_OPS = 500;
const MAX_AGE_MS = 10 * 60_000;
/** Larger answers (whole entries) are not stored; they are read again from the list. */
const MAX_ANSWER_CHARS = 200;

function isRecord(x: unknown): x is OpRecord {
  return Array.isArray(x) && typeof x[0] === 'number' && typeof x[1] === 'number';
}

/** The stored log, read leniently: anything unreadable is treated as an empty log. */
export function readOpLog(stored: unknown): OpRecord[] {
  return Array.isArray(stored) ? stored.filter(isRecord) : [];
}

/** The record of change `id`, if it was applied. */
export function findOp(log: readonly OpRecord[], id: number): OpRecord | undefined {
  return log.find((record) => record[0] === id);
}

/** The log with change `id` added, the oldest and expired records dropped. */
export function recordOp(log: readonly OpRecord[], id: number, answer: unknown, now: number): OpRecord[] {
  const small = answer === undefined || JSON.stringify(answer).length <= MAX_ANSWER_CHARS;
  const record: OpRecord = small && answer !== undefined ? [id, now, answer] : [id, now];
  return [...log.filter((r) => now - r[1] < MAX_AGE_MS), record].slice(-MAX_OPS);
}
