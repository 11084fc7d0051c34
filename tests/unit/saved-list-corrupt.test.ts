import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import { applyImportWrite } from '../../lib/reading-list/apply-import';
import {
  editPaper,
  keepUnreadableSavedData,
  readSavedList,
  readUnreadableFile,
  restorePaper,
  savePaper,
  unsavePaper,
  watchSavedList,
  type SavedListRead,
  type SavedPaper,
} from '../../lib/reading-list/saved-list';

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

const entry = (over: Partial<SavedPaper> = {}): SavedPaper => ({
  key: 'arxiv:2403.03507',
  title: 'GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection',
  corpusId: null,
  arxivId: '2403.03507',
  url: 'https://arxiv.org/abs/2403.03507',
  savedAt: 1_700_000_000_000,
  tags: ['optimizers'],
  note: 'Compare with LoRA.',
  read: false,
  ...over,
});
const FIRST = entry();
const SECOND = entry({
  key: 'title:attentionisallyouneed',
  title: 'Attention Is All You Need',
  arxivId: null,
  url: null,
});
const NEW = { title: 'Synthetic continued pretraining', arxivId: '2409.07431' };

const local = fakeBrowser.storage.local;
async function stored(): Promise<Record<string, unknown>> {
  return local.get(null);
}
async function put(values: Record<string, unknown>): Promise<void> {
  await local.set(values);
}

/** What the copies key holds, as a test expects it. */
const copyStore = (...copies: { problem: string; list: unknown; version?: unknown }[]) => ({
  format: 'paper-lens-unreadable-data',
  copies: copies.map((c) => ({
    copiedAt: expect.any(Number),
    problem: c.problem,
    list: c.list,
    version: c.version ?? null,
  })),
});

/** Stores `raw`, checks how it reads, then that the first write keeps a verbatim copy and the readable entries. */
async function expectSurvives(raw: unknown, readable: SavedPaper[], problem: string): Promise<void> {
  await put({ savedList: raw });
  const read = await readSavedList();
  expect(read).toEqual({ papers: readable, problem, readOnly: false, kept: [], copied: false });
  const saved = await savePaper(NEW, 5);
  const after = await stored();
  expect(after.savedListUnreadable).toEqual(copyStore({ problem, list: raw }));
  expect(after.savedList).toEqual({ papers: [saved, ...readable] });
  const reread = await readSavedList();
  expect(reread).toEqual({
    papers: [saved, ...readable],
    problem: null,
    readOnly: false,
    kept: [{ copiedAt: expect.any(Number), problem }],
    copied: false,
  });
}

// Every field of SavedPaper with values of the wrong type, cut short, or missing.
const WRONG: [keyof SavedPaper, unknown[]][] = [
  ['key', [7, null, '', [], {}, true]],
  ['title', [7, null, '', '   ', 'x'.repeat(1001), ['a'], { text: 'a' }]],
  ['corpusId', [7, [], {}, true]],
  ['arxivId', [2403.03507, [], {}, false]],
  ['url', [7, [], { href: 'https://arxiv.org/' }, true]],
  ['savedAt', ['yesterday', '1700000000000', null, [], {}, true]],
  ['tags', ['a, b', [1], ['a', null], null, {}, 7]],
  ['note', [null, 7, [], {}, false]],
  ['read', ['true', 1, 0, null, [], {}]],
];
const FIELD_CASES = WRONG.flatMap(([field, values]) => [
  ...values.map(
    (value) => [field, JSON.stringify(value).slice(0, 30), { ...FIRST, key: 'title:broken', [field]: value }] as const,
  ),
  [
    field,
    '(missing)',
    Object.fromEntries(Object.entries({ ...FIRST, key: 'title:broken' }).filter(([k]) => k !== field)),
  ] as const,
]);

describe('readSavedList and the first write, with one unreadable entry', () => {
  it.each(FIELD_CASES)(
    '%s = %s: keeps the two readable entries, copies the list verbatim before writing',
    async (_f, _v, bad) => {
      await expectSurvives(
        { papers: [FIRST, bad, SECOND] },
        [FIRST, SECOND],
        '1 of 3 saved entries could not be read.',
      );
    },
  );

  it('keeps unknown extra fields of a readable entry (a newer field is not a reason to drop a paper)', async () => {
    const extra = { ...FIRST, starred: true };
    await put({ savedList: { papers: [extra] } });
    expect((await readSavedList()).papers).toEqual([extra]);
    await savePaper(NEW, 5);
    expect(((await stored()).savedList as { papers: unknown[] }).papers[1]).toEqual(extra);
  });
});

