import { describe, expect, it } from 'vitest';
import { createSavedFilter, foldForFilter } from '../../lib/reading-list/filter-saved';
import type { SavedPaper } from '../../lib/reading-list/saved-list';
import { describeWriteFailure, isStorageFull } from '../../lib/reading-list/write-failure';

const paper = (key: string, title: string, note = '', tags: string[] = []): SavedPaper => ({
  key,
  title,
  corpusId: null,
  arxivId: null,
  url: null,
  savedAt: 1,
  tags,
  note,
  read: false,
});
const LIST = [
  paper('a', 'Sabiá: Portuguese Large Language Models', '', ['nlp']),
  paper('b', 'GaLore: Memory-Efficient LLM Training', 'Compare with\nLoRA rank', ['optim', 'nlp']),
  paper('c', 'Attention Is All You Need', 'the “quoted” bit — and a dash'),
];
const keys = (papers: readonly SavedPaper[]) => papers.map((p) => p.key);

describe('foldForFilter', () => {
  it.each([
    ['Sabiá', 'sabia'],
    ['LoRA\nRank', 'lora rank'],
    ['“Quoted” — dash', '"quoted" - dash'],
    ['plain ASCII', 'plain ascii'],
  ])('%j -> %j', (text, folded) => expect(foldForFilter(text)).toBe(folded));
});

describe('createSavedFilter', () => {
  it.each([
    ['', null, ['a', 'b', 'c']],
    ['sabia', null, ['a']],
    ['  LORA RANK ', null, ['b']],
    ['"quoted"', null, ['c']],
    ['', 'nlp', ['a', 'b']],
    ['galore', 'nlp', ['b']],
    ['optim', null, ['b']],
    ['nothing like it', null, []],
  ] as const)('needle %j, tag %j', (needle, tag, expected) => {
    expect(keys(createSavedFilter().filter(LIST, needle, tag))).toEqual(expected);
  });

  it('reads a changed entry again and keeps the texts of unchanged ones', () => {
    const search = createSavedFilter();
    expect(keys(search.filter(LIST, 'transformer', null))).toEqual([]);
    const edited = [LIST[0]!, { ...LIST[1]! }, { ...LIST[2]!, note: 'the transformer paper' }];
    expect(keys(search.filter(edited, 'transformer', null))).toEqual(['c']);
    expect(keys(search.filter(edited, 'lora', null))).toEqual(['b']);
  });
});

describe('describeWriteFailure', () => {
  const chrome = new Error('Resource::kQuotaBytes quota exceeded');
  const idb = Object.assign(new Error(''), { name: 'QuotaExceededError' });
  const layer = Object.assign(new Error('Paper Lens could not save the paper: the browser’s storage is full.'), {
    name: 'StorageFullError',
  });
  it('tells a full storage apart from other failures', () => {
    expect([chrome, idb, layer, new Error('No response'), 'quota'].map(isStorageFull)).toEqual([
      true,
      true,
      true,
      false,
      true,
    ]);
  });
  it.each([
    [
      chrome,
      '“X” was not saved. The browser\'s storage for Paper Lens is full, so it refused the change ("Resource::kQuotaBytes quota exceeded"). Nothing already saved was lost: your list is as it was. Remove papers you no longer need (or delete kept copies of unreadable data), then try again.',
    ],
    [
      idb,
      "“X” was not saved. The browser's storage for Paper Lens is full, so it refused the change. Nothing already saved was lost: your list is as it was. Remove papers you no longer need (or delete kept copies of unreadable data), then try again.",
    ],
    [layer, '“X” was not saved. Paper Lens could not save the paper: the browser’s storage is full.'],
    [new Error('No response'), '“X” was not saved. No response'],
  ])('%s', (error, text) => expect(describeWriteFailure('“X” was not saved.', error)).toBe(text));
});
