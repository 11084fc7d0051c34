import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describeTab } from '../../lib/tabs/describe-tab';
import { getTabReport } from '../../lib/tabs/tab-reports';
import { createHandlers } from '../../lib/messaging/handlers';
import type { Sender } from '../../lib/messaging/messages';
import { readSavedList } from '../../lib/reading-list/saved-list';
import { realService } from '../helpers/corpus';

const service = realService();
const tabs = new Map<number, { url: string; title: string }>();
const badges = new Map<number, number>();
const handlers = createHandlers({
  getService: async () => service,
  getTitles: async () => service,
  setBadgeCount: async (id, count) => void badges.set(id, count),
});
const popup: Sender = { tabId: null, url: 'chrome-extension://abc/popup.html', fromExtension: true };
const page = (tabId: number, url: string): Sender => ({ tabId, url, fromExtension: false });
/** A tab described as the popup does (lib/messaging/popup-describe.ts): its report, and the background's matcher. */
const describeAsPopup = (tabId: number) =>
  describeTab(
    {
      getTab: async (id) => tabs.get(id) ?? null,
      matchTitle: async (t) => (await handlers.matchTitles([t], popup))[0],
    },
    tabId,
  );

const MMRL = 'MMRL: Multi-Modal Representation Learning for Vision-Language Models';
const MMRL_ID = 'mmrl-multimodal-representation-157wjt3';

beforeEach(() => {
  fakeBrowser.reset();
  tabs.clear();
  badges.clear();
});

describe('createHandlers: corpus lookups', () => {
  it('matches a batch of page titles in order', async () => {
    const results = await handlers.matchTitles([`Title: ${MMRL}`, 'Attention Is All You Need'], popup);
    // The matches alone, not the candidates weighed: [{ id, title, score, kind }, null].
    expect(results.map((r) => r && Object.keys(r).sort())).toEqual([['id', 'kind', 'score', 'title'], null]);
    expect(results.map((r) => r?.title ?? null)).toEqual([MMRL, null]);
  });

  it('answers related, relatedToText, search, getPaper, getPapers and stats', async () => {
    expect(await handlers.related({ id: MMRL_ID, k: 4 }, popup)).toHaveLength(4);
    expect(await handlers.relatedToText({ title: MMRL, abstract: '', k: 2 }, popup)).toHaveLength(2);
    expect((await handlers.search({ query: 'mmrl', k: 5 }, popup)).map((r) => r.title)).toContain(MMRL);
    expect((await handlers.getPaper(MMRL_ID, popup))?.title).toBe(MMRL);
    expect(await handlers.getPaper('nope', popup)).toBeNull();
    // Many at once, in order, null for an unknown id (an export's corpus facts in one message).
    expect((await handlers.getPapers([MMRL_ID, 'nope', MMRL_ID], popup)).map((p) => p?.title ?? null)).toEqual([
      MMRL,
      null,
      MMRL,
    ]);
    expect((await handlers.stats(undefined, popup)).papers).toBe(465);
  });

  it.each([
    ['matchTitles', 'not an array', 'bad request: titles must be an array'],
    ['matchTitles', [1], 'bad request: titles[0] must be a string'],
    ['matchTitles', Array.from({ length: 5001 }, () => 'x'), 'bad request: titles has more than 5000 entries'],
    ['getPaper', { id: 'x' }, 'bad request: id must be a string'],
    ['getPapers', 'x', 'bad request: ids must be an array'],
    ['getPapers', Array.from({ length: 5001 }, () => 'x'), 'bad request: ids has more than 5000 entries'],
    ['related', null, 'bad request: request must be an object'],
    ['related', { id: 'x', k: 0 }, 'bad request: k must be a whole number from 1 to 100'],
    ['related', { id: 'x', k: 2.5 }, 'bad request: k must be a whole number from 1 to 100'],
    ['related', { id: 7, k: 5 }, 'bad request: id must be a string'],
    ['relatedToText', { title: 'x', k: 5 }, 'bad request: abstract must be a string'],
    [
      'relatedToText',
      { title: 'x', abstract: 'y'.repeat(20_001), k: 5 },
      'bad request: abstract is longer than 20000 characters',
    ],
    ['search', ['q'], 'bad request: request must be an object'],
    ['search', { query: 'q', k: '5' }, 'bad request: k must be a whole number from 1 to 100'],
    ['savePaper', { title: '' }, 'bad request: title is empty'],
    ['savePaper', { title: 'x', arxivId: 'not-an-id' }, 'bad request: arxivId is not an arXiv id'],
    ['savePaper', { title: 'x', url: 'javascript:alert(1)' }, 'bad request: url must be a web address'],
    ['unsavePaper', 'x', 'bad request: paper must be an object'],
  ] as const)('%s rejects %j', async (name, data, message) => {
    await expect(handlers[name](data, popup)).rejects.toThrow(message);
  });

  it('answers an unknown id with an error, not a crash', async () => {
    await expect(handlers.related({ id: 'missing', k: 3 }, popup)).rejects.toThrow('unknown paper id: missing');
  });
});

