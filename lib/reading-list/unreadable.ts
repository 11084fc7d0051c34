// Stored data Paper Lens could not read is copied aside, exactly as it was, before anything may
// replace it; copies are only ever added to, never changed, and dropped only when the person deletes
// the ones they were shown. This module is pure: the saved-list module reads and writes the storage keys.

/** The stored reading list and its version record, exactly as they are in storage. */
export interface StoredSnapshot {
  /** The `savedList` value. */
  list: unknown;
  /** The `savedList$` value (WXT's version record), null when there is none. */
  version: unknown;
}

/** One copy of data that could not be read. */
export interface UnreadableCopy extends StoredSnapshot {
  /** When it was copied, in ms since 1970 (0 for a copy an earlier Paper Lens kept without a date). */
  copiedAt: number;
  /** What could not be read, as the person was told. */
  problem: string;
}

/** What the person is shown about one copy. */
export interface CopySummary {
  copiedAt: number;
  problem: string;
}

/** The stored form of the copies; the tag tells it apart from the bare value an earlier Paper Lens kept. */
export interface CopyStore {
  format: typeof COPY_FORMAT;
  copies: unknown[];
}

/** The format tag of the copies, and of the file the person downloads. */
export const COPY_FORMAT = 'paper-lens-unreadable-data';

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** JSON with object keys sorted, so the same data compares equal however storage ordered its keys. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isObject(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

/** The copies as stored: nothing stored is none; anything not in our format is one copy an earlier Paper Lens kept. */
export function readCopyStore(stored: unknown): CopyStore {
  if (stored === null || stored === undefined) return { format: COPY_FORMAT, copies: [] };
  if (isObject(stored) && stored.format === COPY_FORMAT && Array.isArray(stored.copies)) {
    return { format: COPY_FORMAT, copies: stored.copies };
  }
  const legacy: UnreadableCopy = {
    copiedAt: 0,
    problem: 'Kept by an earlier version of Paper Lens.',
    list: stored,
    version: null,
  };
  return { format: COPY_FORMAT, copies: [legacy] };
}

/** What each copy says about itself (read leniently: a damaged copy still counts, and is still downloaded). */
export function summariseCopies(store: CopyStore): CopySummary[] {
  return store.copies.map((copy) => ({
    copiedAt: copiedAtOf(copy),
    problem: isObject(copy) && typeof copy.problem === 'string' ? copy.problem : 'A copy of saved data.',
  }));
}

/** When a stored copy was made, read leniently (0 when it does not say). */
function copiedAtOf(copy: unknown): number {
  const at = isObject(copy) ? copy.copiedAt : undefined;
  return typeof at === 'number' && Number.isFinite(at) ? at : 0;
}

/**
 * The copies without those the person was shown and chose to delete, named by when each was made
 * (each date removes one copy, oldest first). A copy kept after they looked has a later date and
 * stays; a deletion repeated after its answer was lost removes nothing more.
 */
export function removeCopies(store: CopyStore, shown: readonly number[]): { store: CopyStore; removed: number } {
  const left = new Map<number, number>();
  for (const at of shown) left.set(at, (left.get(at) ?? 0) + 1);
  const copies = store.copies.filter((copy) => {
    const at = copiedAtOf(copy);
    const n = left.get(at) ?? 0;
    if (n === 0) return true;
    left.set(at, n - 1);
    return false;
  });
  return { store: { format: COPY_FORMAT, copies }, removed: store.copies.length - copies.length };
}

/** True when this exact stored data is among the copies already. */
export function isCopied(store: CopyStore, snapshot: StoredSnapshot): boolean {
  const wanted = stableJson([snapshot.list ?? null, snapshot.version ?? null]);
  return store.copies.some(
    (copy) => isObject(copy) && stableJson([copy.list ?? null, copy.version ?? null]) === wanted,
  );
}

/** The copies with one more appended. */
export function addCopy(store: CopyStore, snapshot: StoredSnapshot, problem: string, now: number): CopyStore {
  const copy: UnreadableCopy = {
    copiedAt: now,
    problem,
    list: snapshot.list ?? null,
    version: snapshot.version ?? null,
  };
  return { format: COPY_FORMAT, copies: [...store.copies, copy] };
}

/**
 * The file the person downloads: every copy exactly as kept, and, when the data in storage now could
 * not be read and is not copied yet, that data too.
 */
export function unreadableFile(store: CopyStore, current: (StoredSnapshot & { problem: string }) | null, now: number) {
  const doc = {
    format: COPY_FORMAT,
    downloadedAt: new Date(now).toISOString(),
    copies: store.copies,
    ...(current ? { inStorageNow: current } : {}),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
