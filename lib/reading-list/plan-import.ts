// Plans how imported papers join the reading list, without writing anything: pure, linear in the
// size of the file and of the list (identity keys are looked up in maps, never compared pairwise),
// and free of the BibTeX parser, so the background can plan against the list as it is when it writes.
// paper-identity, not saved-list: this module runs in the import worker, where the storage code cannot load.
import { bareArxivId, identityKeys, normaliseTags } from './paper-identity';
import type { SavedPaper } from './saved-list';
import { ImportError, type ImportedPaper } from './types';

/** What an import would do: entries to add, entries to update, and the whole list afterwards. */
export interface ImportPlan {
  add: SavedPaper[];
  /** Each entry that changes, by its place in the list the plan was made against. */
  update: { index: number; before: SavedPaper; after: SavedPaper }[];
  /** Entries of the list that the file named but that gain nothing. */
  unchanged: number;
  /** Entries of the file folded into an earlier entry of the same file. */
  duplicatesInFile: number;
  /** The file's entries after folding its duplicates: what an apply sends, in file order. */
  groups: SavedPaper[];
  /** The reading list after the import: new entries first, then every existing entry. */
  merged: SavedPaper[];
}

// Tags follow the list's own rules (trimmed, lower-case, deduplicated, bounded), as when edited.
const union = (a: string[], b: string[]) => normaliseTags([...a, ...b]);

function mergeNotes(a: string, b: string): string {
  if (!b.trim() || a.includes(b.trim())) return a;
  return a.trim() ? `${a}\n\n${b.trim()}` : b;
}

/** `base` with the ids it lacks, the union of tags, the other note appended and read if either is. */
function mergeInto(base: SavedPaper, extra: SavedPaper): SavedPaper {
  return {
    ...base,
    corpusId: base.corpusId ?? extra.corpusId,
    arxivId: base.arxivId ?? extra.arxivId,
    url: base.url ?? extra.url,
    tags: union(base.tags, extra.tags),
    note: mergeNotes(base.note, extra.note),
    read: base.read || extra.read,
    ...(base.authors?.length ? {} : extra.authors?.length ? { authors: extra.authors } : {}),
  };
}

/** The DOI a saved link names (https://doi.org/10...), lower-cased, or null. */
export function doiOfUrl(url: string | null): string | null {
  const doi = url ? /^https?:\/\/(?:dx\.)?doi\.org\/(10\.\S+)$/i.exec(url)?.[1] : undefined;
  return doi ? decodeURIComponent(doi).toLowerCase() : null;
}

const keyCache = new WeakMap<SavedPaper, string[]>();

/** Every key an entry is found by: its identity keys and its DOI (computed once per entry object). */
function keysOf(entry: SavedPaper): string[] {
  let keys = keyCache.get(entry);
  if (!keys) {
    const doi = doiOfUrl(entry.url);
    keys = doi ? [...identityKeys(entry), `doi:${doi}`] : identityKeys(entry);
    keyCache.set(entry, keys);
  }
  return keys;
}

/** Two entries that agree on a title are still two papers when their arXiv ids or DOIs differ. */
function conflicting(a: SavedPaper, b: SavedPaper): boolean {
  if (a.arxivId && b.arxivId && bareArxivId(a.arxivId) !== bareArxivId(b.arxivId)) return true;
  const [da, db] = [doiOfUrl(a.url), doiOfUrl(b.url)];
  return da !== null && db !== null && da !== db;
}

/** The same paper: a shared corpus id, arXiv id or DOI, or a shared title with no conflicting id. */
function samePaper(a: SavedPaper, b: SavedPaper, key: string): boolean {
  return !key.startsWith('title:') || !conflicting(a, b);
}

/** An imported paper as a new reading-list entry (the same shape savePaper makes). */
function toEntry(p: ImportedPaper, index: number, now: number): SavedPaper {
  const ref = {
    title: p.title.replace(/\s+/g, ' ').trim().slice(0, 1000),
    corpusId: p.corpusId || null,
    arxivId: p.arxivId ? bareArxivId(p.arxivId) : null,
    url: p.url || null,
  };
  const keys = identityKeys(ref);
  if (!ref.title || keys.length === 0) throw new ImportError(`Entry ${index + 1} has no usable title.`);
  const key = p.key && keys.includes(p.key) ? p.key : keys[0]!;
  const entry: SavedPaper = {
    key,
    ...ref,
    savedAt: p.savedAt ?? now,
    tags: union(p.tags, []),
    note: p.note,
    read: p.read ?? false,
  };
  if (p.authors?.length) entry.authors = p.authors;
  return entry;
}

/** Entries by key, each key to the entries holding it in order; lookups check the title rule. */
class KeyIndex {
  private map = new Map<string, number[]>();
  constructor(private entries: (SavedPaper | null)[]) {}
  add(index: number): void {
    for (const key of keysOf(this.entries[index]!)) {
      const list = this.map.get(key);
      if (!list) this.map.set(key, [index]);
      else if (!list.includes(index)) list.push(index);
    }
  }
  /** Every live entry that is the same paper as `entry`, in order. */
  find(entry: SavedPaper): number[] {
    const found = new Set<number>();
    for (const key of keysOf(entry)) {
      for (const i of this.map.get(key) ?? []) {
        const other = this.entries[i];
        if (other && samePaper(other, entry, key)) found.add(i);
      }
    }
    return [...found].sort((a, b) => a - b);
  }
}

/** Folds entries of the file that name the same paper (also through a third entry) into one. */
function foldDuplicates(entries: SavedPaper[]): SavedPaper[] {
  const groups: (SavedPaper | null)[] = [];
  const index = new KeyIndex(groups);
  for (const entry of entries) {
    const matching = index.find(entry);
    if (matching.length === 0) {
      groups.push(entry);
      index.add(groups.length - 1);
      continue;
    }
    const [first, ...rest] = matching as [number, ...number[]];
    let merged = groups[first]!;
    for (const i of rest) {
      merged = mergeInto(merged, groups[i]!);
      groups[i] = null;
    }
    groups[first] = mergeInto(merged, entry);
    index.add(first);
  }
  return groups.filter((g): g is SavedPaper => g !== null);
}

const sameEntry = (a: SavedPaper, b: SavedPaper) => JSON.stringify(a) === JSON.stringify(b);

/** Plans an import without writing anything: duplicates merged (tags united, missing ids filled), no existing entry dropped. */
export function planImport(
  existing: readonly SavedPaper[],
  incoming: readonly ImportedPaper[],
  now: number,
): ImportPlan {
  const entries = incoming.map((p, i) => toEntry(p, i, now));
  const groups = foldDuplicates(entries);
  const current: SavedPaper[] = [...existing];
  const index = new KeyIndex(current);
  current.forEach((_, i) => index.add(i));
  const touched = new Set<number>();
  const add: SavedPaper[] = [];
  for (const group of groups) {
    const [found] = index.find(group);
    if (found === undefined) {
      add.push(group);
    } else {
      current[found] = mergeInto(current[found]!, group);
      index.add(found);
      touched.add(found);
    }
  }
  const update = [...touched]
    .sort((a, b) => a - b)
    .filter((i) => !sameEntry(existing[i]!, current[i]!))
    .map((i) => ({ index: i, before: existing[i]!, after: current[i]! }));
  return {
    add,
    update,
    unchanged: touched.size - update.length,
    duplicatesInFile: entries.length - groups.length,
    groups,
    merged: [...add, ...current],
  };
}