describe('createHandlers: saving', () => {
  it('saves once however the paper is reached, and unsaves by any of its identities', async () => {
    await handlers.savePaper({ title: MMRL, corpusId: MMRL_ID }, page(1, 'https://arxiv.org/abs/2503.08497'));
    await handlers.savePaper({ title: `Title: ${MMRL}`.slice(7), arxivId: '2503.08497v2' }, popup);
    await handlers.savePaper({ title: MMRL.toUpperCase() }, popup);
    const { papers } = await readSavedList();
    expect(papers.map((p) => [p.key, p.corpusId, p.arxivId])).toEqual([[`corpus:${MMRL_ID}`, MMRL_ID, '2503.08497']]);
    expect(await handlers.unsavePaper({ title: 'whatever', arxivId: '2503.08497' }, popup)).toBe(true);
    expect((await readSavedList()).papers).toEqual([]);
  });

  it('drops a corpus id that does not exist rather than storing it', async () => {
    const saved = await handlers.savePaper({ title: 'Some Paper', corpusId: 'made-up' }, popup);
    expect(saved.corpusId).toBeNull();
    expect(saved.key).toBe('title:somepaper');
  });
});

describe('createHandlers: page reports and tabs', () => {
  const report = {
    kind: 'arxiv-list',
    papers: [
      { title: MMRL, arxivId: '2503.08497', matchId: MMRL_ID },
      { title: 'Not In Corpus', arxivId: '2501.00001', matchId: null },
      { title: 'Forged', arxivId: null, matchId: 'forged-id' },
    ],
  };

  it('stores a report under the sending tab, with its own URL, and counts corpus papers on the toolbar', async () => {
    await handlers.reportPage(report, page(7, 'https://arxiv.org/list/cs.CL/new'));
    expect(badges.get(7)).toBe(1);
    const stored = await getTabReport(7);
    expect(stored?.url).toBe('https://arxiv.org/list/cs.CL/new');
    expect(stored?.kind).toBe('arxiv-list');
    expect(stored?.papers.map((p) => p.matchId)).toEqual([MMRL_ID, null, null]);
  });

  it('refuses a report from the extension itself or from another site', async () => {
    await expect(handlers.reportPage(report, popup)).rejects.toThrow('bad request: reportPage comes from a page only');
    await expect(handlers.reportPage(report, page(3, 'https://example.org/'))).rejects.toThrow(
      'bad request: reportPage comes from an arXiv or Hugging Face page only',
    );
  });

  it('describes a tab from its report', async () => {
    tabs.set(7, { url: 'https://arxiv.org/list/cs.CL/new', title: 'cs.CL new' });
    await handlers.reportPage(report, page(7, 'https://arxiv.org/list/cs.CL/new'));
    const described = await describeAsPopup(7);
    expect(described.status).toBe('detected');
    expect(described.papers.map((p) => p.match?.id ?? null)).toEqual([MMRL_ID, null, null]);
  });

  it('carries a match by title head as probable from the report to the popup, and checks its kind', async () => {
    tabs.set(8, { url: 'https://huggingface.co/papers', title: 'Papers' });
    const papers = [{ title: 'MMRL', arxivId: null, matchId: MMRL_ID, matchKind: 'head' }];
    await handlers.reportPage({ kind: 'hf-list', papers }, page(8, 'https://huggingface.co/papers'));
    const described = await describeAsPopup(8);
    expect(described.papers[0]?.match).toEqual({ id: MMRL_ID, title: MMRL, probable: true });
    const bad = [{ ...papers[0], matchKind: 'guess' }];
    await expect(
      handlers.reportPage({ kind: 'hf-list', papers: bad }, page(8, 'https://huggingface.co/papers')),
    ).rejects.toThrow('bad request: papers[0].matchKind must be "head" when given');
  });

  it('answers an id, URL or DOI in search with the paper it was seen as, and nothing before', async () => {
    expect(await handlers.search({ query: 'arXiv:2503.08497v2', k: 5 }, popup)).toEqual([]);
    expect(await handlers.lookupRef('2503.08497', popup)).toEqual({ arxivId: '2503.08497', status: 'unseen' });
    await handlers.reportPage(
      { kind: 'arxiv-abs', papers: [{ title: MMRL, arxivId: '2503.08497', matchId: MMRL_ID }] },
      page(1, 'https://arxiv.org/abs/2503.08497'),
    );
    for (const query of ['2503.08497', 'https://arxiv.org/html/2503.08497v1', '10.48550/arXiv.2503.08497']) {
      expect(await handlers.search({ query, k: 5 }, popup)).toEqual([{ id: MMRL_ID, title: MMRL, field: 'id' }]);
    }
    expect(await handlers.lookupRef('2503.08497', popup)).toEqual({
      arxivId: '2503.08497',
      status: 'corpus',
      paper: { id: MMRL_ID, title: MMRL },
    });
    await expect(handlers.lookupRef('2503.08497v1', popup)).rejects.toThrow(
      'bad request: arxivId must be an arXiv id without its version',
    );
    await expect(handlers.lookupRef('2503.08497', page(1, 'https://arxiv.org/'))).rejects.toThrow(
      "bad request: lookupRef is answered for the extension's own pages only",
    );
  });

  it('names a PDF from the id seen earlier on its abstract page, or says it cannot', async () => {
    await handlers.reportPage(
      { kind: 'arxiv-abs', papers: [{ title: MMRL, arxivId: '2503.08497', matchId: MMRL_ID }] },
      page(1, 'https://arxiv.org/abs/2503.08497'),
    );
    tabs.set(2, { url: 'https://arxiv.org/pdf/2503.08497v1', title: '2503.08497v1.pdf' });
    expect(await describeAsPopup(2)).toEqual({
      url: 'https://arxiv.org/pdf/2503.08497v1',
      kind: 'arxiv-pdf',
      status: 'pdf',
      papers: [{ title: MMRL, arxivId: '2503.08497', match: { id: MMRL_ID, title: MMRL } }],
    });
    tabs.set(3, { url: 'https://arxiv.org/pdf/2501.99999', title: '2501.99999.pdf' });
    expect((await describeAsPopup(3)).status).toBe('pdf-unknown');
    tabs.set(4, { url: 'https://example.org/', title: 'Example' });
    expect((await describeAsPopup(4)).status).toBe('unsupported');
  });
});