describe('readSavedList and the first write, with a list of the wrong shape', () => {
  const truncated = JSON.stringify({ papers: [FIRST, SECOND] }).slice(0, 80);
  it.each([
    ['a number', 42, [], 'The saved list is not in a form Paper Lens can read (it is a number).'],
    ['true', true, [], 'The saved list is not in a form Paper Lens can read (it is a boolean).'],
    [
      'an object without papers',
      { items: [FIRST] },
      [],
      'The saved list is not in a form Paper Lens can read (it has no papers).',
    ],
    [
      'papers as text',
      { papers: 'none' },
      [],
      'The saved list is not in a form Paper Lens can read (its papers are text).',
    ],
    [
      'papers as null',
      { papers: null },
      [],
      'The saved list is not in a form Paper Lens can read (its papers are null).',
    ],
    [
      'papers as an object',
      { papers: { 0: FIRST } },
      [],
      'The saved list is not in a form Paper Lens can read (its papers are an object).',
    ],
    [
      'truncated JSON text',
      truncated,
      [],
      'The saved list is text that is not valid JSON (it may have been cut short).',
    ],
    ['plain text', 'hello', [], 'The saved list is text that is not valid JSON (it may have been cut short).'],
    [
      'the list as JSON text',
      JSON.stringify({ papers: [FIRST, 5] }),
      [FIRST],
      'The saved list was stored as text. 1 of 2 saved entries could not be read.',
    ],
    [
      'a bare list of entries',
      [FIRST, 'x', SECOND],
      [FIRST, SECOND],
      'The saved list is a bare list of entries. 1 of 3 saved entries could not be read.',
    ],
    ['an empty list', [], [], 'The saved list is a bare list of entries.'],
    [
      'unknown top-level fields',
      { papers: [FIRST], owner: 'me', v: 3 },
      [FIRST],
      'The saved list has fields Paper Lens does not know (owner, v).',
    ],
    ['every entry unreadable', { papers: [null, 7, 'x', [], {}] }, [], '5 of 5 saved entries could not be read.'],
  ] as const)('%s', async (_name, raw, readable, problem) => {
    await expectSurvives(raw, [...readable], problem);
  });

  it('reads null and nothing stored as an empty list, with nothing to report or copy', async () => {
    await put({ savedList: null });
    expect(await readSavedList()).toEqual({ papers: [], problem: null, readOnly: false, kept: [], copied: false });
    await savePaper(NEW, 5);
    expect((await stored()).savedListUnreadable).toBeUndefined();
  });
});

