// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createPageController, type PageController } from '../../content/coordinator';
import { detectPage } from '../../lib/pages/detect';
import { savePaper, unsavePaper, type SavedPaper } from '../../lib/reading-list/saved-list';
import { paperTitled, realPapers, realService } from '../helpers/corpus';
import type { Fixture } from '../e2e/helpers/fixtures';
import { createFakeContentApi, type FakeContentApi } from '../helpers/fake-content-api';

// Read by path, not through tests/e2e/helpers/fixtures.ts: under happy-dom import.meta.url is no file URL.
const FIXTURES = 'tests/fixtures/pages';
const pages = JSON.parse(readFileSync(`${FIXTURES}/manifest.json`, 'utf8')) as Fixture[];
const page = (file: string) => pages.find((p) => p.file === file)!;
const fixtureHtml = (file: string) => readFileSync(`${FIXTURES}/${file}`, 'utf8');
const MARKS = ['start', 'detected', 'matched', 'badges', 'ready'].map((step) => `paper-lens:${step}`);
/** happy-dom lays nothing out and runs no frames: a frame is a macrotask here. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const WAIT = { timeout: 3000, interval: 20 };

/** Puts the fixture page `file` in the test's document, at `url`. */
function openPage(file: string, url = page(file).url): void {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
  const parsed = new DOMParser().parseFromString(fixtureHtml(file), 'text/html');
  const root = document.importNode(parsed.documentElement, true);
  document.documentElement.remove();
  document.append(root);
}

/** What the page's badges say, inline ones and the layer's, in page order. */
interface BadgeState {
  title: string | null;
  match: string | null;
  matchTitle: string | null;
  status: string;
  text: string | null;
  inLayer: boolean;
}

function layerRoot(): ShadowRoot | null {
  return document.querySelector('[data-paper-lens-host="layer"]')?.shadowRoot ?? null;
}

function badgeHosts(): HTMLElement[] {
  const inline = [...document.querySelectorAll<HTMLElement>('[data-paper-lens-host="badge"]')];
  return [...inline, ...(layerRoot()?.querySelectorAll<HTMLElement>('[data-paper-lens-host="badge"]') ?? [])];
}

function buttonOf(host: HTMLElement): HTMLElement {
  return host.shadowRoot ? host.shadowRoot.querySelector<HTMLElement>('.badge')! : host;
}

function badgeStates(): BadgeState[] {
  return badgeHosts().map((host) => {
    const button = buttonOf(host);
    return {
      title: host.getAttribute('data-paper-lens-title'),
      match: host.getAttribute('data-paper-lens-match'),
      matchTitle: host.getAttribute('data-paper-lens-match-title'),
      status: button.className,
      text: button.textContent,
      inLayer: !host.shadowRoot,
    };
  });
}

function badgeTitled(title: string): BadgeState | undefined {
  return badgeStates().find((badge) => badge.title === title);
}

/** What a badge should say for a paper of the manifest, in or out of the corpus, saved or not. */
function expectedBadge(paper: Fixture['papers'][number], inLayer: boolean, saved = false): BadgeState {
  const match = paper.corpusTitle ? paperTitled(paper.corpusTitle).id : '';
  const status = saved ? 'saved' : paper.corpusTitle ? 'corpus' : 'none';
  const text = { saved: 'Saved', corpus: 'In corpus', none: 'Not in corpus' }[status];
  return {
    title: paper.title,
    match,
    matchTitle: paper.corpusTitle ?? '',
    status: `badge ${status}`,
    text,
    inLayer,
  };
}

/** How many of the panel's related papers show as saved. */
function pressed(): number {
  return panelHost()!.shadowRoot!.querySelectorAll('[aria-pressed="true"]').length;
}

function panelHost(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-paper-lens-host="panel"]');
}

/** A corpus paper that no fixture page shows, and that its own title matches. */
function paperNotOnAnyPage() {
  const shown = new Set(pages.flatMap((p) => p.papers.flatMap((paper) => [paper.title, paper.corpusTitle])));
  return realPapers().find((p) => !shown.has(p.title) && service().matchTitle(p.title).match?.id === p.id)!;
}

/** Replaces the text of `element`'s longest text node, as a page's script rewriting a title would. */
function rewriteText(element: Element, text: string): void {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let longest: Text | null = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!longest || (node.nodeValue ?? '').trim().length > (longest.nodeValue ?? '').trim().length) {
      longest = node as Text;
    }
  }
  longest!.nodeValue = text;
}

let corpus: ReturnType<typeof realService> | undefined;
const service = () => (corpus ??= realService());

let controller: PageController | null = null;
let api: FakeContentApi;

function startOn(file: string, overrides: Parameters<typeof createFakeContentApi>[0] = {}): Promise<void> {
  openPage(file);
  api = createFakeContentApi(overrides);
  controller = createPageController(window, api, '.badge{}', { nextFrame });
  return controller.start();
}

beforeEach(() => {
  fakeBrowser.reset();
  performance.clearMarks();
});

