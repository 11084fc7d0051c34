import { describe, expect, it } from 'vitest';
import { describeTab, type DescribeDeps } from '../../lib/tabs/describe-tab';
import { getTabReport, saveTabReport, STORED_PAPERS, type TabReport } from '../../lib/tabs/tab-reports';

function deps(tab: { url: string; title: string } | null, report: TabReport | null, seen: Record<string, string> = {}) {
  const asked: string[] = [];
  const value: DescribeDeps = {
    getTab: async () => tab,
    getReport: async () => report,
    lookupSeen: async (id) => (seen[id] ? { title: seen[id], corpusId: null, seenAt: 1 } : null),
    matchTitle: async (title) => {
      asked.push(title);
      return title.startsWith('Attention') ? { id: 'attention-id', title: 'Attention Is All You Need' } : null;
    },
  };
  return { value, asked };
}

const LIST = 'https://arxiv.org/list/cs.CL/new';

describe('describeTab', () => {
  it('describes a listing from its stored report alone, without asking the matcher', async () => {
    const { value, asked } = deps(
      { url: LIST, title: 'cs.CL' },
      {
        url: LIST,
        kind: 'arxiv-list',
        papers: [
          { title: 'Not in corpus', arxivId: '2501.00001', matchId: null, matchTitle: null },
          {
            title: 'Attention is all you need',
            arxivId: '1706.03762',
            matchId: 'attention-id',
            matchTitle: 'Attention Is All You Need',
          },
        ],
      },
    );
    expect(await describeTab(value, 3)).toEqual({
      url: LIST,
      kind: 'arxiv-list',
      status: 'detected',
      papers: [
        { title: 'Not in corpus', arxivId: '2501.00001', match: null },
        {
          title: 'Attention is all you need',
          arxivId: '1706.03762',
          match: { id: 'attention-id', title: 'Attention Is All You Need' },
        },
      ],
      total: 2,
      inCorpus: 1,
    });
    expect(asked).toEqual([]);
  });

  it('waits for a report of the page the tab shows now, and says when a page held nothing', async () => {
    const stale = deps(
      { url: LIST, title: '' },
      { url: 'https://arxiv.org/list/cs.LG/new', kind: 'arxiv-list', papers: [] },
    );
    expect((await describeTab(stale.value, 3)).status).toBe('waiting');
    const empty = deps({ url: LIST, title: '' }, { url: LIST, kind: 'arxiv-list', papers: [] });
    expect((await describeTab(empty.value, 3)).status).toBe('empty');
  });

  it('names a PDF from a remembered id first, then from its tab title, else says it cannot', async () => {
    const pdf = 'https://arxiv.org/pdf/1706.03762v7';
    const remembered = deps({ url: pdf, title: '1706.03762v7.pdf' }, null, {
      '1706.03762': 'Attention Is All You Need',
    });
    expect(await describeTab(remembered.value, 1)).toEqual({
      url: pdf,
      kind: 'arxiv-pdf',
      status: 'pdf',
      papers: [
        {
          title: 'Attention Is All You Need',
          arxivId: '1706.03762',
          match: { id: 'attention-id', title: 'Attention Is All You Need' },
        },
      ],
    });
    const byTitle = deps({ url: pdf, title: 'Attention Is All You Need' }, null);
    expect((await describeTab(byTitle.value, 1)).status).toBe('pdf');
    expect(byTitle.asked).toEqual(['Attention Is All You Need']);
    const unknown = deps({ url: pdf, title: '1706.03762v7.pdf' }, null);
    expect(await describeTab(unknown.value, 1)).toEqual({
      url: pdf,
      kind: 'arxiv-pdf',
      status: 'pdf-unknown',
      papers: [],
    });
  });

  it('calls any other page, or a closed tab, unsupported', async () => {
    expect((await describeTab(deps({ url: 'https://example.org/', title: '' }, null).value, 1)).status).toBe(
      'unsupported',
    );
    expect(await describeTab(deps(null, null).value, 1)).toEqual({
      url: null,
      kind: null,
      status: 'unsupported',
      papers: [],
    });
  });

  it('reads a big listing from a stored report of its first 100 papers, corpus papers first, with its counts', async () => {
    const papers = Array.from({ length: 2000 }, (_, i) => ({
      title: `Paper ${i}`,
      arxivId: null,
      matchId: i % 10 === 9 ? `id-${i}` : null,
      matchTitle: i % 10 === 9 ? `Corpus paper ${i}` : null,
    }));
    await saveTabReport(9, { url: LIST, kind: 'arxiv-list', papers });
    const stored = await getTabReport(9);
    expect(stored?.papers).toHaveLength(STORED_PAPERS);
    expect(stored?.papers.slice(0, 3).map((p) => p.title)).toEqual(['Paper 9', 'Paper 19', 'Paper 29']);
    expect(stored?.papers.at(-1)?.title).toBe('Paper 999');
    const described = await describeTab({ ...deps({ url: LIST, title: '' }, null).value, getReport: getTabReport }, 9);
    expect({ total: described.total, inCorpus: described.inCorpus, shown: described.papers.length }).toEqual({
      total: 2000,
      inCorpus: 200,
      shown: 100,
    });
  });
});
