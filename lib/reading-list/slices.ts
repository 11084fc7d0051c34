/**
 * A pause for long work on the popup's main thread: awaited often, it yields to the event loop only
 * when `budgetMs` have passed since the last yield, so input and painting never wait longer.
 */
export function createPause(budgetMs = 25, now: () => number = () => performance.now()): () => Promise<void> {
  let sliceStart = now();
  return async () => {
    if (now() - sliceStart < budgetMs) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    sliceStart = now();
  };
}
