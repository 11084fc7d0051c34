import { describeTab } from '../background/describe-tab';
import { corpusCount, rememberSeen, savePrerenderReport, saveTabReport } from '../background/tab-reports';
import { classifyUrl } from '../pages/detect';
import type { CorpusService, TitleLookup } from '../service/corpus-service';
import { applyImport } from '../storage/apply-import';
import {
  editPaper,
  readSavedList,
  restorePaper,
  savePaper,
  unsavePaper,
  validateSavedList,
} from '../storage/saved-list';
import type { ProtocolMap } from './protocol';
import {
  BadRequestError,
  checkEdit,
  checkImported,
  checkK,
  checkObject,
  checkPaperRef,
  checkReport,
  checkSavedEntry,
  checkString,
  checkStrings,
  LIMITS,
} from './validate';

/** Who sent a message: a content script's tab, or one of the extension's own pages. */
export interface Sender {
  tabId: number | null;
  url: string | null;
  /** True for the popup and other pages of this extension. */
  fromExtension: boolean;
  /** A content script in a prerendered page: `url` is its own, not yet the tab's. */
  prerendered?: boolean;
  /** The request's id, the same on a retry: a change to the reading list is applied once per id. */
  requestId?: number;
}

/** The browser operations the handlers need, injected so tests can run without a browser. */
export interface BackgroundDeps {
  getService(): Promise<CorpusService>;
  /** The title index alone: ready long before the whole corpus is (matching, known ids, titles). */
  getTitles(): Promise<TitleLookup>;
  getTab(tabId: number): Promise<{ url: string | null; title: string | null } | null>;
  setBadgeCount(tabId: number, count: number): Promise<void>;
}

/** The background's answers, keyed like the protocol: each checks its data (and sender) and answers. */
export type Handlers = {
  [K in keyof ProtocolMap]: (data: unknown, sender: Sender) => Promise<ReturnType<ProtocolMap[K]>>;
};

/**
 * Who each message is answered for: the extension's own pages (the popup), content scripts (which
 * speak for their own tab only), or both. Content scripts get only what the in-page UI needs.
 */
export const ANSWERED_FOR: { readonly [K in keyof ProtocolMap]: 'extension' | 'page' | 'both' } = {
  matchTitles: 'both',
  related: 'both',
  relatedToText: 'both',
  savePaper: 'both',
  unsavePaper: 'both',
  reportPage: 'page',
  getPaper: 'extension',
  search: 'extension',
  stats: 'extension',
  editPaper: 'extension',
  restorePaper: 'extension',
  applyImport: 'extension',
  moreLikeSaved: 'extension',
  describeTab: 'extension',
};

/** A content script's sender: a tab, and the URL the browser (not the message) says it shows. */
function isPage(sender: Sender): sender is Sender & { tabId: number; url: string } {
  return !sender.fromExtension && sender.tabId !== null && sender.url !== null;
}

/** Throws unless `sender` may send the message `name`. */
export function checkSender(name: keyof ProtocolMap, sender: Sender): void {
  if (!sender.fromExtension && !isPage(sender)) {
    throw new BadRequestError('the sender is neither an extension page nor a content script in a tab');
  }
  const who = ANSWERED_FOR[name];
  if (who === 'extension' && !sender.fromExtension) {
    throw new BadRequestError(`${name} is answered for the extension's own pages only`);
  }
  if (who === 'page' && !isPage(sender)) throw new BadRequestError(`${name} comes from a page only`);
}

function checkNoData(data: unknown, name: string): void {
  if (data !== undefined && data !== null) throw new BadRequestError(`${name} takes no data`);
}

/** Builds the background's handlers; each checks its sender and its data before anything else. */
export function createHandlers(deps: BackgroundDeps): Handlers {
  const handlers = createAnswers(deps);
  const checked = {} as Record<keyof ProtocolMap, (data: unknown, sender: Sender) => Promise<unknown>>;
  for (const name of Object.keys(handlers) as (keyof ProtocolMap)[]) {
    const answer = handlers[name] as (data: unknown, sender: Sender) => Promise<unknown>;
    checked[name] = async (data, sender) => {
      checkSender(name, sender);
      return answer(data, sender);
    };
  }
  return checked as Handlers;
}

