import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  editPaper,
  isQuotaError,
  readSavedList,
  savePaper,
  StorageFullError,
  unsavePaper,
} from '../../lib/reading-list/saved-list';

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.restoreAllMocks());

/** The browser's storage.local refusing every write from now on, as Chrome does past its quota. */
function fillStorage(error: unknown): void {
  vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(error);
}

const chromeQuota = new Error('Resource::kQuotaBytes quota exceeded');
const idbQuota = Object.assign(new Error(''), { name: 'QuotaExceededError' });

describe('isQuotaError', () => {
  it.each([
    [chromeQuota, true],
    [idbQuota, true],
    [new Error('NS_ERROR_DOM_QUOTA_REACHED'), true],
    ['QUOTA_BYTES quota exceeded', true],
    [new Error('Could not establish connection'), false],
    [new TypeError('x is undefined'), false],
  ])('%s -> %s', (error, quota) => {
    expect(isQuotaError(error)).toBe(quota);
  });
});

describe('a write the browser refuses for lack of space', () => {
  it.each([
    ['storage.local', chromeQuota],
    ['IndexedDB', idbQuota],
  ])('(%s) is a StorageFullError saying what did not happen, and loses nothing', async (_, error) => {
    await savePaper({ title: 'Kept Paper', corpusId: 'kept' }, 1);
    const before = await fakeBrowser.storage.local.get(null);
    fillStorage(error);
    const refused = savePaper({ title: 'GaLore: Memory-Efficient LLM Training', corpusId: 'galore' }, 2);
    await expect(refused).rejects.toThrow(StorageFullError);
    await expect(refused).rejects.toMatchObject({
      name: 'StorageFullError',
      message:
        "Paper Lens could not save “GaLore: Memory-Efficient LLM Training”: the browser's storage is full. " +
        'Nothing was changed and nothing already saved was lost. Remove some saved papers (or free space for the browser) and try again.',
    });
    await expect(unsavePaper({ title: 'Kept Paper', corpusId: 'kept' })).rejects.toThrow(
      "Paper Lens could not remove “Kept Paper”: the browser's storage is full.",
    );
    await expect(editPaper('corpus:kept', { note: 'x' })).rejects.toThrow(
      "Paper Lens could not save your changes to this paper: the browser's storage is full.",
    );
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
    expect((await readSavedList()).papers.map((p) => p.title)).toEqual(['Kept Paper']);

    // Space again: the list is usable, the write queue was not stuck behind the refusals.
    vi.restoreAllMocks();
    await savePaper({ title: 'GaLore: Memory-Efficient LLM Training', corpusId: 'galore' }, 3);
    expect((await readSavedList()).papers.map((p) => p.key)).toEqual(['corpus:galore', 'corpus:kept']);
  });

  it('other storage errors pass through unchanged', async () => {
    fillStorage(new Error('IO error: disk on fire'));
    await expect(savePaper({ title: 'A' }, 1)).rejects.toThrow(/^IO error: disk on fire$/);
  });
});
