import { describe, expect, it } from 'vitest';
import { createSavedSync } from '../../content/saved-sync';
import type { ContentApi } from '../../content/types';
import type { PaperRef, SavedPaper } from '../../lib/reading-list/saved-list';

const entry = (corpusId: string, title: string): SavedPaper => ({
  key: `corpus:${corpusId}`,
  title,
  corpusId,
  arxivId: null,
  url: null,
  savedAt: 1,
  tags: [],
  note: '',
  read: false,
});

/** A saved list whose first read answers when told to, and whose changes the test emits. */
function fakeList() {
  let answer!: (papers: SavedPaper[]) => void;
  let watcher: ((papers: SavedPaper[]) => void) | null = null;
  const calls: [string, PaperRef][] = [];
  const api = {
    readSaved: () => new Promise<SavedPaper[]>((resolve) => (answer = resolve)),
    watchSaved(callback: (papers: SavedPaper[]) => void) {
      watcher = callback;
      return () => (watcher = null);
    },
    call: async (name: 'savePaper' | 'unsavePaper', ref: PaperRef) =>
      calls.push([name === 'savePaper' ? 'save' : 'unsave', ref]),
  } as unknown as ContentApi;
  return {
    api,
    calls,
    answer: (papers: SavedPaper[]) => answer(papers),
    emit: (papers: SavedPaper[]) => watcher?.(papers),
    watching: () => watcher !== null,
  };
}

describe('createSavedSync', () => {
  it('applies the first read, then every change, and tells the page each time', async () => {
    const list = fakeList();
    let changes = 0;
    const sync = createSavedSync(list.api, () => changes++);
    sync.read();
    list.answer([entry('a', 'Paper A')]);
    await sync.ready;
    expect([changes, sync.isSaved({ title: 'x', corpusId: 'a' }), sync.isSavedId('a'), sync.isSavedId('b')]).toEqual([
      1,
      true,
      true,
      false,
    ]);
    // Any identity counts for a badge: the title alone finds the entry saved under its corpus id.
    expect(sync.isSaved({ title: 'Paper A' })).toBe(true);
    list.emit([entry('b', 'Paper B')]);
    expect([changes, sync.isSavedId('a'), sync.isSavedId('b')]).toEqual([2, false, true]);
  });

  it('keeps a change that arrived while the first read was under way over that older read', async () => {
    const list = fakeList();
    const sync = createSavedSync(list.api, () => {});
    sync.read();
    list.emit([entry('new', 'Saved meanwhile')]);
    list.answer([]);
    await sync.ready;
    expect(sync.isSavedId('new')).toBe(true);
  });

  it('counts a failed first read as an empty list, so badges still come', async () => {
    const list = fakeList();
    const api = { ...list.api, readSaved: () => Promise.reject(new Error('storage gone')) };
    const sync = createSavedSync(api, () => {});
    sync.read();
    await expect(sync.ready).resolves.toBeUndefined();
    expect(sync.isSavedId('a')).toBe(false);
  });

  it('toggles: saves an unsaved paper and removes a saved one; stop() stops following', async () => {
    const list = fakeList();
    const sync = createSavedSync(list.api, () => {});
    const ref = { title: 'Paper A', corpusId: 'a' };
    sync.toggle(ref);
    list.emit([entry('a', 'Paper A')]);
    sync.toggle(ref);
    expect(list.calls).toEqual([
      ['save', ref],
      ['unsave', ref],
    ]);
    sync.stop();
    expect(list.watching()).toBe(false);
  });
});
