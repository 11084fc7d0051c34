import { render } from 'preact';
import { RelatedPanel } from '../../components/RelatedPanel';
import type { ReportedPaper } from '../background/tab-reports';
import type { TitleCandidate } from '../match/match-title';
import { LIMITS } from '../messaging/validate';
import { detectPage } from '../pages/detect';
import { HOST_ATTRIBUTE } from '../pages/text';
import type { DetectedPaper, PageDetection } from '../pages/types';
import type { RelatedPaper } from '../service/corpus-service';
import type { PaperRef, SavedPaper } from '../storage/saved-list';
import { applyStyles, createBadge, type Badge } from './badge';
import { createBadgeLayer, type BadgeLayer } from './badge-layer';
import { badgeStatusOf, createSaveToggles } from './save-toggle';
import { pageTheme } from './theme';

/** What the page side asks of the background and of storage; injected so tests can fake it. */
export interface ContentApi {
  matchTitles(titles: string[]): Promise<(TitleCandidate | null)[]>;
  related(id: string, k: number): Promise<RelatedPaper[]>;
  relatedToText(title: string, abstract: string, k: number): Promise<RelatedPaper[]>;
  savePaper(ref: PaperRef): Promise<unknown>;
  unsavePaper(ref: PaperRef): Promise<unknown>;
  reportPage(report: { kind: PageDetection['kind']; papers: ReportedPaper[] }): Promise<void>;
  readSaved(): Promise<SavedPaper[]>;
  watchSaved(callback: (papers: SavedPaper[]) => void): () => void;
}

/** Badges placed per frame: a first chunk that covers the top of the page, then CHUNK per frame (see
 * scanOnce). Titles go to the background in a first message of FIRST_CHUNK, so those badges come
 * quickly, then the rest in messages of up to MATCH_BATCH: each answer waits behind the page's
 * frames: on a 2,000-entry listing, of eight messages of 250 the last seven were answered ~200 ms
 * after the first; one message of 1,900 came back in ~100 ms. Measured there with the badge layer
 * (loadListing in scripts/lib/bench-listing.ts, two rounds of 9 loads, medians of all badges and
 * longest task): frames of 600 badges gave 270 / 28 and 237 / 27 ms, of 800 244 / 18 and 197 / 20,
 * of 1,000 226 / 26 and 228 / 54. */
const FIRST_CHUNK = 100;
const MATCH_BATCH = 2500;
const CHUNK = 800;
const PREVIEW_SIZE = 3;
const PANEL_SIZE = 6;
const RESCAN_DELAY = 200;

interface Entry {
  detected: DetectedPaper;
  badge: Badge;
  match: { id: string; title: string } | null;
}

/**
 * Waits for the page's next frame, so what is written next is laid out in a frame of its own. A
 * hidden tab renders no frames (requestAnimationFrame would wait until it is shown): there a
 * message-channel round trip yields to the page's own tasks instead.
 */
function nextFrame(win: Window): Promise<void> {
  return new Promise((resolve) => {
    if (win.document.visibilityState === 'visible') {
      win.requestAnimationFrame(() => resolve());
      return;
    }
    const channel = new MessageChannel();
    channel.port1.addEventListener('message', () => resolve(), { once: true });
    channel.port1.start();
    channel.port2.postMessage(null);
  });
}

/**
 * Finds the papers on the page, shows a badge on each and, on single-paper pages, the related-work
 * panel; keeps them in step with the page (client-side navigation, late rewrites) and the saved list.
 */
