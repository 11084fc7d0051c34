import { describe, expect, it } from 'vitest';
import { CHUNK, createFrameQueue, FIRST_CHUNK } from '../../content/frame-scheduler';

/** Frames the test runs one at a time. */
function steppedFrames() {
  const waiting: (() => void)[] = [];
  return {
    nextFrame: () => new Promise<void>((resolve) => waiting.push(resolve)),
    async step() {
      await new Promise((resolve) => setTimeout(resolve, 0));
      waiting.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}

describe('createFrameQueue', () => {
  it('places FIRST_CHUNK items in the first frame, CHUNK in each next, top of the page first', async () => {
    const frames = steppedFrames();
    const queue = createFrameQueue<number>(frames.nextFrame, (a, b) => a - b);
    const written: number[][] = [];
    const total = FIRST_CHUNK + CHUNK + 50;
    // Items come in any order, as match answers do.
    queue.push(Array.from({ length: total }, (_, i) => total - 1 - i));
    const placing = queue.place(
      (items) => written.push(items),
      () => false,
    );
    await frames.step();
    expect(written.map((w) => w.length)).toEqual([FIRST_CHUNK]);
    expect(written[0]!.slice(0, 3)).toEqual([0, 1, 2]);
    await frames.step();
    await frames.step();
    expect(written.map((w) => w.length)).toEqual([FIRST_CHUNK, CHUNK, 50]);
    expect(written.flat()).toEqual(Array.from({ length: total }, (_, i) => i));
    // Open: it waits for more, and ends once closed and empty.
    queue.push([total]);
    await frames.step();
    queue.close();
    await placing;
    expect(written.at(-1)).toEqual([total]);
  });

  it('ends without writing when stopped while waiting for a frame', async () => {
    const frames = steppedFrames();
    const queue = createFrameQueue<number>(frames.nextFrame, (a, b) => a - b);
    let stopped = false;
    const written: number[][] = [];
    queue.push([1, 2]);
    const placing = queue.place(
      (items) => written.push(items),
      () => stopped,
    );
    stopped = true;
    await frames.step();
    await placing;
    expect(written).toEqual([]);
  });
});