function createAnswers(deps: BackgroundDeps): Handlers {
  const { getService } = deps;
  return {
    async matchTitles(data) {
      const titles = checkStrings(data, 'titles', LIMITS.titles, LIMITS.text);
      const lookup = await deps.getTitles();
      return titles.map((title) => lookup.matchTitle(title).match);
    },
    async getPaper(data) {
      const id = checkString(data, 'id', LIMITS.query);
      return (await getService()).getPaper(id) ?? null;
    },
    async related(data) {
      const request = checkObject(data, 'request', ['id', 'k']);
      const id = checkString(request.id, 'id', LIMITS.query);
      const k = checkK(request.k);
      return (await getService()).related(id, k);
    },
    async relatedToText(data) {
      const request = checkObject(data, 'request', ['title', 'abstract', 'k']);
      const title = checkString(request.title, 'title', LIMITS.text);
      const abstract = checkString(request.abstract, 'abstract', LIMITS.text);
      const k = checkK(request.k);
      return (await getService()).relatedToText(title, abstract, k);
    },
    async search(data) {
      const request = checkObject(data, 'request', ['query', 'k']);
      const query = checkString(request.query, 'query', LIMITS.query);
      const k = checkK(request.k);
      return (await getService()).search(query, k);
    },
    async stats(data) {
      checkNoData(data, 'stats');
      return (await getService()).stats();
    },
    async savePaper(data, sender) {
      const ref = checkPaperRef(data);
      // A content script may name only the page it runs on (the one the browser says it shows).
      if (isPage(sender) && ref.url !== null && ref.url !== sender.url) {
        throw new BadRequestError("url must be the sending page's address");
      }
      return savePaper(await checkKnownIds(ref), Date.now(), sender.requestId);
    },
    async unsavePaper(data, sender) {
      // The popup removes a whole saved entry; only its identities (title and ids) are read.
      return unsavePaper(checkPaperRef(data, true), sender.requestId);
    },
    async editPaper(data, sender) {
      const { key, edit } = checkEdit(data);
      return editPaper(key, edit, sender.requestId);
    },
    async restorePaper(data, sender) {
      // The storage layer's own check too, so a restored entry is one it would read back.
      const [entry] = validateSavedList({ papers: [checkSavedEntry(data)] }).papers;
      if (!entry) throw new BadRequestError('entry is not a saved paper');
      return restorePaper(entry, sender.requestId);
    },
    async applyImport(data, sender) {
      return applyImport(checkImported(data), Date.now(), sender.requestId);
    },
    async moreLikeSaved(data) {
      const request = checkObject(data, 'request', ['tag', 'k']);
      const tag = request.tag === null || request.tag === undefined ? null : checkString(request.tag, 'tag', 60);
      const k = checkK(request.k);
      const { papers } = await readSavedList();
      const chosen = tag === null ? papers : papers.filter((p) => p.tags.includes(tag));
      return (await getService()).relatedToSet(chosen, k);
    },
    async reportPage(data, sender) {
      // A content script speaks only for its own tab and page: both come from the sender, not the message.
      if (!isPage(sender)) throw new BadRequestError('reportPage comes from a page only');
      const kind = classifyUrl(new URL(sender.url));
      if (!kind) throw new BadRequestError('reportPage comes from an arXiv or Hugging Face page only');
      const report = checkReport(data);
      if (report.kind !== kind) throw new BadRequestError(`kind must be "${kind}", the kind of the sending page`);
      const lookup = await deps.getTitles();
      // The stored report names each match's title too, so the popup can show it from storage alone.
      const papers = report.papers.map((paper) => {
        const matchTitle = paper.matchId ? (lookup.titleOf(paper.matchId) ?? null) : null;
        return { ...paper, matchId: matchTitle === null ? null : paper.matchId, matchTitle };
      });
      const stored = { url: sender.url, kind, papers };
      await rememberSeen(papers);
      // A prerendered page is kept aside under its own URL until the tab shows it (background.ts).
      if (sender.prerendered && (await deps.getTab(sender.tabId))?.url !== sender.url) {
        return savePrerenderReport(sender.tabId, stored);
      }
      await saveTabReport(sender.tabId, stored);
      await deps.setBadgeCount(sender.tabId, corpusCount(stored));
    },
    async describeTab(data) {
      if (typeof data !== 'number' || !Number.isSafeInteger(data) || data < 0) {
        throw new BadRequestError('tabId must be a whole number');
      }
      const lookup = await deps.getTitles();
      return describeTab({ getTab: deps.getTab, matchTitle: async (title) => lookup.matchTitle(title).match }, data);
    },
  };

  /** A corpus id a message names must exist; an unknown one is dropped rather than stored. */
  async function checkKnownIds<T extends { corpusId?: string | null }>(ref: T): Promise<T> {
    if (ref.corpusId && !(await deps.getTitles()).hasPaper(ref.corpusId)) return { ...ref, corpusId: null };
    return ref;
  }
}
