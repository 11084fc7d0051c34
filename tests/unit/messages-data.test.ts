// Every message type against malformed data: wrong types, missing and extra fields, oversize strings and
// arrays, prototype-pollution keys and non-plain objects. Each is refused with its exact error, before
// the handler reaches the corpus, the tabs or storage.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '../../lib/messaging/handlers';
import type { BackgroundDeps, MessageName, Sender } from '../../lib/messaging/messages';
import { BadRequestError } from '../../lib/messaging/validate';

const reached: string[] = [];
const deps: BackgroundDeps = {
  getService: async () => {
    reached.push('getService');
    throw new Error('the corpus was reached');
  },
  getTitles: async () => {
    reached.push('getTitles');
    throw new Error('the title index was reached');
  },
  setBadgeCount: async () => void reached.push('setBadgeCount'),
};
const handlers = createHandlers(deps);
const popup: Sender = { tabId: null, url: 'chrome-extension://me/popup.html', fromExtension: true };
const listPage: Sender = { tabId: 7, url: 'https://arxiv.org/list/cs.CL/new', fromExtension: false };

/** An object with an own "__proto__" key, as JSON.parse (and so a message) makes one. */
const polluted = (fields: object) =>
  JSON.parse(`{${JSON.stringify(fields).slice(1, -1)},"__proto__":{"polluted":true}}`) as object;

class Request {
  id = 'x';
  k = 5;
}

const ENTRY = {
  key: 'title:x',
  title: 'x',
  corpusId: null,
  arxivId: null,
  url: null,
  savedAt: 1,
  tags: [],
  note: '',
  read: false,
};
const APPLY = { id: 'import-1', basis: '0:2:0', unchanged: 0, parts: 1, add: [], update: [] };
const many = (n: number) => Array.from({ length: n }, () => 'x');
/** An array with a hole at 0, which Array.prototype.map would skip. */
const sparse: unknown[] = [];
sparse[1] = 'x';

type Case = [MessageName, unknown, string];

