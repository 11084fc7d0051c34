// Plans how imported papers join the reading list, without writing anything: pure, and free of
// the BibTeX parser, so the background can re-plan against the list as it is when it writes.
import { bareArxivId, identityKeys, isSamePaper, normaliseTags, type SavedPaper } from '../storage/saved-list';
import { ImportError, type ImportedPaper } from './types';

/** What an import would do: entries to add, entries to update, and the whole list afterwards. */
export interface ImportPlan {
  add: SavedPaper[];
  update: { before: SavedPaper; after: SavedPaper }[];
  /** Entries of the list that the file named but that gain nothing. */
  unchanged: number;
  /** Entries of the file folded into an earlier entry of the same file. */
  duplicatesInFile: number;
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
  };
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
  return { key, ...ref, savedAt: p.savedAt ?? now, tags: union(p.tags, []), note: p.note, read: p.read ?? false };
}

const sameEntry = (a: SavedPaper, b: SavedPaper) => JSON.stringify(a) === JSON.stringify(b);

/** Folds entries of the file that name the same paper (also through a third entry) into one. */
function foldDuplicates(entries: SavedPaper[]): SavedPaper[] {
  const groups: SavedPaper[] = [];
  for (const entry of entries) {
    const matching = groups.filter((g) => isSamePaper(g, entry));
    if (matching.length === 0) {
      groups.push(entry);
      continue;
    }
    const merged = [...matching.slice(1), entry].reduce(mergeInto, matching[0]!);
    groups.splice(groups.indexOf(matching[0]!), 1, merged);
    for (const g of matching.slice(1)) groups.splice(groups.indexOf(g), 1);
  }
  return groups;
}

/** Plans an import without writing anything: duplicates merged (tags united, missing ids filled), no existing entry dropped. */
export function planImport(
  existing: readonly SavedPaper[],
  incoming: readonly ImportedPaper[],
  now: number,
): ImportPlan {
  const entries = incoming.map((p, i) => toEntry(p, i, now));
  const groups = foldDuplicates(entries);
  const current = [...existing];
  const touched = new Set<number>();
  const add: SavedPaper[] = [];
  for (const group of groups) {
    const index = current.findIndex((entry) => isSamePaper(entry, group));
    if (index < 0) {
      add.push(group);
    } else {
      current[index] = mergeInto(current[index]!, group);
      touched.add(index);
    }
  }
  const update = [...touched]
    .sort((a, b) => a - b)
    .filter((i) => !sameEntry(existing[i]!, current[i]!))
    .map((i) => ({ before: existing[i]!, after: current[i]! }));
  return {
    add,
    update,
    unchanged: touched.size - update.length,
    duplicatesInFile: entries.length - groups.length,
    merged: [...add, ...current],
  };
}