describe('a version record from the future', () => {
  const newer =
    'Your reading list was saved by a newer version of Paper Lens (data version 2; this version reads version 1).';
  const refused =
    'Your reading list was saved by a newer version of Paper Lens (data version 2), so this version will not change it. Update Paper Lens to save, edit or import papers.';

  it("is what WXT's storage does not guard: with migrations defined it only logs, and reads the value anyway", async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await put({ wxtProbe: { papers: [] }, wxtProbe$: { v: 2 } });
    const item = storage.defineItem('local:wxtProbe', { version: 1, migrations: {} });
    expect(await item.getValue()).toEqual({ papers: [] });
    expect(String(error.mock.calls[0]?.[1])).toContain('Version downgrade detected (v2 -> v1) for "local:wxtProbe"');
    // Without migrations the version record is not read at all: a write would replace the newer data silently.
    const plain = storage.defineItem('local:wxtProbe', { version: 1 });
    await plain.setValue({ papers: [] });
    expect((await stored()).wxtProbe$).toEqual({ v: 2 });
  });

  it('is shown read-only, and every change is refused with the data left byte for byte', async () => {
    const list = { papers: [FIRST, { ...SECOND, rating: 5 }, { id: 'v2-shape' }] };
    await put({ savedList: list, savedList$: { v: 2 } });
    const before = JSON.stringify(await stored());
    expect(await readSavedList()).toEqual({
      papers: [FIRST, { ...SECOND, rating: 5 }],
      problem: newer,
      readOnly: true,
      kept: [],
      copied: false,
    });
    await expect(savePaper(NEW)).rejects.toThrow(refused);
    await expect(unsavePaper(FIRST)).rejects.toThrow(refused);
    await expect(editPaper(FIRST.key, { read: true })).rejects.toThrow(refused);
    await expect(restorePaper(entry({ key: 'title:other', title: 'Other', arxivId: null }))).rejects.toThrow(refused);
    const added = { key: 'title:new', ...NEW, corpusId: null, url: null, savedAt: 1, tags: [], note: '', read: false };
    await expect(applyImportWrite({ basis: 'any', add: [added], update: [], unchanged: 0 })).rejects.toThrow(refused);
    expect(JSON.stringify(await stored())).toBe(before);
  });

  it('is copied aside for download when the background starts, and still never written', async () => {
    await put({ savedList: { papers: [FIRST] }, savedList$: { v: 7 } });
    expect(await keepUnreadableSavedData()).toBe(true);
    expect(await keepUnreadableSavedData()).toBe(false);
    const after = await stored();
    expect(after.savedList).toEqual({ papers: [FIRST] });
    expect(after.savedList$).toEqual({ v: 7 });
    const problem = newer.replace('version 2', 'version 7');
    expect(after.savedListUnreadable).toEqual(copyStore({ problem, list: { papers: [FIRST] }, version: { v: 7 } }));
    expect((await readSavedList()).copied).toBe(true);
  });

  it.each([
    ['text', 'x'],
    ['v as text', { v: '2' }],
    ['v zero', { v: 0 }],
    ['v a fraction', { v: 1.5 }],
  ] as const)(
    'an unreadable version record (%s) is reported, copied with the list, then written afresh as version 1',
    async (_name, meta) => {
      await put({ savedList: { papers: [FIRST] }, savedList$: meta });
      const problem = "The saved list's version record is not readable.";
      expect(await readSavedList()).toMatchObject({ papers: [FIRST], problem, readOnly: false });
      const saved = await savePaper(NEW, 5);
      const after = await stored();
      expect(after.savedListUnreadable).toEqual(copyStore({ problem, list: { papers: [FIRST] }, version: meta }));
      expect(after.savedList).toEqual({ papers: [saved, FIRST] });
      expect(after.savedList$).toEqual({ v: 1 });
    },
  );

  it('a version 1 record is read as usual', async () => {
    await put({ savedList: { papers: [FIRST] }, savedList$: { v: 1 } });
    expect(await readSavedList()).toEqual({ papers: [FIRST], problem: null, readOnly: false, kept: [], copied: false });
  });
});

