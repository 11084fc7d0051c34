import { storage } from 'wxt/utils/storage';
import { matchKey } from '../text/normalize';

/** One entry of the reading list: a corpus paper or any other paper seen on a page. */
export interface SavedPaper {
  /** The entry's primary identity: corpus:<id>, arxiv:<id> or title:<matching key>. */
  key: string;
  title: string;
  corpusId: string | null;
  arxivId: string | null;
  url: string | null;
  savedAt: number;
  tags: string[];
  note: string;
  read: boolean;
}

/** What is needed to save or find a paper: a title and whatever ids are known. */
export interface PaperRef {
  title: string;
  corpusId?: string | null;
  arxivId?: string | null;
  url?: string | null;
}

/** The stored shape, schema version 1. */
export interface SavedListData {
  papers: SavedPaper[];
}

/** The reading list as read, and what could not be read (kept aside, never overwritten). */
export interface SavedListRead {
  papers: SavedPaper[];
  problem: string | null;
}

// @wxt-dev/storage (WXT's storage) keeps the schema version beside the value and runs migrations
// on read; this module adds validation on every read on top of it.
const savedListItem = storage.defineItem<SavedListData>('local:savedList', {
  fallback: { papers: [] },
  version: 1,
});
const backupItem = storage.defineItem<unknown>('local:savedListUnreadable');

const MAX_TITLE = 1000;

/** An arXiv id without its version suffix ('2403.03507v2' -> '2403.03507'). */
export function bareArxivId(id: string): string {
  return id.replace(/v\d+$/, '');
}

/** Every identity a paper can be recognised by: the same paper reached from abs, PDF, HTML or HF is one. */
export function identityKeys(ref: PaperRef): string[] {
  const keys: string[] = [];
  if (ref.corpusId) keys.push(`corpus:${ref.corpusId}`);
  if (ref.arxivId) keys.push(`arxiv:${bareArxivId(ref.arxivId)}`);
  const title = matchKey(ref.title);
  if (title) keys.push(`title:${title}`);
  return keys;
}

/** True when a saved entry is the paper `ref` names, by any of its identities. */
export function isSamePaper(entry: SavedPaper, ref: PaperRef): boolean {
  const mine = new Set(identityKeys(entry));
  return identityKeys(ref).some((key) => mine.has(key));
}

function nullableString(x: unknown): boolean {
  return x === null || typeof x === 'string';
}

function isSavedPaper(value: unknown): value is SavedPaper {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.key === 'string' &&
    typeof v.title === 'string' &&
    v.title.length > 0 &&
    v.title.length <= MAX_TITLE &&
    nullableString(v.corpusId) &&
    nullableString(v.arxivId) &&
    nullableString(v.url) &&
    typeof v.savedAt === 'number' &&
    Number.isFinite(v.savedAt) &&
    Array.isArray(v.tags) &&
    v.tags.every((t) => typeof t === 'string') &&
    typeof v.note === 'string' &&
    typeof v.read === 'boolean'
  );
}

/** Checks stored data: the valid entries, and a description of anything that was not. */
export function validateSavedList(raw: unknown): SavedListRead {
  if (typeof raw !== 'object' || raw === null || !Array.isArray((raw as SavedListData).papers)) {
    return { papers: [], problem: 'the saved list is not in a shape Paper Lens can read' };
  }
  const all = (raw as SavedListData).papers as unknown[];
  const papers = all.filter(isSavedPaper);
  const bad = all.length - papers.length;
  return { papers, problem: bad > 0 ? `${bad} saved entr${bad === 1 ? 'y' : 'ies'} could not be read` : null };
}

/** Reads and validates the reading list. */
export async function readSavedList(): Promise<SavedListRead> {
  return validateSavedList(await savedListItem.getValue());
}

