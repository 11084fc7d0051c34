/** Resolves at the page's next frame; injected so tests can step frames without layout. */
export type NextFrame = () => Promise<void>;

/** Badges placed in the first frame: about the top of a listing, so the titles in view come first. */
export const FIRST_CHUNK = 100;
/** Badges placed in each later frame: big enough to finish a 2,000-entry listing in a few frames,
 * small enough to keep each frame short (bench/content-scan.md has the figures). */
export const CHUNK = 800;

/**
 * Waits for `win`'s next frame, so what is written next is laid out in a frame of its own. A hidden
 * tab renders no frames (requestAnimationFrame would wait until it is shown): there a message-channel
 * round trip yields to the page's own tasks instead.
 */
export function frameOf(win: Window): NextFrame {
  return () =>
    new Promise((resolve) => {
      if (win.document.visibilityState === 'visible') {
        win.requestAnimationFrame(() => resolve());
        return;
      }
      const channel = new MessageChannel();
      channel.port1.addEventListener('message', () => resolve(), { once: true });
      channel.port1.start();
      channel.port2.postMessage(null);
    });
}

/** Items that become ready while they are placed, frame by frame, in page order. */
export interface FrameQueue<T> {
  /** Adds items that may be placed from the next frame. */
  push(items: readonly T[]): void;
  /** No more items will come: place() ends once the queue is empty. */
  close(): void;
  /**
   * Hands the ready items to `write` in frames, FIRST_CHUNK in the first and CHUNK in each next,
   * sorted by `compare`; waits for more while the queue is open. Ends early when `stopped()`.
   */
  place(write: (items: T[]) => void, stopped: () => boolean): Promise<void>;
}

/** A queue placed on the frames of `nextFrame`; `compare` puts the top of the page first. */
export function createFrameQueue<T>(nextFrame: NextFrame, compare: (a: T, b: T) => number): FrameQueue<T> {
  const ready: T[] = [];
  let open = true;
  let wake: (() => void) | null = null;
  return {
    push(items) {
      // One by one: a rescan of a 10,000-entry page pushes them all at once, too many to spread.
      for (const item of items) ready.push(item);
      wake?.();
    },
    close() {
      open = false;
      wake?.();
    },
    async place(write, stopped) {
      let chunk = FIRST_CHUNK;
      while (!stopped()) {
        if (ready.length === 0) {
          if (!open) return;
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
          continue;
        }
        await nextFrame();
        if (stopped()) return;
        // Items arrive in any order: placing in page order keeps the top of the page first.
        ready.sort(compare);
        write(ready.splice(0, chunk));
        chunk = CHUNK;
      }
    },
  };
}
