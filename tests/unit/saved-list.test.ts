import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  editPaper,
  identityKeys,
  normaliseTags,
  readSavedList,
  restorePaper,
  savePaper,
  unsavePaper,
  validateSavedList,
} from '../../lib/reading-list/saved-list';

beforeEach(() => fakeBrowser.reset());

describe('identityKeys', () => {
  it('lists every identity a paper can be known by, arXiv versions dropped', () => {
    expect(identityKeys({ title: 'Pre-Training X', corpusId: 'x-1', arxivId: '2403.03507v2' })).toEqual([
      'corpus:x-1',
      'arxiv:2403.03507',
      'title:pretrainingx',
    ]);
  });
});

describe('savePaper and unsavePaper', () => {
  it('keeps the newest first and never saves the same paper twice', async () => {
    await savePaper({ title: 'First Paper', arxivId: '2401.00001' }, 1);
    await savePaper({ title: 'Second Paper' }, 2);
    await savePaper({ title: 'first paper (again, by id)', arxivId: '2401.00001v3' }, 3);
    expect((await readSavedList()).papers.map((p) => [p.title, p.savedAt])).toEqual([
      ['Second Paper', 2],
      ['First Paper', 1],
    ]);
    expect(await unsavePaper({ title: 'SECOND PAPER' })).toBe(true);
    expect(await unsavePaper({ title: 'Never Saved' })).toBe(false);
    expect((await readSavedList()).papers.map((p) => p.title)).toEqual(['First Paper']);
  });

  it('loses nothing when many saves arrive at once', async () => {
    await Promise.all(Array.from({ length: 100 }, (_, i) => savePaper({ title: `Paper ${i}` }, i)));
    const { papers } = await readSavedList();
    expect(papers).toHaveLength(100);
    expect(papers[0]!.title).toBe('Paper 99');
  });
});

describe('editPaper and restorePaper', () => {
  it('edits tags (normalised), note and read state', async () => {
    const saved = await savePaper({ title: 'A Paper' }, 1);
    const edited = await editPaper(saved.key, { tags: [' RL ', 'rl', 'Vision'], note: 'read §3', read: true });
    expect(edited).toMatchObject({ tags: ['rl', 'vision'], note: 'read §3', read: true });
    expect(await editPaper('title:nothing', { read: true })).toBeNull();
  });

  it('undoes a removal exactly, in date order', async () => {
    await savePaper({ title: 'Old' }, 1);
    const middle = await savePaper({ title: 'Middle' }, 2);
    await savePaper({ title: 'New' }, 3);
    await editPaper(middle.key, { note: 'keep me' });
    const [before] = (await readSavedList()).papers.filter((p) => p.key === middle.key);
    await unsavePaper(middle);
    expect(await restorePaper(before!)).toBe(true);
    expect(await restorePaper(before!)).toBe(false);
    const { papers } = await readSavedList();
    expect(papers.map((p) => p.title)).toEqual(['New', 'Middle', 'Old']);
    expect(papers[1]).toEqual(before);
  });
});

describe('validateSavedList', () => {
  it('keeps the readable entries and says what it could not read', () => {
    const good = {
      key: 'title:a',
      title: 'A',
      corpusId: null,
      arxivId: null,
      url: null,
      savedAt: 1,
      tags: [],
      note: '',
      read: false,
    };
    expect(validateSavedList({ papers: [good, { ...good, savedAt: 'yesterday' }, null] })).toEqual({
      papers: [good],
      problem: '2 of 3 saved entries could not be read.',
    });
    expect(validateSavedList(7)).toEqual({
      papers: [],
      problem: 'The saved list is not in a form Paper Lens can read (it is a number).',
    });
  });

  it('copies unreadable stored data aside before the first write replaces it', async () => {
    await fakeBrowser.storage.local.set({ savedList: { papers: [{ bogus: true }] } });
    await savePaper({ title: 'New' }, 1);
    const stored = await fakeBrowser.storage.local.get('savedListUnreadable');
    expect(stored.savedListUnreadable).toEqual({
      format: 'paper-lens-unreadable-data',
      copies: [
        {
          copiedAt: expect.any(Number),
          problem: '1 of 1 saved entry could not be read.',
          list: { papers: [{ bogus: true }] },
          version: null,
        },
      ],
    });
  });
});

describe('normaliseTags', () => {
  it('trims, lower-cases, de-duplicates and drops empty tags', () => {
    expect(normaliseTags([' A ', 'a', '', 'B'])).toEqual(['a', 'b']);
  });
});
