import { mark } from '../lib/marks';
import { LIMITS } from '../lib/messaging/validate';
import { detectPage } from '../lib/pages/detect';
import type { DetectedPaper, PageDetection } from '../lib/pages/types';
import { createFrameQueue, frameOf, type NextFrame } from './frame-scheduler';
import { createMatchQueue } from './match-queue';
import { createPageBadges, type BadgeEntry } from './page-badges';
import { observePage, serialScans } from './page-observer';
import { createPanel } from './panel';
import { createSavedSync, paperRefOf } from './saved-sync';
import { createThemeReader } from './theme';
import { reportError, type ContentApi } from './types';

export type { ContentApi } from './types';

/** Related papers a badge's hover preview lists. */
const PREVIEW_SIZE = 3;

/** What a test may put in place of the browser's own. */
export interface PageOptions {
  /** Waits for the next frame; by default the page's own (frameOf). */
  nextFrame?: NextFrame;
}

/** What runs Paper Lens on one page. */
export interface PageController {
  /** Reads the saved list, scans the page and starts following its changes. */
  start(): Promise<void>;
  /** Scans the page again (one scan at a time; a request during one runs one more after it). */
  scan(): Promise<void>;
  /** Removes everything Paper Lens added and stops listening. */
  stop(): void;
}

/**
 * Finds the papers on the page, shows a badge on each and, on single-paper pages, the related-work
 * panel; keeps them in step with the page (client-side navigation, late rewrites) and the saved list.
 */
export function createPageController(
  win: Window,
  api: ContentApi,
  sheet: CSSStyleSheet | string,
  options: PageOptions = {},
): PageController {
  const doc = win.document;
  const nextFrame = options.nextFrame ?? frameOf(win);
  const refOf = (entry: BadgeEntry) => paperRefOf(entry.detected, entry.match, win.location.href);
  const matches = createMatchQueue((titles) => api.call('matchTitles', titles));
  const badges = createPageBadges(doc, sheet, {
    actions: (entry) => ({
      loadPreview: () =>
        entry.match
          ? api.call('related', { id: entry.match.id, k: PREVIEW_SIZE })
          : api.call('relatedToText', { title: entry.detected.title, abstract: '', k: PREVIEW_SIZE }),
      toggleSave: () => saved.toggle(refOf(entry)),
    }),
    status: (entry) => saved.statusOf(refOf(entry), entry.match !== null),
  });
  const saved = createSavedSync(api, () => {
    badges.refresh();
    panel.render();
  });
  const panel = createPanel(doc, sheet, api, saved);
  const theme = createThemeReader(doc);
  let stopped = false;
  let unobserve: (() => void) | null = null;

  // A badge is placed only once its title is matched, so it never shows a guess. Badges land in
  // frames as their batches come back, top of the page first, while the worker matches the next.
  async function scanOnce(): Promise<void> {
    const detection = detectPage(doc, new URL(win.location.href));
    const papers = detection?.papers ?? [];
    const colours = theme();
    badges.begin(papers, colours);
    mark('detected');
    const order = new Map(papers.map((paper, i) => [paper, i]));
    const placing = createFrameQueue<DetectedPaper>(nextFrame, (a, b) => order.get(a)! - order.get(b)!);
    const matched = matches.match(papers, placing.push).finally(() => {
      mark('matched');
      placing.close();
    });
    // A badge says 'Saved' from its first frame: the list is read while the titles are matched.
    await saved.ready;
    await placing.place(
      (chunk) => {
        for (const paper of chunk) badges.show(paper, order.get(paper)!, matches.get(paper.title) ?? null);
        badges.flush();
      },
      () => stopped,
    );
    await matched;
    if (stopped) return;
    mark('badges');
    await panel.sync(detection, badges.matchOf, colours);
    if (detection) await api.call('reportPage', reportOf(detection, badges.matchOf));
  }

  const scan = serialScans(scanOnce, () => stopped, reportError);

  return {
    async start() {
      // Marks on the page's timeline, for the benchmark and the long-task test to measure against.
      mark('start');
      saved.read();
      unobserve = observePage(win, () => void scan());
      await scan();
      mark('ready');
    },
    scan,
    stop() {
      stopped = true;
      unobserve?.();
      saved.stop();
      badges.clear();
      panel.remove();
    },
  };
}

/** What the page tells the background about itself: its first LIMITS.titles papers and their matches
 * (the background refuses longer reports; the badges still cover every paper). */
function reportOf(detection: PageDetection, matchOf: (anchor: Element) => { id: string; probable?: boolean } | null) {
  return {
    kind: detection.kind,
    papers: detection.papers.slice(0, LIMITS.titles).map((p) => ({
      title: p.title,
      arxivId: p.arxivId,
      matchId: matchOf(p.anchor)?.id ?? null,
      ...(matchOf(p.anchor)?.probable ? { matchKind: 'head' as const } : {}),
    })),
  };
}
