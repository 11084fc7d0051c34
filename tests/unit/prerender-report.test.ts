// A page prerendered by Speculation Rules runs its content script before the tab shows it: its report
// is its own URL's, kept aside until the tab shows that URL, never the tab's current page's.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getTabReport, saveTabReport, showTabPage } from '../../lib/tabs/tab-reports';
import { createHandlers } from '../../lib/messaging/handlers';
import { describeSender, type RawSender } from '../../lib/messaging/register';
import { BadRequestError } from '../../lib/messaging/validate';
import { realService } from '../helpers/corpus';

const ME = 'me';
const ORIGIN = 'chrome-extension://me/';
const LIST_URL = 'https://arxiv.org/list/cs.CL/new';
const ABS_URL = 'https://arxiv.org/abs/2503.08497';
const MMRL = 'MMRL: Multi-Modal Representation Learning for Vision-Language Models';
const MMRL_ID = 'mmrl-multimodal-representation-157wjt3';

/** Chrome's account of a content script in a page prerendered in tab 4, which still shows the listing. */
const PRERENDERED: RawSender = {
  id: ME,
  url: ABS_URL,
  frameId: 7,
  documentLifecycle: 'prerender',
  tab: { id: 4, url: LIST_URL },
};

describe('describeSender for a prerendered page', () => {
  it('takes the URL of the frame (the prerendered page), not of the tab (the page it still shows)', () => {
    expect(describeSender(PRERENDERED, ME, ORIGIN)).toEqual({
      tabId: 4,
      url: ABS_URL,
      fromExtension: false,
      prerendered: true,
    });
  });

  it('once shown (active, frame 0), is an ordinary page again', () => {
    expect(describeSender({ ...PRERENDERED, frameId: 0, documentLifecycle: 'active' }, ME, ORIGIN)).toEqual({
      tabId: 4,
      url: LIST_URL,
      fromExtension: false,
    });
  });

  it.each<[string, RawSender, string]>([
    [
      'a subframe of an active page',
      { ...PRERENDERED, documentLifecycle: 'active' },
      'a content script must run in the top frame',
    ],
    [
      'a prerendered page on another site',
      { ...PRERENDERED, url: 'https://example.org/' },
      'a content script must run on arxiv.org or huggingface.co',
    ],
  ])('refuses %s', (_, raw, message) => {
    expect(() => describeSender(raw, ME, ORIGIN)).toThrow(new BadRequestError(message));
  });
});

describe('reportPage from a prerendered page', () => {
  const service = realService();
  const tabs = new Map<number, { url: string; title: string }>();
  const badges = new Map<number, number>();
  const handlers = createHandlers({
    getService: async () => service,
    getTitles: async () => service,
    getTab: async (id) => tabs.get(id) ?? null,
    setBadgeCount: async (id, count) => void badges.set(id, count),
  });
  const listing = {
    url: LIST_URL,
    kind: 'arxiv-list' as const,
    papers: [{ title: 'Listed', arxivId: null, matchId: null }],
  };
  const report = { kind: 'arxiv-abs', papers: [{ title: MMRL, arxivId: '2503.08497', matchId: MMRL_ID }] };

  beforeEach(async () => {
    fakeBrowser.reset();
    badges.clear();
    tabs.set(4, { url: LIST_URL, title: 'cs.CL' });
    await saveTabReport(4, listing);
  });

  it("leaves the tab's report and toolbar count alone, and becomes the tab's when the tab shows its URL", async () => {
    await handlers.reportPage(report, describeSender(PRERENDERED, ME, ORIGIN));
    expect(await getTabReport(4)).toMatchObject({ url: LIST_URL, papers: [{ title: 'Listed' }] });
    expect(badges.has(4)).toBe(false);
    // The tab navigates to the prerendered page.
    expect(await showTabPage(4, ABS_URL, true)).toBe(1);
    expect(await getTabReport(4)).toMatchObject({
      url: ABS_URL,
      kind: 'arxiv-abs',
      papers: [{ title: MMRL, matchId: MMRL_ID }],
    });
  });

  it('is dropped when the tab goes elsewhere', async () => {
    await handlers.reportPage(report, describeSender(PRERENDERED, ME, ORIGIN));
    expect(await showTabPage(4, 'https://arxiv.org/abs/2401.00001', true)).toBe(0);
    expect(await getTabReport(4)).toBeNull();
    expect(await showTabPage(4, ABS_URL, true)).toBe(0);
    expect(await getTabReport(4)).toBeNull();
  });

  it('is stored at once when the tab already shows it (the report came after the page was shown)', async () => {
    tabs.set(4, { url: ABS_URL, title: 'MMRL' });
    await handlers.reportPage(report, describeSender(PRERENDERED, ME, ORIGIN));
    expect(await getTabReport(4)).toMatchObject({ url: ABS_URL, kind: 'arxiv-abs' });
    expect(badges.get(4)).toBe(1);
  });
});
