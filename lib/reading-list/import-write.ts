// The write an import preview promises, as data: the entries to add and the entries to replace (by
// their place in the list), plus a fingerprint of the list the plan was made against. The popup
// sends exactly this; the background checks that the list is still the one planned against and
// then writes it as it is, without planning anything again. Pure: no parser, no browser APIs.
import type { ImportPlan } from './plan-import';
import type { SavedPaper } from './saved-list';
import { ImportError } from './types';

/** What applying a previewed import writes. */
export interface ImportWrite {
  /** listBasis() of the list the plan was made against. */
  basis: string;
  add: SavedPaper[];
  update: { index: number; entry: SavedPaper }[];
  /** Entries the file named that the list already holds as they are: written as they are. */
  unchanged: number;
}

/** One message's share of an ImportWrite (at most IMPORT_LIMITS.papersPerMessage entries in all). */
export interface ImportWritePart {
  add: SavedPaper[];
  update: { index: number; entry: SavedPaper }[];
}

/**
 * A fingerprint of a reading list: 64 bits of two FNV-1a hashes (different offsets) over its JSON,
 * and its length. Linear; equal lists give equal fingerprints, and any edit of any entry changes it
 * but for a chance of about one in 2^64.
 */
export function listBasis(papers: readonly SavedPaper[]): string {
  const text = JSON.stringify(papers);
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return `${papers.length}:${text.length}:${(a >>> 0).toString(16)}${(b >>> 0).toString(16)}`;
}

/** The write of a plan made against `existing`. */
export function writeOfPlan(plan: ImportPlan, existing: readonly SavedPaper[]): ImportWrite {
  return {
    basis: listBasis(existing),
    add: plan.add,
    update: plan.update.map(({ index, after }) => ({ index, entry: after })),
    unchanged: plan.unchanged,
  };
}

/**
 * Entries in one part of a write as the popup sends it: small enough that receiving it from the
 * worker and sending it to the background each take the popup's thread a few milliseconds (a part
 * of 5,000 took 40-90 ms to receive alone), far below IMPORT_LIMITS.papersPerMessage.
 */
export const PART_SIZE = 500;

/** The write in parts of at most `max` entries, in order (one part, maybe empty, at least). */
export function writeParts(write: ImportWrite, max = PART_SIZE): ImportWritePart[] {
  const parts: ImportWritePart[] = [];
  for (let i = 0; i < write.add.length; i += max) parts.push({ add: write.add.slice(i, i + max), update: [] });
  for (let i = 0; i < write.update.length; i += max) parts.push({ add: [], update: write.update.slice(i, i + max) });
  return parts.length > 0 ? parts : [{ add: [], update: [] }];
}

/** Thrown when the list changed between the preview and the apply: nothing is written. */
export class StaleImportError extends ImportError {
  constructor() {
    super('The reading list changed after the preview was made. Choose the file again to see a new preview.');
    this.name = 'StaleImportError';
  }
}

/**
 * The list after a write: the added entries, then every entry of `current` with the planned ones
 * replaced, newest first (an imported paper takes its place by the date it was saved). Throws
 * StaleImportError when `current` is not the list the write was planned against.
 */
export function applyWrite(current: readonly SavedPaper[], write: ImportWrite): SavedPaper[] {
  if (listBasis(current) !== write.basis) throw new StaleImportError();
  const next = [...current];
  for (const { index, entry } of write.update) {
    if (!Number.isInteger(index) || index < 0 || index >= next.length) throw new StaleImportError();
    next[index] = entry;
  }
  return [...write.add, ...next].sort((a, b) => b.savedAt - a.savedAt);
}