export function createPageController(win: Window, api: ContentApi, sheet: CSSStyleSheet | string) {
  const doc = win.document;
  const entries = new Map<Element, Entry>();
  const matchCache = new Map<string, { id: string; title: string } | null>();
  const toggles = createSaveToggles({
    save: (ref) => api.savePaper(ref),
    unsave: (ref) => api.unsavePaper(ref),
    onChange: showStatuses,
  });
  let panel: {
    host: HTMLElement;
    anchor: Element;
    key: string;
    related: RelatedPaper[] | null;
    error: string | null;
  } | null = null;
  let detection: PageDetection | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const refOf = (entry: Entry): PaperRef => ({
    title: entry.match?.title ?? entry.detected.title,
    corpusId: entry.match?.id ?? null,
    arxivId: entry.detected.arxivId,
    url: win.location.href,
  });

  function applyStatus(entry: Entry): void {
    const ref = refOf(entry);
    entry.badge.setStatus(badgeStatusOf(toggles.stateOf(ref), entry.match !== null), toggles.errorOf(ref));
  }

  function toggle(ref: PaperRef): void {
    toggles.toggle(ref);
  }

  let theme: 'light' | 'dark' = 'light';
  let themeOf: string | null = null;
  /** Where badges marking a `badgeAt` line go (badge-layer.ts); made on the first such page. */
  let layer: BadgeLayer | null = null;

  /** `order`: the paper's place among the page's papers, which orders the layer's badges. */
  function place(entry: Entry, order: number): void {
    const { anchor, placement, badgeAt } = entry.detected;
    if (badgeAt) {
      // scanOnce made the layer (and set its theme) when it found lines to mark.
      (layer ??= createBadgeLayer(doc, sheet)).add(entry.badge, badgeAt, order);
      return;
    }
    layer?.remove(entry.badge);
    entry.badge.host.setAttribute('data-pl-theme', theme);
    if (placement === 'inside') anchor.append(entry.badge.host);
    else anchor.after(entry.badge.host);
  }

  function isPlaced(entry: Entry): boolean {
    const { host } = entry.badge;
    const { anchor, placement, badgeAt } = entry.detected;
    if (badgeAt) return layer?.holds(entry.badge, badgeAt) ?? false;
    return placement === 'inside' ? host.parentNode === anchor : host.previousSibling === anchor;
  }

  function unplace(entry: Entry): void {
    layer?.remove(entry.badge);
    entry.badge.host.remove();
  }

  function addEntry(detected: DetectedPaper): Entry {
    const entry: Entry = { detected, match: null } as Entry;
    const actions = {
      loadPreview: () =>
        entry.match
          ? api.related(entry.match.id, PREVIEW_SIZE)
          : api.relatedToText(entry.detected.title, '', PREVIEW_SIZE),
      toggleSave: () => toggle(refOf(entry)),
    };
    // A badge in the layer is styled by the layer's shadow root; an inline one needs its own.
    entry.badge = createBadge(doc, actions, detected.badgeAt ? undefined : sheet);
    return entry;
  }

  /** Brings one detected paper's badge up to date from the match cache (every title is matched by now). */
  function sync(detected: DetectedPaper, order: number): void {
    let entry = entries.get(detected.anchor);
    if (entry && entry.detected.title === detected.title && isPlaced(entry)) {
      layer?.setOrder(entry.badge, order);
      return;
    }
    if (entry && !entry.detected.badgeAt !== !detected.badgeAt) {
      unplace(entry);
      entry = undefined;
    }
    if (!entry) {
      entry = addEntry(detected);
      entries.set(detected.anchor, entry);
    }
    entry.detected = detected;
    entry.match = matchCache.get(detected.title) ?? null;
    entry.badge.setMatch(detected.title, entry.match?.id ?? null, entry.match?.title ?? null);
    applyStatus(entry);
    if (!isPlaced(entry)) place(entry, order);
  }

  /** Asks the background about every title not asked yet, in batches that travel in parallel; each
   * batch's titles are handed to `onBatch` as soon as its answer is in the cache. */
  async function matchAll(titles: string[], onBatch: (titles: string[]) => void): Promise<void> {
    const unknown = [...new Set(titles)].filter((title) => !matchCache.has(title));
    const batches: string[][] = [];
    if (unknown.length > 0) batches.push(unknown.slice(0, FIRST_CHUNK));
    for (let i = FIRST_CHUNK; i < unknown.length; i += MATCH_BATCH) batches.push(unknown.slice(i, i + MATCH_BATCH));
    await Promise.all(
      batches.map(async (batch) => {
        const results = await api.matchTitles(batch);
        batch.forEach((title, i) => {
          const match = results[i];
          matchCache.set(title, match ? { id: match.id, title: match.title } : null);
        });
        onBatch(batch);
      }),
    );
  }

  // A badge is placed only once its title is matched, so it never shows a guess. Badges land in
  // frames as their batches come back, top of the page first, while the worker matches the next
  // batch. Inline badges (Hugging Face, single papers) relay out the page; a listing's badges go
  // to the badge layer, which leaves the page's layout alone (badge-layer.ts has the figures), so
  // what a frame costs there is making CHUNK badges and measuring their lines.
  async function scanOnce(): Promise<void> {
    detection = detectPage(doc, new URL(win.location.href));
    // Reading the page's colours forces a style pass: done again only when the root's classes change.
    if (themeOf !== doc.documentElement.className) {
      themeOf = doc.documentElement.className;
      theme = pageTheme(doc);
    }
    const papers = detection?.papers ?? [];
    const current = new Set(papers.map((p) => p.anchor));
    for (const [anchor, entry] of entries) {
      if (!current.has(anchor) || !anchor.isConnected) {
        unplace(entry);
        entries.delete(anchor);
      }
    }
    // The page changed since the last scan: lines that kept their badges may have moved. The layer
    // goes in now, while the titles are matched: adding it to the page costs a frame ~30 ms of
    // rendering on a 2,000-entry listing, which would otherwise land on the frame of the first badges.
    if (papers.some((paper) => paper.badgeAt)) layer ??= createBadgeLayer(doc, sheet);
    layer?.setTheme(theme);
    layer?.attach();
    layer?.relayout();
    performance.mark('paper-lens:detected');
    const ready: DetectedPaper[] = [];
    const waiting = new Map<string, DetectedPaper[]>();
    const order = new Map(papers.map((paper, i) => [paper, i]));
    const byPageOrder = (a: DetectedPaper, b: DetectedPaper) => order.get(a)! - order.get(b)!;
    for (const paper of papers) {
      if (matchCache.has(paper.title)) ready.push(paper);
      else waiting.set(paper.title, [...(waiting.get(paper.title) ?? []), paper]);
    }
    let wake: (() => void) | null = null;
    let matching = true;
    const matched = matchAll(
      papers.map((p) => p.title),
      (titles) => {
        for (const title of titles) ready.push(...(waiting.get(title) ?? []));
        wake?.();
      },
    ).finally(() => {
      matching = false;
      performance.mark('paper-lens:matched');
      wake?.();
    });
    // A badge says 'Saved' from its first frame: the list is read while the titles were matched.
    await savedRead;
    let chunk = FIRST_CHUNK;
    // `stopped` changes while the loop awaits.
    // oxlint-disable-next-line no-unmodified-loop-condition
    while (!stopped) {
      if (ready.length === 0) {
        if (!matching) break;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        continue;
      }
      await nextFrame(win);
      if (stopped) return;
      // Batches come back in any order: placing in page order keeps the top of the page first.
      ready.sort(byPageOrder);
      for (const detected of ready.splice(0, chunk)) sync(detected, order.get(detected)!);
      layer?.place();
      chunk = CHUNK;
    }
    await matched;
    if (stopped) return;
    performance.mark('paper-lens:badges');
    await syncPanel();
    if (detection) {
      await api.reportPage({
        kind: detection.kind,
        // The background refuses a report of more than LIMITS.titles papers, so a 10,000-entry page
        // was never reported at all; it reports its first LIMITS.titles instead (badges cover them all).
        papers: papers.slice(0, LIMITS.titles).map((p) => ({
          title: p.title,
          arxivId: p.arxivId,
          matchId: entries.get(p.anchor)?.match?.id ?? null,
        })),
      });
    }
  }

  async function syncPanel(): Promise<void> {
    const found = detection?.single ? detection.papers[0] : undefined;
    const anchor = detection?.abstractAnchor;
    if (!found || !anchor) {
      panel?.host.remove();
      panel = null;
      return;
    }
    const match = entries.get(found.anchor)?.match ?? null;
    const key = `${match?.id ?? ''}|${found.title}`;
    if (panel && panel.key === key && panel.anchor === anchor && panel.host.previousSibling === anchor) return;
    panel?.host.remove();
    const host = doc.createElement('div');
    host.setAttribute(HOST_ATTRIBUTE, 'panel');
    host.setAttribute('data-pl-theme', theme);
    applyStyles(doc, host.attachShadow({ mode: 'open' }), sheet);
    anchor.after(host);
    panel = { host, anchor, key, related: null, error: null };
    renderPanel();
    const current = panel;
    try {
      current.related = match
        ? await api.related(match.id, PANEL_SIZE)
        : await api.relatedToText(found.title, detection?.abstract ?? '', PANEL_SIZE);
    } catch {
      current.error = 'Related work is not available right now.';
    }
    if (panel === current) renderPanel();
  }

  function renderPanel(): void {
    if (!panel || !panel.host.shadowRoot) return;
    const inCorpus = panel.key.split('|')[0] !== '';
    render(
      <RelatedPanel
        related={panel.related}
        error={panel.error}
        inCorpus={inCorpus}
        isSaved={(id) => toggles.holds({ title: '', corpusId: id })}
        onToggleSave={(paper) => toggle({ title: paper.title, corpusId: paper.id })}
      />,
      panel.host.shadowRoot,
    );
  }

  /** Runs a scan; one at a time, and a request during a scan runs one more after it. */
  function scan(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await scanOnce().catch(report);
        // `again` and `stopped` change while the scan awaits.
        // oxlint-disable-next-line no-unmodified-loop-condition
      } while (again && !stopped);
      running = null;
    })();
    return running;
  }

  // Throttled, not debounced: a page that changes more often than RESCAN_DELAY (a body replaced
  // every 20 ms) restarted the timer forever and was never rescanned; now it is, once per delay.
  function scheduleScan(): void {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      void scan();
    }, RESCAN_DELAY);
  }

  // Our own insertions show up as mutations too; only the page's own changes call for a rescan.
  const observer = new MutationObserver((mutations) => {
    const pageChanged = mutations.some(
      (m) =>
        m.type === 'characterData' ||
        [...m.addedNodes].some((n) => !isOurs(n)) ||
        [...m.removedNodes].some((n) => !isOurs(n)),
    );
    if (pageChanged) scheduleScan();
  });

  function onSaved(papers: SavedPaper[]): void {
    toggles.setList(papers);
    showStatuses();
  }

  function showStatuses(): void {
    for (const entry of entries.values()) applyStatus(entry);
    renderPanel();
  }

  /** Changes seen since start(): a read that began before one of them is older than it. */
  let savedChanges = 0;
  const unwatch = api.watchSaved((papers) => {
    savedChanges++;
    onSaved(papers);
  });
  /** The saved list's first read; badges wait for it, the page's scan and matching need not. */
  let savedRead: Promise<void> = Promise.resolve();

  return {
    /** Reads the saved list, scans the page and starts following its changes. */
    async start(): Promise<void> {
      // Marks on the page's timeline, for the benchmark and the long-task test to measure against.
      performance.mark('paper-lens:start');
      const changes = savedChanges;
      savedRead = api
        .readSaved()
        .catch(() => [])
        .then((papers) => {
          if (savedChanges === changes) onSaved(papers);
        });
      observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
      win.addEventListener('popstate', scheduleScan);
      await scan();
      performance.mark('paper-lens:ready');
    },
    scan,
    /** Removes everything Paper Lens added and stops listening. */
    stop(): void {
      stopped = true;
      clearTimeout(timer);
      observer.disconnect();
      unwatch();
      win.removeEventListener('popstate', scheduleScan);
      for (const entry of entries.values()) unplace(entry);
      entries.clear();
      layer?.destroy();
      layer = null;
      panel?.host.remove();
      panel = null;
    },
  };
}

function isOurs(node: Node): boolean {
  return node.nodeType === 1 && (node as Element).hasAttribute(HOST_ATTRIBUTE);
}

/** Our errors stay ours: logged quietly, never thrown into the page. */
function report(error: unknown): void {
  console.debug('[Paper Lens]', error);
}