afterEach(() => {
  controller?.stop();
  controller = null;
});

describe('createPageController over the fixture pages', () => {
  it.each(pages.map((p) => [p.file, p] as const))(
    '%s: a badge per paper, the panel, the report',
    async (_, fixture) => {
      await startOn(fixture.file);
      // Read after the scan: detection leaves Paper Lens's own elements out of what it reads.
      const detection = detectPage(document, new URL(fixture.url))!;

      const inLayer = fixture.kind === 'arxiv-list';
      expect(badgeStates()).toEqual(fixture.papers.map((paper) => expectedBadge(paper, inLayer)));
      // Inline badges sit at their titles; listing badges in the layer, none in the page's own lines.
      for (const paper of detection.papers) {
        const host = badgeHosts().find((h) => h.getAttribute('data-paper-lens-title') === paper.title)!;
        if (inLayer) expect(host.getRootNode()).toBe(layerRoot());
        else if (paper.placement === 'inside') expect(host.parentNode).toBe(paper.anchor);
        else expect(host.previousSibling).toBe(paper.anchor);
      }
      expect(api.reports).toEqual([
        {
          kind: fixture.kind,
          papers: fixture.papers.map((p) => ({
            title: p.title,
            arxivId: p.arxivId,
            matchId: p.corpusTitle ? paperTitled(p.corpusTitle).id : null,
          })),
        },
      ]);
      // Every title asked once, the first FIRST_CHUNK in one message.
      expect(api.matched).toEqual([[...new Set(fixture.papers.map((p) => p.title))]]);
      expect(MARKS.map((name) => performance.getEntriesByName(name).length)).toEqual([1, 1, 1, 1, 1]);

      const panel = panelHost();
      if (fixture.abstract === null) {
        expect(panel).toBeNull();
        return;
      }
      expect(panel?.previousSibling).toBe(detection.abstractAnchor);
      const paper = fixture.papers[0]!;
      const related = paper.corpusTitle
        ? await service().related(paperTitled(paper.corpusTitle).id, 6)
        : await service().relatedToText(paper.title, fixture.abstract, 6);
      const text = panel!.shadowRoot!.textContent ?? '';
      expect(text).toContain(
        paper.corpusTitle ? 'The papers in the bundled corpus closest' : 'This paper is not in the bundled corpus',
      );
      expect(related).toHaveLength(6);
      for (const r of related) expect(text).toContain(r.title);
    },
  );
});

describe('createPageController and the saved list', () => {
  it('waits for the first read of the saved list, so a saved paper never shows as unsaved', async () => {
    const fixture = page('arxiv-list-new.html');
    const saved = fixture.papers.find((p) => p.corpusTitle)!;
    await savePaper({ title: saved.corpusTitle!, corpusId: paperTitled(saved.corpusTitle!).id });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const readSaved = createFakeContentApi().readSaved;
    const started = startOn(fixture.file, { readSaved: () => held.then(readSaved) });

    await expect.poll(() => performance.getEntriesByName('paper-lens:matched').length, WAIT).toBe(1);
    for (let i = 0; i < 5; i++) await nextFrame();
    expect(badgeHosts()).toEqual([]);

    release();
    await started;
    expect(badgeStates()).toEqual(fixture.papers.map((p) => expectedBadge(p, true, p === saved)));
  });

  it('shows a save made elsewhere (a storage change) on the badge and the panel, and its removal', async () => {
    const fixture = page('arxiv-abs.html');
    const paper = fixture.papers[0]!;
    await startOn(fixture.file);
    expect(badgeTitled(paper.title)?.status).toBe('badge corpus');
    const ref = { title: paper.corpusTitle!, corpusId: paperTitled(paper.corpusTitle!).id };
    const related = (await service().related(ref.corpusId, 6))[0]!;
    expect(pressed()).toBe(0);

    await savePaper(ref);
    await savePaper({ title: related.title, corpusId: related.id });
    await expect.poll(() => badgeTitled(paper.title)?.text, WAIT).toBe('Saved');
    expect(badgeTitled(paper.title)).toEqual(expectedBadge(paper, false, true));
    await expect.poll(pressed, WAIT).toBe(1);

    await unsavePaper(ref);
    await expect.poll(() => badgeTitled(paper.title)?.status, WAIT).toBe('badge corpus');
    expect(pressed()).toBe(1);
  });

  it('saves from a click on a listing badge and removes on a second click', async () => {
    const fixture = page('arxiv-list-recent.html');
    const paper = fixture.papers.find((p) => p.corpusTitle)!;
    const saves: SavedPaper[][] = [];
    await startOn(fixture.file);
    const stopWatching = api.watchSaved((papers) => saves.push(papers));
    const host = badgeHosts().find((h) => h.getAttribute('data-paper-lens-title') === paper.title)!;
    const click = () => buttonOf(host).dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));

    click();
    await expect.poll(() => badgeTitled(paper.title)?.status, WAIT).toBe('badge saved');
    expect(saves.at(-1)?.map((p) => [p.title, p.corpusId, p.arxivId, p.url])).toEqual([
      [paper.corpusTitle, paperTitled(paper.corpusTitle!).id, paper.arxivId, fixture.url],
    ]);
    click();
    await expect.poll(() => badgeTitled(paper.title)?.status, WAIT).toBe('badge corpus');
    expect(saves.at(-1)).toEqual([]);
    stopWatching();
  });
});

