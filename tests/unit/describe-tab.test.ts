import { describe, expect, it } from 'vitest';
import { describeTab, type DescribeDeps } from '../../lib/background/describe-tab';
import type { TabReport } from '../../lib/background/tab-reports';

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
});
