import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  deleteUnreadableCopies,
  keepUnreadableSavedData,
  readSavedList,
  savePaper,
  type SavedPaper,
} from '../../lib/reading-list/saved-list';
import { COPY_FORMAT, removeCopies, type CopyStore } from '../../lib/reading-list/unreadable';
import { dismissNotice, isDismissed, noticeOf, readDismissal } from '../../lib/reading-list/unreadable-notice';

const GOOD: SavedPaper = {
  key: 'arxiv:2403.03507',
  title: 'GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection',
  corpusId: null,
  arxivId: '2403.03507',
  url: null,
  savedAt: 1_700_000_000_000,
  tags: [],
  note: '',
  read: false,
};
const BAD = { ...GOOD, key: 'title:broken', title: 42 };
const copy = (copiedAt: number, list: unknown = { papers: [BAD] }) => ({ copiedAt, problem: 'p', list, version: null });
const store = (...copies: unknown[]): CopyStore => ({ format: COPY_FORMAT, copies });

beforeEach(() => {
  fakeBrowser.reset();
  vi.useRealTimers();
});

describe('removeCopies', () => {
  it('removes one copy per date shown, keeps copies made later, and removes nothing the second time', () => {
    const before = store(copy(1), copy(2), copy(2), 'a bare value an earlier version kept', copy(9));
    const first = removeCopies(before, [1, 2, 0]);
    expect(first.removed).toBe(3);
    expect(first.store.copies).toEqual([copy(2), copy(9)]);
    expect(removeCopies(first.store, [1, 0]).removed).toBe(0);
  });
});

describe('deleteUnreadableCopies', () => {
  it('deletes the copies the person was shown and no copy kept after', async () => {
    await fakeBrowser.storage.local.set({
      savedList: { papers: [GOOD] },
      savedListUnreadable: store(copy(100), copy(200), copy(300)),
    });
    expect(await deleteUnreadableCopies([100, 200])).toBe(2);
    const after = await readSavedList();
    expect(after.kept.map((c) => c.copiedAt)).toEqual([300]);
    expect(after.papers).toEqual([GOOD]);
    expect(await deleteUnreadableCopies([100, 200])).toBe(0);
  });

  it('with the list itself unreadable and copied, writes back the entries it can read once the copy goes', async () => {
    await fakeBrowser.storage.local.set({ savedList: { papers: [GOOD, BAD] } });
    expect(await keepUnreadableSavedData()).toBe(true);
    const kept = await readSavedList();
    expect([kept.problem, kept.copied, kept.kept.length]).toEqual(['1 of 2 saved entries could not be read.', true, 1]);
    expect(await deleteUnreadableCopies(kept.kept.map((c) => c.copiedAt))).toBe(1);
    const after = await readSavedList();
    expect([after.problem, after.kept, after.papers]).toEqual([null, [], [GOOD]]);
    expect(await fakeBrowser.storage.local.get('savedList')).toEqual({ savedList: { papers: [GOOD] } });
  });

  it('refuses while unreadable data in storage is in no copy, deleting nothing', async () => {
    await fakeBrowser.storage.local.set({
      savedList: { papers: [GOOD, BAD] },
      savedListUnreadable: store(copy(100, 'older')),
    });
    await expect(deleteUnreadableCopies([100])).rejects.toThrow(
      'Paper Lens found saved data it cannot read that is not among the copies you were shown, so it deleted nothing.',
    );
    expect((await readSavedList()).kept).toHaveLength(1);
    expect(await fakeBrowser.storage.local.get('savedList')).toEqual({ savedList: { papers: [GOOD, BAD] } });
  });

  it('refuses for a list from a newer Paper Lens', async () => {
    await fakeBrowser.storage.local.set({
      savedList: { papers: [GOOD] },
      savedList$: { v: 9 },
      savedListUnreadable: store(copy(100)),
    });
    await expect(deleteUnreadableCopies([100])).rejects.toThrow('newer version of Paper Lens');
    expect((await readSavedList()).kept).toHaveLength(1);
  });

  it('runs in the writer queue: a save started at the same time is kept', async () => {
    await fakeBrowser.storage.local.set({ savedList: { papers: [] }, savedListUnreadable: store(copy(100)) });
    await Promise.all([deleteUnreadableCopies([100]), savePaper({ title: 'Another Paper' }, 5)]);
    const after = await readSavedList();
    expect([after.kept, after.papers.map((p) => p.title)]).toEqual([[], ['Another Paper']]);
  });
});

describe('the dismissed notice', () => {
  it('covers exactly the copies it was dismissed for; a copy added later brings it back', async () => {
    const kept = [{ copiedAt: 100, problem: 'p' }];
    expect(noticeOf([])).toBeNull();
    expect(isDismissed(await readDismissal(), kept)).toBe(false);
    await dismissNotice(kept);
    expect(isDismissed(await readDismissal(), kept)).toBe(true);
    expect(isDismissed(await readDismissal(), [...kept, { copiedAt: 200, problem: 'q' }])).toBe(false);
    expect(isDismissed({ copies: '1', newest: 100 }, kept)).toBe(false);
  });
});
