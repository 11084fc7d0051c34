// The reading list's storage: reads (validated, with what could not be read), the watch, the copy
// of unreadable data, and the one writer queue. Only the background writes; lib/reading-list/saved-list.ts
// holds the list's operations on top of it.
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { findOp, readOpLog, recordOp } from './op-log';
import type { SavedPaper } from './saved-list';
import {
  addCopy,
  isCopied,
  readCopyStore,
  removeCopies,
  summariseCopies,
  unreadableFile,
  type CopyStore,
  type CopySummary,
  type StoredSnapshot,
} from './unreadable';
import { readVersion, SAVED_LIST_VERSION, validateSavedList, type SavedListCheck } from './validate-saved';

/** The reading list as read: its readable entries, what could not be read, and the copies kept aside. */
export interface SavedListRead extends SavedListCheck {
  /** The list was written by a newer Paper Lens: it is shown, never changed. */
  readOnly: boolean;
  /** Copies of unreadable data kept aside, oldest first. */
  kept: CopySummary[];
  /** The data in storage now that could not be read is among the copies already. */
  copied: boolean;
}

/** Refused because the list was written by a newer Paper Lens; the message is fit to show. */
export class SavedListReadOnlyError extends Error {
  constructor(version: number) {
    super(
      `Your reading list was saved by a newer version of Paper Lens (data version ${version}), so this version ` +
        'will not change it. Update Paper Lens to save, edit or import papers.',
    );
    this.name = 'SavedListReadOnlyError';
  }
}

/**
 * The browser refused a write of the reading list because its storage is full (storage.local's
 * quota, or the disk). Nothing was written: the list is as it was and stays usable. The name and
 * the message's opening are stable: the popup shows the message and may test the name.
 */
export class StorageFullError extends Error {
  constructor(action: string, cause?: unknown) {
    super(
      `Paper Lens could not ${action}: the browser's storage is full. Nothing was changed and nothing ` +
        'already saved was lost. Remove some saved papers (or free space for the browser) and try again.',
      { cause },
    );
    this.name = 'StorageFullError';
  }
}

/** Whether a storage error is the browser refusing a write for lack of space. Chrome's storage.local
 * rejects with "Resource::kQuotaBytes quota exceeded"; IndexedDB and Firefox name it QuotaExceededError
 * (often with an empty message), Firefox's storage may say NS_ERROR_DOM_QUOTA_REACHED. */
export function isQuotaError(error: unknown): boolean {
  if (!(error instanceof Error) && (typeof error !== 'object' || error === null)) return /quota/i.test(String(error));
  const { name, message } = error as { name?: unknown; message?: unknown };
  return name === 'QuotaExceededError' || /quota/i.test(`${String(name ?? '')} ${String(message ?? '')}`);
}

/** Runs a storage write; a refusal for lack of space becomes a StorageFullError that says what did not happen. */
async function write(action: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError(action, error);
    throw error;
  }
}

// WXT's storage keeps an item's schema version in '<key>$' as { v }, but checks it only when
// migrations are defined, and then only logs a newer version: this module reads and checks it itself.
type Key = `local:${string}`;
const LIST: Key = 'local:savedList';
const VERSION: Key = 'local:savedList$';
const COPIES: Key = 'local:savedListUnreadable';
const OPS: Key = 'local:savedListOps';
/** The storage.local key of an item key ('local:savedList' -> 'savedList'). */
const areaKey = (item: Key) => item.slice('local:'.length);

interface Snapshot extends StoredSnapshot {
  copies: CopyStore;
}

async function readSnapshot(withOps: boolean): Promise<Snapshot & { ops: unknown }> {
  const keys = withOps ? [LIST, VERSION, COPIES, OPS] : [LIST, VERSION, COPIES];
  const [list, version, copies, ops] = (await storage.getItems(keys)).map((item) => item.value as unknown);
  return { list, version, copies: readCopyStore(copies), ops };
}

function check(snapshot: Snapshot): SavedListRead & { newer: number | null } {
  const version = readVersion(snapshot.version);
  const read = validateSavedList(snapshot.list);
  const newer = version.kind === 'ok' && version.version > SAVED_LIST_VERSION ? version.version : null;
  let problem = read.problem;
  if (newer !== null) {
    problem =
      `Your reading list was saved by a newer version of Paper Lens (data version ${newer}; this version reads ` +
      `version ${SAVED_LIST_VERSION}).`;
  } else if (version.kind === 'unreadable') {
    problem = ["The saved list's version record is not readable.", problem].filter(Boolean).join(' ');
  }
  const kept = summariseCopies(snapshot.copies);
  const copied = problem !== null && isCopied(snapshot.copies, snapshot);
  return { papers: read.papers, problem, readOnly: newer !== null, kept, copied, newer };
}

function toRead(snapshot: Snapshot): SavedListRead {
  const { newer: _newer, ...read } = check(snapshot);
  return read;
}

/** Reads and validates the reading list (and what is known about data that could not be read). */
export async function readSavedList(): Promise<SavedListRead> {
  return toRead(await readSnapshot(false));
}

type Changes = Record<string, { newValue?: unknown }>;

/**
 * Calls back with the list as read whenever it, its version record or the copies change, in any
 * context. A change of the list alone is read from the change itself; anything else is read from
 * storage, one read at a time (a burst of changes costs one more read, not one each).
 */
