import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { applyImportWrite } from '../../lib/reading-list/apply-import';
import { listBasis } from '../../lib/reading-list/import-write';
import { recordOp } from '../../lib/reading-list/op-log';
import { editPaper, readSavedList, savePaper, unsavePaper } from '../../lib/reading-list/saved-list';

beforeEach(() => fakeBrowser.reset());

const GALORE = {
  title: 'GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection',
  arxivId: '2403.03507',
};
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const titles = async () => (await readSavedList()).papers.map((p) => p.title);

describe('updateSavedList with a change id (a message sent again after its answer was lost)', () => {
  it('applies a change once: a repeated save after a later remove does not bring the paper back', async () => {
    const saved = await savePaper(GALORE, 1, 101);
    expect(await unsavePaper(GALORE, 102)).toBe(true);
    // The save's first answer was lost when the worker stopped; its retry arrives now.
    expect(await savePaper(GALORE, 2, 101)).toEqual({ ...saved, savedAt: 2 });
    expect(await titles()).toEqual([]);
  });

  it('a repeated remove after a later save leaves the paper saved, and answers as the first time did', async () => {
    await savePaper(GALORE, 1, 201);
    expect(await unsavePaper(GALORE, 202)).toBe(true);
    await savePaper(GALORE, 3, 203);
    expect(await unsavePaper(GALORE, 202)).toBe(true);
    expect(await titles()).toEqual([GALORE.title]);
  });

  it('a repeated import is not merged twice and reports its first counts', async () => {
    const paper = { key: 'arxiv:2403.03507', ...GALORE, corpusId: null, url: null, savedAt: 1 };
    const write = { basis: listBasis([]), add: [{ ...paper, tags: ['a'], note: 'first', read: false }], update: [] };
    const first = await applyImportWrite({ ...write, unchanged: 0 }, 301);
    expect(first).toEqual({ added: 1, updated: 0, unchanged: 0 });
    await editPaper('arxiv:2403.03507', { note: 'edited since' }, 302);
    // The list is no longer the one planned against, but the retry is answered from the op log.
    expect(await applyImportWrite({ ...write, unchanged: 0 }, 301)).toEqual(first);
    expect((await readSavedList()).papers.map((p) => p.note)).toEqual(['edited since']);
  });

  it('changes without an id (tests, direct calls) behave as before', async () => {
    await savePaper(GALORE, 1);
    await unsavePaper(GALORE);
    await savePaper(GALORE, 2);
    expect(await titles()).toEqual([GALORE.title]);
  });

  it('writes the id in the same storage call as the list', async () => {
    const writes: Record<string, unknown>[] = [];
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    fakeBrowser.storage.local.set = async (items: Record<string, unknown>) => {
      writes.push(items);
      return set(items);
    };
    await savePaper(GALORE, 1, 401);
    expect(writes.map((w) => Object.keys(w).sort())).toEqual([['savedList', 'savedListOps']]);
  });
});

describe('recordOp', () => {
  it('keeps the last 500 changes of the last ten minutes, and small answers only', () => {
    let log = recordOp([], 1, { key: 'x'.repeat(300) }, 0);
    expect(log).toEqual([[1, 0]]);
    for (let id = 2; id <= 600; id++) log = recordOp(log, id, true, id);
    expect(log).toHaveLength(500);
    expect(log[0]).toEqual([101, 101, true]);
    expect(recordOp(log, 999, false, 10 * 60_000 + 300).map((r) => r[0])).toEqual([...range(301, 600), 999]);
  });
});
