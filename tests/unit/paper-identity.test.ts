import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createPaperFinder, isSamePaper } from '../../lib/reading-list/paper-identity';
import { readSavedList, savePaper, unsavePaper, type PaperRef } from '../../lib/reading-list/saved-list';

beforeEach(() => fakeBrowser.reset());

describe('isSamePaper', () => {
  it.each<[string, PaperRef, PaperRef, boolean]>([
    [
      'same corpus id, other arXiv ids',
      { title: 'A', corpusId: 'x', arxivId: '1' },
      { title: 'B', corpusId: 'x', arxivId: '2' },
      true,
    ],
    [
      'other corpus ids, same arXiv id',
      { title: 'A', corpusId: 'x', arxivId: '2601.10001' },
      { title: 'B', corpusId: 'y', arxivId: '2601.10001' },
      false,
    ],
    ['other corpus ids, same title', { title: 'A', corpusId: 'x' }, { title: 'a', corpusId: 'y' }, false],
    [
      'one corpus id, same arXiv id (a PDF named from its id)',
      { title: 'A', corpusId: 'x', arxivId: '2601.10001v2' },
      { title: '', arxivId: '2601.10001' },
      true,
    ],
    [
      'other arXiv ids, same title',
      { title: 'Attention', arxivId: '2601.00001' },
      { title: 'attention', arxivId: '2601.00002' },
      false,
    ],
    ['one arXiv id, same title', { title: 'Pre-Training X', arxivId: '2601.00001' }, { title: 'pre training x' }, true],
    ['titles only', { title: 'Pre-Training X' }, { title: 'Other' }, false],
    ['empty titles never match', { title: '' }, { title: ' ' }, false],
  ])('%s', (_, a, b, same) => {
    expect(isSamePaper(a, b)).toBe(same);
    expect(isSamePaper(b, a)).toBe(same);
  });
});

describe('createPaperFinder', () => {
  it('finds the entry isSamePaper names, among entries sharing a key', () => {
    const a = { title: 'Paper A', corpusId: 'a', arxivId: '2601.10001' };
    const b = { title: 'Paper B', corpusId: 'b', arxivId: '2601.10001' };
    const find = createPaperFinder([a, b]);
    expect(find({ title: 'Paper B on a listing', corpusId: 'b', arxivId: '2601.10001' })).toBe(b);
    expect(find({ title: 'x', corpusId: 'c', arxivId: '2601.10001' })).toBeUndefined();
    expect(find({ title: 'Paper A' })).toBe(a);
  });
});

describe('savePaper across listings that reuse arXiv ids', () => {
  it('keeps two corpus papers apart when a page gives them the same arXiv id, and removes only the one named', async () => {
    await savePaper({ title: 'Paper A', corpusId: 'a', arxivId: '2601.10001' }, 1);
    await savePaper({ title: 'Paper B', corpusId: 'b', arxivId: '2601.10001' }, 2);
    expect((await readSavedList()).papers.map((p) => p.key)).toEqual(['corpus:b', 'corpus:a']);
    expect(await unsavePaper({ title: 'Paper A', corpusId: 'a', arxivId: '2601.10001' })).toBe(true);
    expect((await readSavedList()).papers.map((p) => p.key)).toEqual(['corpus:b']);
  });
});