/** Calls back with the validated list whenever it changes, in any context. */
export function watchSavedList(callback: (list: SavedListRead) => void): () => void {
  return savedListItem.watch((value) => callback(validateSavedList(value)));
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs one read-modify-write of the list at a time (exported for the import, which plans
 * against the list as it is at that moment). Only the background writes, so this queue is
 * the single writer; an unreadable list is copied aside before the first write replaces it.
 */
export async function updateSavedList<T>(
  change: (papers: SavedPaper[]) => { papers: SavedPaper[]; result: T },
): Promise<T> {
  const run = queue.then(async () => {
    const raw = await savedListItem.getValue();
    const read = validateSavedList(raw);
    if (read.problem && (await backupItem.getValue()) === null) await backupItem.setValue(raw);
    const { papers, result } = change(read.papers);
    await savedListItem.setValue({ papers });
    return result;
  });
  queue = run.catch(() => undefined);
  return run;
}

/** Saves a paper, or returns the entry it already has (filling in ids it lacked): never a duplicate. */
export function savePaper(given: PaperRef, now = Date.now()): Promise<SavedPaper> {
  const ref = { ...given, arxivId: given.arxivId ? bareArxivId(given.arxivId) : null };
  return updateSavedList((papers) => {
    const existing = papers.find((entry) => isSamePaper(entry, ref));
    if (existing) {
      const merged = {
        ...existing,
        corpusId: existing.corpusId ?? ref.corpusId ?? null,
        arxivId: existing.arxivId ?? ref.arxivId ?? null,
        url: existing.url ?? ref.url ?? null,
      };
      return { papers: papers.map((entry) => (entry === existing ? merged : entry)), result: merged };
    }
    const key = identityKeys(ref)[0];
    if (!key) throw new Error('a paper needs a title or an id to be saved');
    const entry: SavedPaper = {
      key,
      title: ref.title.slice(0, MAX_TITLE),
      corpusId: ref.corpusId ?? null,
      arxivId: ref.arxivId,
      url: ref.url ?? null,
      savedAt: now,
      tags: [],
      note: '',
      read: false,
    };
    return { papers: [entry, ...papers], result: entry };
  });
}

/** Removes a paper, however it is identified; true when something was removed. */
export function unsavePaper(ref: PaperRef): Promise<boolean> {
  return updateSavedList((papers) => {
    const kept = papers.filter((entry) => !isSamePaper(entry, ref));
    return { papers: kept, result: kept.length !== papers.length };
  });
}

/** The fields of an entry a person edits. */
export interface PaperEdit {
  tags?: string[];
  note?: string;
  read?: boolean;
}

const MAX_TAGS = 50;
const MAX_TAG = 60;
const MAX_NOTE = 5000;

/** Tags trimmed, lower-cased, unique, bounded. */
export function normaliseTags(tags: string[]): string[] {
  const clean = tags.map((tag) => tag.trim().toLowerCase().slice(0, MAX_TAG)).filter(Boolean);
  return [...new Set(clean)].slice(0, MAX_TAGS);
}

/** Edits one entry's tags, note or read state; returns the entry, or null when it is not in the list. */
export function editPaper(key: string, edit: PaperEdit): Promise<SavedPaper | null> {
  return updateSavedList((papers) => {
    const existing = papers.find((entry) => entry.key === key);
    if (!existing) return { papers, result: null };
    const edited: SavedPaper = {
      ...existing,
      ...(edit.tags !== undefined ? { tags: normaliseTags(edit.tags) } : {}),
      ...(edit.note !== undefined ? { note: edit.note.slice(0, MAX_NOTE) } : {}),
      ...(edit.read !== undefined ? { read: edit.read } : {}),
    };
    return { papers: papers.map((entry) => (entry === existing ? edited : entry)), result: edited };
  });
}

/** Puts a removed entry back exactly as it was (undo); a no-op when the paper is in the list again. */
export function restorePaper(entry: SavedPaper): Promise<boolean> {
  return updateSavedList((papers) => {
    if (papers.some((other) => isSamePaper(other, entry))) return { papers, result: false };
    const restored = [...papers, entry].sort((a, b) => b.savedAt - a.savedAt);
    return { papers: restored, result: true };
  });
}