describe('createPageController following the page', () => {
  it('rematches a title the page rewrites after load', async () => {
    for (const file of ['arxiv-list-new.html', 'hf-daily.html']) {
      const fixture = page(file);
      await startOn(file);
      const other = paperNotOnAnyPage();
      const target = detectPage(document, new URL(fixture.url))!.papers[1]!;
      rewriteText(target.anchor, other.title);

      await expect.poll(() => badgeTitled(other.title)?.match, WAIT).toBe(other.id);
      const expected = fixture.papers.map((p, i) =>
        i === 1
          ? { ...expectedBadge(p, file === 'arxiv-list-new.html'), title: other.title }
          : expectedBadge(p, file === 'arxiv-list-new.html'),
      );
      expected[1] = {
        ...expected[1]!,
        match: other.id,
        matchTitle: other.title,
        status: 'badge corpus',
        text: 'In corpus',
      };
      expect(badgeStates()).toEqual(expected);
      // Only the new title is asked about; the others come from the cache.
      expect(api.matched.slice(1)).toEqual([[other.title]]);
      await expect.poll(() => api.reports.length, WAIT).toBe(2);
      expect(api.reports[1]!.papers[1]).toEqual({
        title: other.title,
        arxivId: fixture.papers[1]!.arxivId,
        matchId: other.id,
      });
      controller!.stop();
      controller = null;
    }
  });

  it('follows a client-side navigation from a paper to the daily list (history change and new content)', async () => {
    const from = page('hf-paper.html');
    await startOn(from.file);
    expect(badgeStates()).toEqual([expectedBadge(from.papers[0]!, false)]);
    expect(panelHost()).not.toBeNull();

    // What Hugging Face's app does when the reader opens the daily list: new URL, new content.
    const to = page('hf-daily.html');
    history.pushState({}, '', to.url);
    const next = new DOMParser().parseFromString(fixtureHtml(to.file), 'text/html');
    document.body.replaceWith(document.importNode(next.body, true));

    await expect.poll(() => api.reports.length, WAIT).toBe(2);
    expect(badgeStates()).toEqual(to.papers.map((p) => expectedBadge(p, false)));
    expect(panelHost()).toBeNull();
    expect(api.reports[1]!.kind).toBe('hf-list');
  });

  it('follows a history navigation (popstate) to another paper: badge, panel and report', async () => {
    const from = page('arxiv-abs.html');
    const to = page('arxiv-abs-tex.html');
    await startOn(from.file);
    expect(badgeStates()).toEqual([expectedBadge(from.papers[0]!, false)]);

    history.pushState({}, '', to.url);
    const next = new DOMParser().parseFromString(fixtureHtml(to.file), 'text/html');
    document.body.replaceWith(document.importNode(next.body, true));
    window.dispatchEvent(new PopStateEvent('popstate'));

    await expect.poll(() => api.reports.length, WAIT).toBe(2);
    expect(badgeStates()).toEqual([expectedBadge(to.papers[0]!, false)]);
    expect(api.matched.slice(1)).toEqual([[to.papers[0]!.title]]);
    expect(api.reports[1]).toEqual({
      kind: 'arxiv-abs',
      papers: [
        {
          title: to.papers[0]!.title,
          arxivId: to.papers[0]!.arxivId,
          matchId: paperTitled(to.papers[0]!.corpusTitle!).id,
        },
      ],
    });
    const detection = detectPage(document, new URL(to.url))!;
    expect(document.querySelectorAll('[data-paper-lens-host="panel"]')).toHaveLength(1);
    expect(panelHost()!.previousSibling).toBe(detection.abstractAnchor);
    const related = await service().related(paperTitled(to.papers[0]!.corpusTitle!).id, 6);
    await expect.poll(() => panelHost()!.shadowRoot!.textContent, WAIT).toContain(related[0]!.title);
  });

  it('rescans when the URL alone changes (popstate)', async () => {
    const from = page('arxiv-abs.html');
    await startOn(from.file);
    expect(badgeHosts()).toHaveLength(1);

    // Back to a page Paper Lens does not read, with the same content still shown.
    history.replaceState({}, '', 'https://arxiv.org/');
    window.dispatchEvent(new PopStateEvent('popstate'));

    await expect.poll(() => badgeHosts().length, WAIT).toBe(0);
    expect(panelHost()).toBeNull();
    expect(api.reports).toHaveLength(1);
  });

  it('leaves nothing on the page after stop()', async () => {
    await startOn('arxiv-list-new.html');
    expect(badgeHosts()).toHaveLength(12);
    controller!.stop();
    expect(document.querySelectorAll('[data-paper-lens-host]')).toHaveLength(0);
  });
});
