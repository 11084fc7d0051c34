import { useEffect, useRef, useState } from 'preact/hooks';
import { downloadFile } from '../lib/reading-list/download';
import { readUnreadableFile, type SavedListRead } from '../lib/reading-list/saved-list';
import { dismissNotice, isDismissed, readDismissal, watchDismissal } from '../lib/reading-list/unreadable-notice';

/** What the banner does; the popup passes the background's delete, tests their own. */
export interface UnreadableActions {
  /** Reads the file of unreadable data. */
  readFile?: () => Promise<string | null>;
  /** Hands a finished file to the browser. */
  download?: (name: string, type: string, text: string) => void;
  /** Deletes the kept copies made at these times, through the background's writer; how many went. */
  deleteCopies?: (copiedAt: number[]) => Promise<number>;
}

interface Props {
  list: SavedListRead;
  actions?: UnreadableActions;
}

/** The name of the file of unreadable data. */
export const UNREADABLE_FILE = 'paper-lens-unreadable-data.json';

const day = (ms: number) =>
  new Date(ms).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const copies = (n: number) => `${n} kept ${n === 1 ? 'copy' : 'copies'}`;

/** What happened, in a heading and a paragraph; null when all saved data was read and nothing was kept aside. */
export function describeSavedProblem(list: SavedListRead): { title: string; body: string } | null {
  const count = `${list.papers.length} ${list.papers.length === 1 ? 'entry' : 'entries'}`;
  if (list.readOnly) {
    return {
      title: 'Your list is from a newer Paper Lens',
      body: `${list.problem} To keep it safe, this version will not change it: saving, removing, editing and importing are off until you update Paper Lens. It shows the ${count} it can read.`,
    };
  }
  if (list.problem) {
    return {
      title: 'Some saved data could not be read',
      body: `${list.problem} Paper Lens shows the ${count} it could read and keeps a copy of the data exactly as it was; nothing was deleted.`,
    };
  }
  const last = list.kept.at(-1);
  if (!last) return null;
  const when = last.copiedAt > 0 ? `On ${day(last.copiedAt)}, Paper Lens` : 'Earlier, Paper Lens';
  const times = list.kept.length > 1 ? ` (${list.kept.length} times; the last is described here)` : '';
  return {
    title: 'Some saved data could not be read',
    body: `${when} found saved data it could not read${times}. ${last.problem} It kept every entry it could read and a copy of the data exactly as it was; nothing was deleted.`,
  };
}

/** The dismissal stored for the list's copies: unknown until read, then kept current. */
function useDismissed(list: SavedListRead): boolean | null {
  const [stored, setStored] = useState<{ value: unknown } | null>(null);
  useEffect(() => {
    let current = true;
    readDismissal().then(
      (value) => current && setStored({ value }),
      () => current && setStored({ value: null }),
    );
    const unwatch = watchDismissal((value) => setStored({ value }));
    return () => {
      current = false;
      unwatch();
    };
  }, []);
  return stored === null ? null : isDismissed(stored.value, list.kept);
}

/**
 * Tells the person plainly what could not be read, and lets them download the copies kept aside, then
 * hide this notice until new unreadable data appears, or delete the copies once they confirm.
 */
export function UnreadableBanner({ list, actions = {} }: Props) {
  const { readFile = () => readUnreadableFile(), download = downloadFile, deleteCopies } = actions;
  const [status, setStatus] = useState<string | null>(null);
  const [downloaded, setDownloaded] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [deleted, setDeleted] = useState<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const dismissed = useDismissed(list);
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);
  const described = describeSavedProblem(list);
  // Copies can be let go of once the data in storage now is among them; a list from a newer Paper
  // Lens is shown as it is until then.
  const settled =
    described !== null && !list.readOnly && list.kept.length > 0 && (list.problem === null || list.copied);
  // Until the dismissal is read, a notice that could be dismissed is not shown (no flash of it).
  if (!described || (settled && dismissed !== false)) {
    return deleted ? (
      <p class="pl-hint pl-banner-done" role="status">
        {deleted}
      </p>
    ) : null;
  }
  const save = async () => {
    try {
      const text = await readFile();
      if (text === null) return setStatus('There is no unreadable data to download.');
      download(UNREADABLE_FILE, 'application/json', text);
      setDownloaded(true);
      setStatus(`Downloaded ${UNREADABLE_FILE}.`);
    } catch (error) {
      setStatus(`The download failed: ${(error as Error).message}`);
    }
  };
  const remove = async () => {
    if (!deleteCopies) return;
    const shown = list.kept.map((copy) => copy.copiedAt);
    try {
      const gone = await deleteCopies(shown);
      setConfirming(false);
      setDeleted(`Deleted the ${copies(gone)} of unreadable data.`);
      setStatus(null);
    } catch (error) {
      setConfirming(false);
      setStatus(`Nothing was deleted. ${(error as Error).message}`);
    }
  };
  const dismiss = () =>
    dismissNotice(list.kept).catch((error: unknown) =>
      setStatus(`This notice could not be hidden: ${(error as Error).message}`),
    );
  return (
    <section class="pl-banner" role="alert" aria-label="Saved data that could not be read">
      <h2 class="pl-banner-title">{described.title}</h2>
      <p>{described.body}</p>
      <div class="pl-banner-actions">
        <button type="button" class="pl-button" onClick={() => void save()}>
          Download unreadable data
        </button>
        {settled && (
          <button type="button" class="pl-button" onClick={() => void dismiss()}>
            Dismiss
          </button>
        )}
        {settled && deleteCopies && !confirming && (
          <button type="button" class="pl-button pl-danger" onClick={() => setConfirming(true)}>
            Delete kept copies…
          </button>
        )}
      </div>
      {confirming && (
        <div class="pl-confirm" role="group" aria-label="Delete the kept copies">
          <p>
            Delete the {copies(list.kept.length)} of data Paper Lens could not read
            {list.problem ? ', and that data in your list' : ''}?{' '}
            {downloaded
              ? 'You downloaded them just now.'
              : 'You have not downloaded them: once deleted, they cannot be recovered.'}{' '}
            The papers in your list stay as they are.
          </p>
          <button type="button" class="pl-button pl-danger" onClick={() => void remove()}>
            Delete for good
          </button>{' '}
          <button type="button" class="pl-button" ref={cancelRef} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
      {status && (
        <p class="pl-hint" role="status">
          {status}
        </p>
      )}
    </section>
  );
}
