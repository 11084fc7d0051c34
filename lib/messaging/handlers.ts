import { getTabReport, lookupSeen, rememberSeen, saveTabReport } from '../background/tab-reports';
import { arxivIdOf } from '../pages/arxiv';
import { classifyUrl } from '../pages/detect';
import type { CorpusService } from '../service/corpus-service';
import { applyImport } from '../storage/apply-import';
import {
  editPaper,
  readSavedList,
  restorePaper,
  savePaper,
  unsavePaper,
  validateSavedList,
} from '../storage/saved-list';
import type { ProtocolMap, TabDescription } from './protocol';
import {
  BadRequestError,
  checkEdit,
  checkImported,
  checkK,
  checkObject,
  checkPaperRef,
  checkReport,
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
}

/** The browser operations the handlers need, injected so tests can run without a browser. */
export interface BackgroundDeps {
  getService(): Promise<CorpusService>;
  getTab(tabId: number): Promise<{ url: string | null; title: string | null } | null>;
  setBadgeCount(tabId: number, count: number): Promise<void>;
}

/** The background's answers, keyed like the protocol: each checks its data (and sender) and answers. */
export type Handlers = {
  [K in keyof ProtocolMap]: (data: unknown, sender: Sender) => Promise<ReturnType<ProtocolMap[K]>>;
};

function requireExtension(sender: Sender, what: string): void {
  if (!sender.fromExtension) throw new BadRequestError(`${what} is answered for the extension's own pages only`);
}

/** Builds the background's handlers. */
export function createHandlers(deps: BackgroundDeps): Handlers {
  const { getService } = deps;
  return {
    async matchTitles(data) {
      const titles = checkStrings(data, 'titles', LIMITS.titles, LIMITS.text);
      const service = await getService();
      return titles.map((title) => service.matchTitle(title));
    },
    async getPaper(data) {
      const id = checkString(data, 'id', LIMITS.query);
      return (await getService()).getPaper(id) ?? null;
    },
    async related(data) {
      const request = checkObject(data, 'request');
      const id = checkString(request.id, 'id', LIMITS.query);
      return (await getService()).related(id, checkK(request.k));
    },
    async relatedToText(data) {
      const request = checkObject(data, 'request');
      const title = checkString(request.title, 'title', LIMITS.text);
      const abstract = checkString(request.abstract, 'abstract', LIMITS.text);
      return (await getService()).relatedToText(title, abstract, checkK(request.k));
    },
    async search(data) {
      const request = checkObject(data, 'request');
      const query = checkString(request.query, 'query', LIMITS.query);
      return (await getService()).search(query, checkK(request.k));
    },
    async stats() {
      return (await getService()).stats();
    },
    async savePaper(data) {
      return savePaper(await checkKnownIds(checkPaperRef(data)));
    },
    async unsavePaper(data) {
      return unsavePaper(checkPaperRef(data));
    },
    async editPaper(data) {
      const { key, edit } = checkEdit(data);
      return editPaper(key, edit);
    },
    async restorePaper(data) {
      const [entry] = validateSavedList({ papers: [data] }).papers;
      if (!entry) throw new BadRequestError('entry is not a saved paper');
      return restorePaper(entry);
    },
    async applyImport(data) {
      return applyImport(checkImported(data));
    },
    async moreLikeSaved(data) {
      const request = checkObject(data, 'request');
      const tag = request.tag === null || request.tag === undefined ? null : checkString(request.tag, 'tag', 60);
      const k = checkK(request.k);
      const { papers } = await readSavedList();
      const chosen = tag === null ? papers : papers.filter((p) => p.tags.includes(tag));
      return (await getService()).relatedToSet(chosen, k);
    },
    async reportPage(data, sender) {
      // A content script speaks only for its own tab and page: both come from the sender, not the message.
      if (sender.tabId === null || !sender.url) throw new BadRequestError('reportPage comes from a page only');
      const kind = classifyUrl(new URL(sender.url));
      if (!kind) throw new BadRequestError('reportPage comes from an arXiv or Hugging Face page only');
      const service = await getService();
      const papers = checkReport(data).map((paper) => ({
        ...paper,
        matchId: paper.matchId && service.getPaper(paper.matchId) ? paper.matchId : null,
      }));
      await saveTabReport(sender.tabId, { url: sender.url, kind, papers });
      await rememberSeen(papers);
      await deps.setBadgeCount(sender.tabId, new Set(papers.map((p) => p.matchId).filter(Boolean)).size);
    },
    async describeTab(data, sender) {
      requireExtension(sender, 'describeTab');
      if (typeof data !== 'number' || !Number.isInteger(data) || data < 0) {
        throw new BadRequestError('tabId must be a whole number');
      }
      return describeTab(deps, data);
    },
  };

  /** A corpus id a message names must exist; an unknown one is dropped rather than stored. */
  async function checkKnownIds<T extends { corpusId?: string | null }>(ref: T): Promise<T> {
    if (ref.corpusId && !(await getService()).getPaper(ref.corpusId)) return { ...ref, corpusId: null };
    return ref;
  }
}

async function describeTab(deps: BackgroundDeps, tabId: number): Promise<TabDescription> {
  const tab = await deps.getTab(tabId);
  const url = tab?.url ?? null;
  const kind = url ? classifyUrl(new URL(url)) : null;
  if (!url || !kind) return { url, kind, status: 'unsupported', papers: [] };
  const service = await deps.getService();
  const describe = (title: string, arxivId: string | null) => {
    const match = service.matchTitle(title).match;
    return { title, arxivId, match: match ? { id: match.id, title: match.title } : null };
  };
  if (kind === 'arxiv-pdf') {
    const arxivId = arxivIdOf(new URL(url).pathname.slice('/pdf/'.length));
    const seen = arxivId ? await lookupSeen(arxivId) : null;
    if (seen) return { url, kind, status: 'pdf', papers: [describe(seen.title, arxivId)] };
    const fromTitle = tab?.title ? describe(tab.title, arxivId) : null;
    if (fromTitle?.match) return { url, kind, status: 'pdf', papers: [fromTitle] };
    return { url, kind, status: 'pdf-unknown', papers: [] };
  }
  const report = await getTabReport(tabId);
  if (!report || report.url !== url) return { url, kind, status: 'waiting', papers: [] };
  const papers = report.papers.map((p) => {
    const match = p.matchId ? service.getPaper(p.matchId) : undefined;
    return { title: p.title, arxivId: p.arxivId, match: match ? { id: match.id, title: match.title } : null };
  });
  return { url, kind, status: papers.length > 0 ? 'detected' : 'empty', papers };
}