const CASES: Case[] = [
  ['matchTitles', 'not an array', 'titles must be an array'],
  ['matchTitles', { 0: 'a', length: 1 }, 'titles must be an array'],
  ['matchTitles', [1], 'titles[0] must be a string'],
  ['matchTitles', sparse, 'titles[0] must be a string'],
  ['matchTitles', many(5001), 'titles has more than 5000 entries'],
  ['matchTitles', ['x'.repeat(20_001)], 'titles[0] is longer than 20000 characters'],
  ['getPaper', undefined, 'id must be a string'],
  ['getPaper', { id: 'x' }, 'id must be a string'],
  ['getPaper', 'x'.repeat(501), 'id is longer than 500 characters'],
  ['getPapers', 'x', 'ids must be an array'],
  ['getPapers', [7], 'ids[0] must be a string'],
  ['getPapers', many(5001), 'ids has more than 5000 entries'],
  ['getPapers', ['x'.repeat(501)], 'ids[0] is longer than 500 characters'],
  ['related', null, 'request must be an object'],
  ['related', ['x', 5], 'request must be an object'],
  ['related', new Request(), 'request must be a plain object'],
  ['related', Object.create({ id: 'x', k: 5 }), 'request must be a plain object'],
  ['related', new Map([['id', 'x']]), 'request must be a plain object'],
  ['related', { k: 5 }, 'id must be a string'],
  ['related', { id: 'x' }, 'k must be a whole number from 1 to 100'],
  ['related', { id: 'x', k: 0 }, 'k must be a whole number from 1 to 100'],
  ['related', { id: 'x', k: 101 }, 'k must be a whole number from 1 to 100'],
  ['related', { id: 'x', k: 2.5 }, 'k must be a whole number from 1 to 100'],
  ['related', { id: 'x', k: Number.NaN }, 'k must be a whole number from 1 to 100'],
  ['related', { id: 'x', k: Number.POSITIVE_INFINITY }, 'k must be a whole number from 1 to 100'],
  ['related', { id: 7, k: 5 }, 'id must be a string'],
  ['related', { id: 'x', k: 5, extra: 1 }, 'request has an unknown field "extra"'],
  ['related', polluted({ id: 'x', k: 5 }), 'request has an unknown field "__proto__"'],
  ['related', { id: 'x', k: 5, constructor: {} }, 'request has an unknown field "constructor"'],
  ['related', { id: 'x', k: 5, [Symbol('s')]: 1 }, 'request has an unknown field "Symbol(s)"'],
  ['relatedToText', { title: 'x', k: 5 }, 'abstract must be a string'],
  ['relatedToText', { title: 1, abstract: '', k: 5 }, 'title must be a string'],
  ['relatedToText', { title: 'x', abstract: 'y'.repeat(20_001), k: 5 }, 'abstract is longer than 20000 characters'],
  ['relatedToText', { title: 'x', abstract: '', k: 5, tabId: 3 }, 'request has an unknown field "tabId"'],
  ['search', ['q'], 'request must be an object'],
  ['search', { query: 'q', k: '5' }, 'k must be a whole number from 1 to 100'],
  ['search', { query: 'q'.repeat(501), k: 5 }, 'query is longer than 500 characters'],
  ['search', { query: 'q', k: 5, sort: 'date' }, 'request has an unknown field "sort"'],
  ['search', { ['x'.repeat(100)]: 1, query: 'q', k: 5 }, `request has an unknown field "${'x'.repeat(40)}…"`],
  ['stats', {}, 'stats takes no data'],
  ['stats', 'all', 'stats takes no data'],
  ['savePaper', undefined, 'paper must be an object'],
  ['savePaper', { title: '' }, 'title is empty'],
  ['savePaper', { title: '  \n ' }, 'title is empty'],
  ['savePaper', { title: 'x'.repeat(2001) }, 'title is longer than 2000 characters'],
  ['savePaper', { title: 'x', corpusId: 5 }, 'corpusId must be a string'],
  ['savePaper', { title: 'x', arxivId: 'not-an-id' }, 'arxivId is not an arXiv id'],
  ['savePaper', { title: 'x', url: 'javascript:alert(1)' }, 'url must be a web address'],
  ['savePaper', { title: 'x', url: 'data:text/html,x' }, 'url must be a web address'],
  ['savePaper', { title: 'x', key: 'corpus:y' }, 'paper has an unknown field "key"'],
  ['savePaper', polluted({ title: 'x' }), 'paper has an unknown field "__proto__"'],
  ['unsavePaper', 'x', 'paper must be an object'],
  ['unsavePaper', { title: 'x', tabId: 3 }, 'paper has an unknown field "tabId"'],
  ['unsavePaper', { ...ENTRY, url: 'ftp://example.org/x' }, 'url must be a web address'],
  ['editPaper', { key: 'k' }, 'edit must be an object'],
  ['editPaper', { key: 1, edit: {} }, 'key must be a string'],
  ['editPaper', { key: 'k', edit: { read: 'yes' } }, 'read must be true or false'],
  ['editPaper', { key: 'k', edit: { tags: ['a'], colour: 'red' } }, 'edit has an unknown field "colour"'],
  ['editPaper', { key: 'k', edit: { tags: many(51) } }, 'tags has more than 50 entries'],
  ['editPaper', { key: 'k', edit: { tags: ['x'.repeat(61)] } }, 'tags[0] is longer than 60 characters'],
  ['editPaper', { key: 'k', edit: { note: 'x'.repeat(5001) } }, 'note is longer than 5000 characters'],
  ['editPaper', polluted({ key: 'k', edit: {} }), 'request has an unknown field "__proto__"'],
  ['restorePaper', { title: 'x' }, 'key must be a string'],
  ['restorePaper', { ...ENTRY, extra: 1 }, 'entry has an unknown field "extra"'],
  ['restorePaper', { ...ENTRY, savedAt: 'now' }, 'savedAt must be a number'],
  ['restorePaper', { ...ENTRY, read: 1 }, 'read must be true or false'],
  ['restorePaper', { ...ENTRY, tags: 'a, b' }, 'tags must be an array'],
  ['restorePaper', polluted(ENTRY), 'entry has an unknown field "__proto__"'],
  ['deleteUnreadableCopies', [1], 'request must be an object'],
  ['deleteUnreadableCopies', { copiedAt: 1 }, 'copiedAt must be an array'],
  ['deleteUnreadableCopies', { copiedAt: ['x'] }, 'copiedAt[0] must be a number'],
  ['deleteUnreadableCopies', { copiedAt: [1], all: true }, 'request has an unknown field "all"'],
  ['deleteUnreadableCopies', { copiedAt: many(1001).map(Number) }, 'copiedAt has more than 1000 entries'],
  ['applyImport', [], 'request must be an object'],
  ['applyImport', { ...APPLY, add: {} }, 'add must be an array'],
  ['applyImport', { ...APPLY, add: Array.from({ length: 5001 }, () => ENTRY) }, 'add has more than 5000 entries'],
  [
    'applyImport',
    { ...APPLY, add: Array.from({ length: 3000 }, () => ENTRY), update: Array.from({ length: 2001 }, () => ({})) },
    'update has more than 2000 entries',
  ],
  ['applyImport', { ...APPLY, add: [ENTRY, 'y'] }, 'add[1] must be an object'],
  ['applyImport', { ...APPLY, add: [{ title: 'x' }] }, 'add[0].key must be a string'],
  ['applyImport', { ...APPLY, add: [{ ...ENTRY, read: 'no' }] }, 'add[0].read must be true or false'],
  ['applyImport', { ...APPLY, add: [{ ...ENTRY, savedAt: Number.NaN }] }, 'add[0].savedAt must be a number'],
  ['applyImport', { ...APPLY, add: [{ ...ENTRY, url: 'file:///etc/passwd' }] }, 'url must be a web address'],
  [
    'applyImport',
    { ...APPLY, add: [{ ...ENTRY, note: 'x'.repeat(20_001) }] },
    'add[0].note is longer than 20000 characters',
  ],
  ['applyImport', { ...APPLY, add: [{ ...ENTRY, authors: many(101) }] }, 'add[0].authors has more than 100 entries'],
  [
    'applyImport',
    { ...APPLY, add: [{ ...ENTRY, authors: ['x'.repeat(201)] }] },
    'add[0].authors[0] is longer than 200 characters',
  ],
  ['applyImport', { ...APPLY, add: [{ ...ENTRY, authors: [''] }] }, 'an entry is not a saved paper'],
  ['applyImport', { ...APPLY, add: [polluted(ENTRY)] }, 'add[0] has an unknown field "__proto__"'],
  [
    'applyImport',
    { ...APPLY, update: [{ index: -1, entry: ENTRY }] },
    'update[0].index must be a whole number from 0 to 10000000',
  ],
  ['applyImport', { ...APPLY, update: [{ index: 0, entry: ENTRY, x: 1 }] }, 'update[0] has an unknown field "x"'],
  ['applyImport', { ...APPLY, parts: 1001 }, 'parts must be a whole number from 1 to 1000'],
  ['applyImport', { ...APPLY, id: '../x' }, 'id must be letters, digits, "_" or "-"'],
  ['applyImport', { ...APPLY, extra: 1 }, 'request has an unknown field "extra"'],
  ['stageImport', { id: 'a', part: 999, add: [], update: [] }, 'part must be a whole number from 0 to 998'],
  [
    'stageImport',
    { id: 'a', part: 0, add: [{ ...ENTRY, tags: ['x'.repeat(61)] }], update: [] },
    'add[0].tags[0] is longer than 60 characters',
  ],
  ['moreLikeSaved', { tag: 5, k: 5 }, 'tag must be a string'],
  ['moreLikeSaved', { tag: null, k: 5, all: true }, 'request has an unknown field "all"'],
  ['lookupRef', 2403, 'arxivId must be a string'],
  ['lookupRef', 'GaLore', 'arxivId must be an arXiv id without its version'],
  ['lookupRef', '2403.03507v2', 'arxivId must be an arXiv id without its version'],
];

