import { useState } from 'preact/hooks';
import { downloadFile } from '../lib/export/download';
import { readUnreadableFile, type SavedListRead } from '../lib/storage/saved-list';

interface Props {
  list: SavedListRead;
  /** Reads the file of unreadable data; tests may pass their own. */
  readFile?: () => Promise<string | null>;
  /** Hands a finished file to the browser; tests pass a recorder. */
  download?: (name: string, type: string, text: string) => void;
}

/** The name of the file of unreadable data. */
export const UNREADABLE_FILE = 'paper-lens-unreadable-data.json';

const day = (ms: number) =>
  new Date(ms).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

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

/** Tells the person plainly what could not be read, and lets them download the copy kept aside. */
export function UnreadableBanner({ list, readFile = () => readUnreadableFile(), download = downloadFile }: Props) {
  const [status, setStatus] = useState<string | null>(null);
  const described = describeSavedProblem(list);
  if (!described) return null;
  const save = async () => {
    try {
      const text = await readFile();
      if (text === null) return setStatus('There is no unreadable data to download.');
      download(UNREADABLE_FILE, 'application/json', text);
      setStatus(`Downloaded ${UNREADABLE_FILE}.`);
    } catch (error) {
      setStatus(`The download failed: ${(error as Error).message}`);
    }
  };
  return (
    <section class="pl-banner" role="alert" aria-label="Saved data that could not be read">
      <h2 class="pl-banner-title">{described.title}</h2>
      <p>{described.body}</p>
      <button type="button" class="pl-button" onClick={() => void save()}>
        Download unreadable data
      </button>
      {status && (
        <p class="pl-hint" role="status">
          {status}
        </p>
      )}
    </section>
  );
}
