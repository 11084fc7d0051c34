import { HOST_ATTRIBUTE } from '../lib/pages/text';

/** The shortest time between two rescans of a page that keeps changing. */
export const RESCAN_DELAY = 200;

/**
 * Calls `onChange` after the page's own changes (DOM mutations, history navigation), at most once
 * per RESCAN_DELAY. Returns the function that stops following the page.
 */
export function observePage(win: Window, onChange: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Throttled, not debounced: a page that changes more often than RESCAN_DELAY (a body replaced
  // every 20 ms) would restart a debounce forever and never be rescanned.
  const schedule = () => {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      onChange();
    }, RESCAN_DELAY);
  };
  // Our own insertions show up as mutations too; only the page's own changes call for a rescan.
  const observer = new MutationObserver((mutations) => {
    const pageChanged = mutations.some(
      (m) =>
        m.type === 'characterData' ||
        [...m.addedNodes].some((n) => !isOurs(n)) ||
        [...m.removedNodes].some((n) => !isOurs(n)),
    );
    if (pageChanged) schedule();
  });
  observer.observe(win.document.documentElement, { childList: true, subtree: true, characterData: true });
  win.addEventListener('popstate', schedule);
  return () => {
    clearTimeout(timer);
    observer.disconnect();
    win.removeEventListener('popstate', schedule);
  };
}

/**
 * Runs `scanOnce` one at a time: a request while it runs runs it once more afterwards, however many
 * requests came, until `stopped()`. Errors go to `onError`.
 */
export function serialScans(
  scanOnce: () => Promise<void>,
  stopped: () => boolean,
  onError: (error: unknown) => void,
): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await scanOnce().catch(onError);
        // `again` changes while the scan awaits.
        // oxlint-disable-next-line no-unmodified-loop-condition
      } while (again && !stopped());
      running = null;
    })();
    return running;
  };
}

function isOurs(node: Node): boolean {
  return node.nodeType === 1 && (node as Element).hasAttribute(HOST_ATTRIBUTE);
}