/** Malformed page reports, sent by the content script of an arXiv listing (tab 7). */
const REPORTS: [unknown, string][] = [
  [{ papers: [] }, 'kind must be a string'],
  [{ kind: 'arxiv-list', papers: 'x' }, 'papers must be an array'],
  [{ kind: 'arxiv-list' }, 'papers must be an array'],
  [{ kind: 'arxiv-list', papers: [{ title: 1 }] }, 'papers[0].title must be a string'],
  [{ kind: 'arxiv-list', papers: [{ title: 'x', matchId: 3 }] }, 'papers[0].matchId must be a string'],
  [{ kind: 'arxiv-list', papers: many(5001) }, 'papers has more than 5000 entries'],
  // A content script reports for its own tab and page only: it cannot name another.
  [{ kind: 'arxiv-list', papers: [], tabId: 9 }, 'report has an unknown field "tabId"'],
  [{ kind: 'arxiv-list', papers: [], url: 'https://arxiv.org/abs/2401.00001' }, 'report has an unknown field "url"'],
  [
    { kind: 'arxiv-list', papers: [{ title: 'x', url: 'https://arxiv.org/abs/1' }] },
    'papers[0] has an unknown field "url"',
  ],
  [{ kind: 'hf-paper', papers: [] }, 'kind must be "arxiv-list", the kind of the sending page'],
  [polluted({ kind: 'arxiv-list', papers: [] }), 'report has an unknown field "__proto__"'],
];

beforeEach(() => {
  fakeBrowser.reset();
  reached.length = 0;
});

describe('createHandlers: malformed data', () => {
  it('covers every message type', () => {
    const covered = new Set([...CASES.map(([name]) => name), 'reportPage']);
    expect([...covered].sort()).toEqual(Object.keys(handlers).sort());
  });

  it.each(CASES)('%s refuses %j', async (name, data, message) => {
    await expect(handlers[name](data, popup)).rejects.toThrow(new BadRequestError(message));
    expect(reached).toEqual([]);
    expect(await fakeBrowser.storage.local.get()).toEqual({});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(REPORTS)('reportPage refuses %j', async (data, message) => {
    await expect(handlers.reportPage(data, listPage)).rejects.toThrow(new BadRequestError(message));
    expect(reached).toEqual([]);
    expect(await fakeBrowser.storage.session.get()).toEqual({});
  });

  it('answers each error as a BadRequestError', async () => {
    const error = await handlers.search({ query: 1, k: 5 }, popup).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('BadRequestError');
    expect((error as Error).message).toBe('bad request: query must be a string');
  });
});
