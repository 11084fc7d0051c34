import { bareArxivId, identityKeys, isSamePaper, normaliseTags } from './paper-identity';
import { updateSavedList } from './saved-store';
import { MAX_TITLE } from './validate-saved';

export { bareArxivId, corpusKey, createPaperFinder, identityKeys, isSamePaper, normaliseTags } from './paper-identity';
export {
  deleteUnreadableCopies,
  keepUnreadableSavedData,
  readSavedList,
  readUnreadableFile,
  isQuotaError,
  SavedListReadOnlyError,
  StorageFullError,
  updateSavedList,
  watchSavedList,
  type SavedListRead,
} from './saved-store';
export { validateSavedList, type SavedListCheck } from './validate-saved';

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
  /**
   * Author names, when known (an imported entry's): a person as BibTeX's "von Last, Jr, First" (a
   * comma always, so "Last, First" at least), any other name (an organisation, "Google DeepMind") as
   * written, with no comma; "others" last when the list was cut (BibTeX's et al.).
   */
  authors?: string[];
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

/** Saves a paper, or returns the entry it already has (filling in ids it lacked): never a duplicate. */
export function savePaper(given: PaperRef, now = Date.now(), opId?: number): Promise<SavedPaper> {
  const ref = { ...given, arxivId: given.arxivId ? bareArxivId(given.arxivId) : null };
  return updateSavedList(
    (papers) => {
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
    },
    opId,
    `save ${quote(ref.title)}`,
  );
}

/** Removes a paper, however it is identified; true when something was removed. */
export function unsavePaper(ref: PaperRef, opId?: number): Promise<boolean> {
  return updateSavedList(
    (papers) => {
      const kept = papers.filter((entry) => !isSamePaper(entry, ref));
      return { papers: kept, result: kept.length !== papers.length };
    },
    opId,
    `remove ${quote(ref.title)}`,
  );
}

/** The fields of an entry a person edits. */
export interface PaperEdit {
  tags?: string[];
  note?: string;
  read?: boolean;
}

const MAX_NOTE = 5000;

/** A title as an error message quotes it: whole unless very long. */
function quote(title: string): string {
  return `“${title.length > 120 ? `${title.slice(0, 119)}…` : title}”`;
}

/** Edits one entry's tags, note or read state; returns the entry, or null when it is not in the list. */
export function editPaper(key: string, edit: PaperEdit, opId?: number): Promise<SavedPaper | null> {
  return updateSavedList(
    (papers) => {
      const existing = papers.find((entry) => entry.key === key);
      if (!existing) return { papers, result: null };
      const edited: SavedPaper = {
        ...existing,
        ...(edit.tags !== undefined ? { tags: normaliseTags(edit.tags) } : {}),
        ...(edit.note !== undefined ? { note: edit.note.slice(0, MAX_NOTE) } : {}),
        ...(edit.read !== undefined ? { read: edit.read } : {}),
      };
      return { papers: papers.map((entry) => (entry === existing ? edited : entry)), result: edited };
    },
    opId,
    'save your changes to this paper',
  );
}

/** Puts a removed entry back exactly as it was (undo); a no-op when the paper is in the list again. */
export function restorePaper(entry: SavedPaper, opId?: number): Promise<boolean> {
  return updateSavedList(
    (papers) => {
      if (papers.some((other) => isSamePaper(other, entry))) return { papers, result: false };
      const restored = [...papers, entry].sort((a, b) => b.savedAt - a.savedAt);
      return { papers: restored, result: true };
    },
    opId,
    `put back ${quote(entry.title)}`,
  );
}