export function watchSavedList(callback: (list: SavedListRead) => void): () => void {
  let known: Omit<Snapshot, 'list'> | null = null;
  let reading = false;
  let again = false;
  let stopped = false;
  const reread = async () => {
    if (reading) return void (again = true);
    reading = true;
    try {
      do {
        again = false;
        const snapshot = await readSnapshot(false);
        known = { version: snapshot.version, copies: snapshot.copies };
        if (!stopped) callback(toRead(snapshot));
      } while (again);
    } catch {
      known = null;
    } finally {
      reading = false;
    }
  };
  const listener = (changes: Changes, area: string) => {
    if (area !== 'local') return;
    const list = changes[areaKey(LIST)];
    const other = changes[areaKey(VERSION)] ?? changes[areaKey(COPIES)];
    if (!list && !other) return;
    if (other || reading || !known) return void reread();
    callback(toRead({ ...known, list: list!.newValue ?? null }));
  };
  browser.storage.onChanged.addListener(listener);
  return () => {
    stopped = true;
    browser.storage.onChanged.removeListener(listener);
  };
}

/** The file of unreadable data for the person to download, or null when there is none. */
export async function readUnreadableFile(now = Date.now()): Promise<string | null> {
  const snapshot = await readSnapshot(false);
  const read = check(snapshot);
  const current =
    read.problem && !read.copied ? { list: snapshot.list, version: snapshot.version, problem: read.problem } : null;
  if (snapshot.copies.copies.length === 0 && !current) return null;
  return unreadableFile(snapshot.copies, current, now);
}

/** Copies unreadable data aside unless it is copied already, and checks the copy reads back. */
async function keepCopy(snapshot: Snapshot, problem: string, action: string): Promise<void> {
  const store = addCopy(snapshot.copies, snapshot, problem, Date.now());
  await write(action, () => storage.setItem(COPIES, store));
  const back = readCopyStore(await storage.getItem(COPIES));
  if (!isCopied(back, snapshot)) {
    throw new Error('Paper Lens could not keep a copy of the saved data it cannot read, so it changed nothing.');
  }
}

let queue: Promise<unknown> = Promise.resolve();

function enqueue<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task);
  queue = run.catch(() => undefined);
  return run;
}

/** Copies data that could not be read aside now (the background does this when it starts); true when it did. */
export function keepUnreadableSavedData(): Promise<boolean> {
  return enqueue(async () => {
    const snapshot = await readSnapshot(false);
    const read = check(snapshot);
    if (!read.problem || read.copied) return false;
    await keepCopy(snapshot, read.problem, 'keep a copy of the saved data it cannot read');
    return true;
  });
}

/**
 * Runs one read-modify-write of the list at a time (exported for the import, which plans against the
 * list as it is at that moment). Only the background writes, so this queue is the single writer.
 * Data that could not be read is copied aside, and the copy checked, before a write replaces it; a
 * list from a newer Paper Lens is never written. `opId` names the change: a change already applied
 * (its message sent again after its answer was lost) is answered without being applied twice.
 * `action` says what the change does ("save “Title”"), for the error when storage is full.
 */
export function updateSavedList<T>(
  change: (papers: SavedPaper[]) => { papers: SavedPaper[]; result: T },
  opId?: number,
  action = 'change your reading list',
): Promise<T> {
  return enqueue(async () => {
    const snapshot = await readSnapshot(true);
    const read = check(snapshot);
    const log = readOpLog(snapshot.ops);
    const done = opId === undefined ? undefined : findOp(log, opId);
    if (done) return done.length > 2 ? (done[2] as T) : change(read.papers).result;
    // A newer schema may hold fields and entries this version cannot read, and writing back would drop
    // them: the list is shown read-only (and copied aside for download) and never written, until updated.
    if (read.newer !== null) throw new SavedListReadOnlyError(read.newer);
    if (read.problem && !read.copied) await keepCopy(snapshot, read.problem, action);
    const { papers, result } = change(read.papers);
    const items: { key: Key; value: unknown }[] = [{ key: LIST, value: { papers } }];
    if (opId !== undefined) items.push({ key: OPS, value: recordOp(log, opId, result, Date.now()) });
    if (readVersion(snapshot.version).kind === 'unreadable')
      items.push({ key: VERSION, value: { v: SAVED_LIST_VERSION } });
    // One storage call: the browser writes all of it or, refusing it (full), none of it.
    await write(action, () => storage.setItems(items));
    return result;
  });
}

/**
 * Deletes the kept copies of unreadable data the person was shown (named by when each was made),
 * in the writer queue; returns how many went. When the data in storage now is itself unreadable and
 * its copy is among them, the list is written back with the entries it could read, as any write
 * would, so nothing unreadable is left that no copy holds.
 */
export function deleteUnreadableCopies(shown: readonly number[]): Promise<number> {
  return enqueue(async () => {
    const snapshot = await readSnapshot(false);
    const read = check(snapshot);
    if (read.newer !== null) throw new SavedListReadOnlyError(read.newer);
    if (read.problem && !read.copied) {
      throw new Error(
        'Paper Lens found saved data it cannot read that is not among the copies you were shown, so it ' +
          'deleted nothing. Download the unreadable data again, then delete.',
      );
    }
    const { store, removed } = removeCopies(snapshot.copies, shown);
    if (removed === 0) return 0;
    const items: { key: Key; value: unknown }[] = [{ key: COPIES, value: store }];
    if (read.problem && !isCopied(store, snapshot)) {
      items.push({ key: LIST, value: { papers: read.papers } });
      if (readVersion(snapshot.version).kind === 'unreadable')
        items.push({ key: VERSION, value: { v: SAVED_LIST_VERSION } });
    }
    await storage.setItems(items);
    return removed;
  });
}
