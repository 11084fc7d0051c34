// A message sent while MV3 stops its service worker can fail with "Could not establish connection",
// "The message port closed before a response was received", "No SW" or, when the worker stops while
// the handler runs, "A listener indicated an asynchronous response ... but the message channel
// closed"; the next attempt wakes a fresh worker. Every message Paper Lens sends is safe to repeat
// (a retry keeps its request id, and the background applies a change with a given id once), so such
// a failure is retried for several seconds (a fresh worker first loads its index) before it is reported.
const TRANSIENT = /could not establish connection|receiving end does not exist|message (port|channel) closed|^No SW$/i;
const DELAYS_MS = [50, 150, 400, 1000, 2000, 4000];

/** Whether an error is the passing kind a stopped service worker causes. */
export function isTransient(error: unknown): boolean {
  return TRANSIENT.test(error instanceof Error ? error.message : String(error));
}

/** Runs `send`, retrying it after transient messaging failures. */
export async function withRetry<T>(send: () => Promise<T>, delays: readonly number[] = DELAYS_MS): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const delay = delays[attempt];
      if (delay === undefined || !isTransient(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