describe('createHandlers: the reading list', () => {
  it('edits an entry, restores a removed one, and checks the edit', async () => {
    const saved = await handlers.savePaper({ title: MMRL, corpusId: MMRL_ID }, popup);
    expect(await handlers.editPaper({ key: saved.key, edit: { tags: ['VLM'], read: true } }, popup)).toMatchObject({
      tags: ['vlm'],
      read: true,
    });
    await expect(handlers.editPaper({ key: saved.key, edit: { read: 'yes' } }, popup)).rejects.toThrow(
      'bad request: read must be true or false',
    );
    const [entry] = (await readSavedList()).papers;
    await handlers.unsavePaper({ title: MMRL }, popup);
    expect(await handlers.restorePaper(entry, popup)).toBe(true);
    expect((await readSavedList()).papers).toEqual([entry]);
    await expect(handlers.restorePaper({ title: 'x' }, popup)).rejects.toThrow('bad request: key must be a string');
    // Well-formed, but not an entry the storage layer would read back (titles stop at 1000 characters).
    await expect(handlers.restorePaper({ ...entry, title: 'x'.repeat(1001) }, popup)).rejects.toThrow(
      'bad request: entry is not a saved paper',
    );
  });

  it('finds corpus papers like the saved list, leaving the saved ones out', async () => {
    await handlers.savePaper({ title: MMRL, corpusId: MMRL_ID }, popup);
    await handlers.savePaper({ title: 'A Tokenizer-Free Vision-Language Prompt Learner' }, popup);
    const more = await handlers.moreLikeSaved({ tag: null, k: 5 }, popup);
    expect(more).toHaveLength(5);
    expect(more.map((p) => p.id)).not.toContain(MMRL_ID);
    expect(more.every((p) => p.reason.startsWith('Near '))).toBe(true);
    expect(await handlers.moreLikeSaved({ tag: 'nothing-tagged', k: 5 }, popup)).toEqual([]);
  });
});