describe('the copy of unreadable data', () => {
  it('is made when the background starts (keepUnreadableSavedData), once, before any write', async () => {
    const raw = { papers: [FIRST, { title: 7 }] };
    await put({ savedList: raw });
    expect(await keepUnreadableSavedData()).toBe(true);
    expect(await keepUnreadableSavedData()).toBe(false);
    const after = await stored();
    expect(after.savedList).toEqual(raw);
    expect(after.savedListUnreadable).toEqual(
      copyStore({ problem: '1 of 2 saved entries could not be read.', list: raw }),
    );
    expect(await readSavedList()).toMatchObject({ problem: '1 of 2 saved entries could not be read.', copied: true });
  });

  it('must exist before the list is written: when the copy cannot be stored, nothing is written', async () => {
    const raw = { papers: [FIRST, { title: 7 }] };
    await put({ savedList: raw });
    const set = local.set.bind(local);
    vi.spyOn(local, 'set').mockImplementation(async (items: Record<string, unknown>) => {
      if ('savedListUnreadable' in items) throw new Error('QUOTA_BYTES quota exceeded');
      return set(items);
    });
    // The refusal for lack of space says what did not happen (lib/reading-list/saved-store.ts StorageFullError).
    await expect(savePaper(NEW)).rejects.toMatchObject({
      name: 'StorageFullError',
      message: expect.stringContaining(`could not save “${NEW.title}”: the browser's storage is full`),
    });
    await expect(unsavePaper(FIRST)).rejects.toMatchObject({ name: 'StorageFullError' });
    expect(await stored()).toEqual({ savedList: raw });
  });

  it('must read back before the list is written: a copy that does not, stops the write', async () => {
    const raw = { papers: [{ title: 7 }] };
    await put({ savedList: raw });
    const set = local.set.bind(local);
    vi.spyOn(local, 'set').mockImplementation(async (items: Record<string, unknown>) =>
      set(
        'savedListUnreadable' in items
          ? { savedListUnreadable: { format: 'paper-lens-unreadable-data', copies: [] } }
          : items,
      ),
    );
    await expect(savePaper(NEW)).rejects.toThrow(
      'Paper Lens could not keep a copy of the saved data it cannot read, so it changed nothing.',
    );
    expect((await stored()).savedList).toEqual(raw);
  });

  it('keeps every incident: a second, different problem adds a copy and leaves the first as it was', async () => {
    await put({ savedList: { papers: [FIRST, 1] } });
    await savePaper(NEW, 5);
    const first = structuredClone((await stored()).savedListUnreadable);
    await put({ savedList: 'cut sho' });
    await savePaper(NEW, 6);
    const copies = (await stored()).savedListUnreadable as { copies: unknown[] };
    expect(copies.copies).toHaveLength(2);
    expect(copies.copies[0]).toEqual((first as { copies: unknown[] }).copies[0]);
    expect(copies.copies[1]).toMatchObject({ list: 'cut sho', version: null });
    expect((await readSavedList()).kept.map((k) => k.problem)).toEqual([
      '1 of 2 saved entries could not be read.',
      'The saved list is text that is not valid JSON (it may have been cut short).',
    ]);
  });

  it('keeps a copy an earlier Paper Lens made (the bare value) verbatim when adding to it', async () => {
    const legacy = { papers: [{ bogus: true }] };
    await put({ savedListUnreadable: legacy, savedList: { papers: [7] } });
    expect((await readSavedList()).kept).toEqual([
      { copiedAt: 0, problem: 'Kept by an earlier version of Paper Lens.' },
    ]);
    await savePaper(NEW, 5);
    expect((await stored()).savedListUnreadable).toEqual({
      format: 'paper-lens-unreadable-data',
      copies: [
        { copiedAt: 0, problem: 'Kept by an earlier version of Paper Lens.', list: legacy, version: null },
        {
          copiedAt: expect.any(Number),
          problem: '1 of 1 saved entry could not be read.',
          list: { papers: [7] },
          version: null,
        },
      ],
    });
  });

  it('is the file the person downloads, with the data in storage now when it is not copied yet', async () => {
    expect(await readUnreadableFile()).toBeNull();
    await put({ savedList: { papers: [FIRST, 'x'] } });
    const before = JSON.parse((await readUnreadableFile(Date.UTC(2026, 0, 2)))!) as Record<string, unknown>;
    expect(before).toEqual({
      format: 'paper-lens-unreadable-data',
      downloadedAt: '2026-01-02T00:00:00.000Z',
      copies: [],
      inStorageNow: {
        list: { papers: [FIRST, 'x'] },
        version: null,
        problem: '1 of 2 saved entries could not be read.',
      },
    });
    await keepUnreadableSavedData();
    const after = JSON.parse((await readUnreadableFile())!) as Record<string, unknown>;
    expect(after.inStorageNow).toBeUndefined();
    expect(after.copies).toEqual(
      copyStore({ problem: '1 of 2 saved entries could not be read.', list: { papers: [FIRST, 'x'] } }).copies,
    );
  });

  it('is announced to watchers: a copy made elsewhere reaches an open view', async () => {
    await put({ savedList: { papers: [FIRST, 'x'] } });
    const seen: SavedListRead[] = [];
    const stop = watchSavedList((list) => seen.push(list));
    await keepUnreadableSavedData();
    await vi.waitFor(() => expect(seen.at(-1)?.copied).toBe(true));
    expect(seen.at(-1)?.kept).toHaveLength(1);
    stop();
  });
});
