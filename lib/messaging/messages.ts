// Every message the popup or a page sends to the background, defined once: who may send it, how
// its data is checked, and how the background answers. The protocol types, the sender rules, the
// background's handlers and the typed clients all derive from this table. Clients import its types
// only, so none of the handlers' code reaches the popup or the content script.
import { storageResolveDeps } from '../tabs/resolve-ref';
import { corpusCount, rememberSeen, savePrerenderReport, saveTabReport } from '../tabs/tab-reports';
import { parsePaperRef } from '../match/parse-paper-ref';
import { resolvePaperRef, type RefAnswer } from '../tabs/resolve-paper-ref';
import { classifyUrl } from '../pages/detect';
import { IMPORT_LIMITS } from '../reading-list/import-limits';
import type { ImportWritePart } from '../reading-list/import-write';
import type { CorpusService, TitleLookup } from '../corpus/service';
import { applyImport, MAX_IMPORT_PARTS, stageImport } from '../reading-list/apply-import';
import {
  deleteUnreadableCopies,
  editPaper,
  readSavedList,
  restorePaper,
  savePaper,
  unsavePaper,
  validateSavedList,
  type PaperRef,
  type SavedPaper,
} from '../reading-list/saved-list';
import {
  BadRequestError,
  checkArxivId,
  checkCopyDates,
  checkEdit,
  checkCount,
  checkImportId,
  checkImportPart,
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

/** A content script's sender: its tab, and the URL the browser (not the message) says it shows. */
type PageSender = Sender & { tabId: number; url: string };

/** The browser operations the handlers need, injected so tests can run without a browser. */
export interface BackgroundDeps {
  getService(): Promise<CorpusService>;
  /** The title index alone: ready long before the whole corpus is (matching, known ids, titles). */
  getTitles(): Promise<TitleLookup>;
  /** The tab's URL as the browser shows it (a prerendered page is not shown yet). */
  getTab?(tabId: number): Promise<{ url: string | null } | null>;
  setBadgeCount(tabId: number, count: number): Promise<void>;
}

/** Who may send a message: the extension's own pages (the popup), content scripts, or both. */
type Audience = 'extension' | 'page' | 'both';

/** One message: who may send it, how its data is checked, and what the background answers. */
interface MessageSpec<From extends Audience, Data, Answer> {
  from: From;
  /** Returns the data typed, or throws a BadRequestError; runs before anything else is read. */
  check(data: unknown, sender: Sender): Data;
  answer(data: Data, context: { sender: Sender; deps: BackgroundDeps }): Promise<Answer>;
}

const message = <From extends Audience, Data, Answer>(spec: MessageSpec<From, Data, Answer>) => spec;

/** Whether a sender is a content script in a tab, with the URL the browser gave. */
export function isPage(sender: Sender): sender is PageSender {
  return !sender.fromExtension && sender.tabId !== null && sender.url !== null;
}

function checkNoData(data: unknown, name: string): undefined {
  if (data !== undefined && data !== null) throw new BadRequestError(`${name} takes no data`);
  return undefined;
}

/** A corpus id a message names must exist; an unknown one is dropped rather than stored. */
async function dropUnknownId(ref: PaperRef, deps: BackgroundDeps): Promise<PaperRef> {
  if (ref.corpusId && !(await deps.getTitles()).hasPaper(ref.corpusId)) return { ...ref, corpusId: null };
  return ref;
}

async function resolveRef(arxivId: string, deps: BackgroundDeps): Promise<RefAnswer> {
  return resolvePaperRef(storageResolveDeps(await deps.getTitles()), arxivId);
}

/** One part of an import's write, checked, each entry also as the storage layer reads entries back. */
function checkWritePart(add: unknown, update: unknown): ImportWritePart {
  const part = checkImportPart(add, update);
  const entries = [...part.add, ...part.update.map((u) => u.entry)];
  if (validateSavedList({ papers: entries }).papers.length !== entries.length) {
    throw new BadRequestError('an entry is not a saved paper');
  }
  return part;
}

/** The messages, in the order the sender rules list them. Content scripts get only what the in-page UI needs. */
export const MESSAGES = {
  /** Each title's corpus match, or null: the matches alone, since the candidates weighed would make a
   * listing's answer large, parsed on the page's main thread. */
  matchTitles: message({
    from: 'both',
    check: (data) => checkStrings(data, 'titles', LIMITS.titles, LIMITS.text),
    answer: async (titles, { deps }) => {
      const lookup = await deps.getTitles();
      return titles.map((title) => lookup.matchTitle(title).match);
    },
  }),
  getPaper: message({
    from: 'extension',
    check: (data) => checkString(data, 'id', LIMITS.query),
    answer: async (id, { deps }) => (await deps.getService()).getPaper(id) ?? null,
  }),
  /** Many papers in one message (an export of thousands): each id's paper, or null, in order. */
  getPapers: message({
    from: 'extension',
    check: (data) => checkStrings(data, 'ids', LIMITS.titles, LIMITS.query),
    answer: async (ids, { deps }) => {
      const service = await deps.getService();
      return ids.map((id) => service.getPaper(id) ?? null);
    },
  }),
  related: message({
    from: 'both',
    check: (data) => {
      const request = checkObject(data, 'request', ['id', 'k']);
      return { id: checkString(request.id, 'id', LIMITS.query), k: checkK(request.k) };
    },
    answer: async ({ id, k }, { deps }) => (await deps.getService()).related(id, k),
  }),
  relatedToText: message({
    from: 'both',
    check: (data) => {
      const request = checkObject(data, 'request', ['title', 'abstract', 'k']);
      const title = checkString(request.title, 'title', LIMITS.text);
      return { title, abstract: checkString(request.abstract, 'abstract', LIMITS.text), k: checkK(request.k) };
    },
    answer: async ({ title, abstract, k }, { deps }) => (await deps.getService()).relatedToText(title, abstract, k),
  }),
  search: message({
    from: 'extension',
    check: (data) => {
      const request = checkObject(data, 'request', ['query', 'k']);
      return { query: checkString(request.query, 'query', LIMITS.query), k: checkK(request.k) };
    },
    answer: async ({ query, k }, { deps }) => {
      // An id, an arXiv or Hugging Face URL or an arXiv DOI names one paper, when Paper Lens has learnt it.
      const ref = parsePaperRef(query);
      if (!ref) return (await deps.getService()).search(query, k);
      const answer = await resolveRef(ref.arxivId, deps);
      return answer.status === 'corpus' ? [{ ...answer.paper, field: 'id' as const }] : [];
    },
  }),
  /** What Paper Lens has learnt of an arXiv id (without version): a corpus paper, a known title, or nothing. */
  lookupRef: message({
    from: 'extension',
    check: (data) => checkArxivId(data),
    answer: async (arxivId, { deps }) => resolveRef(arxivId, deps),
  }),
  stats: message({
    from: 'extension',
    check: (data) => checkNoData(data, 'stats'),
    answer: async (_none, { deps }) => (await deps.getService()).stats(),
  }),
  savePaper: message({
    from: 'both',
    check: (data, sender): PaperRef => {
      const ref = checkPaperRef(data);
      // A content script may name only the page it runs on (the one the browser says it shows).
      if (isPage(sender) && ref.url !== null && ref.url !== sender.url) {
        throw new BadRequestError("url must be the sending page's address");
      }
      return ref;
    },
    answer: async (ref, { sender, deps }) => savePaper(await dropUnknownId(ref, deps), Date.now(), sender.requestId),
  }),
  /** The popup removes a whole saved entry; only its identities (title and ids) are read. */
  unsavePaper: message({
    from: 'both',
    check: (data): PaperRef => checkPaperRef(data, true),
    answer: async (ref, { sender }) => unsavePaper(ref, sender.requestId),
  }),
  editPaper: message({
    from: 'extension',
    check: (data) => checkEdit(data),
    answer: async ({ key, edit }, { sender }) => editPaper(key, edit, sender.requestId),
  }),
  restorePaper: message({
    from: 'extension',
    check: (data): SavedPaper => {
      // The storage layer's own check too, so a restored entry is one it would read back.
      const [entry] = validateSavedList({ papers: [checkSavedEntry(data)] }).papers;
      if (!entry) throw new BadRequestError('entry is not a saved paper');
      return entry;
    },
    answer: async (entry, { sender }) => restorePaper(entry, sender.requestId),
  }),
  /** Deletes the kept copies of unreadable data the person was shown, named by when each was made; how many went. */
  deleteUnreadableCopies: message({
    from: 'extension',
    check: (data) => ({ copiedAt: checkCopyDates(data) }),
    answer: async ({ copiedAt }) => deleteUnreadableCopies(copiedAt),
  }),
  /** Holds one part of a previewed import's write (import-write.ts) until its applyImport. */
  stageImport: message({
    from: 'extension',
    check: (data) => {
      const request = checkObject(data, 'request', ['id', 'part', 'add', 'update']);
      const part = checkCount(request.part, 'part', 0, MAX_IMPORT_PARTS - 2);
      return { id: checkImportId(request.id), part, ...checkWritePart(request.add, request.update) };
    },
    answer: async ({ id, part, add, update }) => stageImport(id, part, { add, update }),
  }),
  /** Writes a previewed import exactly as planned: its staged parts and this last one, if the list is
   * still the one the preview was planned against (nothing is planned again). */
  applyImport: message({
    from: 'extension',
    check: (data) => {
      const request = checkObject(data, 'request', ['id', 'basis', 'unchanged', 'parts', 'add', 'update']);
      return {
        id: checkImportId(request.id),
        basis: checkString(request.basis, 'basis', 100),
        unchanged: checkCount(request.unchanged, 'unchanged', 0, MAX_IMPORT_PARTS * IMPORT_LIMITS.papersPerMessage),
        parts: checkCount(request.parts, 'parts', 1, MAX_IMPORT_PARTS),
        ...checkWritePart(request.add, request.update),
      };
    },
    answer: async ({ add, update, ...request }, { sender }) =>
      applyImport({ ...request, last: { add, update } }, sender.requestId),
  }),
  /** Corpus papers most related to the saved list (or to one tag of it), the saved ones left out. */
  moreLikeSaved: message({
    from: 'extension',
    check: (data) => {
      const request = checkObject(data, 'request', ['tag', 'k']);
      const tag = request.tag === null || request.tag === undefined ? null : checkString(request.tag, 'tag', 60);
      return { tag, k: checkK(request.k) };
    },
    answer: async ({ tag, k }, { deps }) => {
      const { papers } = await readSavedList();
      const chosen = tag === null ? papers : papers.filter((p) => p.tags.includes(tag));
      return (await deps.getService()).relatedToSet(chosen, k);
    },
  }),
  /** What a content script's page holds. It speaks only for its own tab and page: both come from the
   * sender, not the message. */
  reportPage: message({
    from: 'page',
    check: (data, sender) => {
      if (!isPage(sender)) throw new BadRequestError('reportPage comes from a page only');
      const kind = classifyUrl(new URL(sender.url));
      if (!kind) throw new BadRequestError('reportPage comes from an arXiv or Hugging Face page only');
      const report = checkReport(data);
      if (report.kind !== kind) throw new BadRequestError(`kind must be "${kind}", the kind of the sending page`);
      return { kind, papers: report.papers };
    },
    answer: async ({ kind, papers: reported }, { sender, deps }): Promise<void> => {
      const { tabId, url } = sender as PageSender; // the check above refused any other sender
      const lookup = await deps.getTitles();
      // The stored report names each match's title too, so the popup can show it from storage alone.
      const papers = reported.map((paper) => {
        const matchTitle = paper.matchId ? (lookup.titleOf(paper.matchId) ?? null) : null;
        return { ...paper, matchId: matchTitle === null ? null : paper.matchId, matchTitle };
      });
      const stored = { url, kind, papers };
      await rememberSeen(papers);
      // A prerendered page is kept aside under its own URL until the tab shows it (background.ts).
      if (sender.prerendered && (await deps.getTab?.(tabId))?.url !== url) return savePrerenderReport(tabId, stored);
      await saveTabReport(tabId, stored);
      await deps.setBadgeCount(tabId, corpusCount(stored));
    },
  }),
};

type Messages = typeof MESSAGES;

/** The name of a message. */
export type MessageName = keyof Messages;
/** The data a message carries, as its check returns it. */
export type DataOf<K extends MessageName> = ReturnType<Messages[K]['check']>;
/** What the background answers to a message. */
export type AnswerOf<K extends MessageName> = Awaited<ReturnType<Messages[K]['answer']>>;
/** The messages a sender of one kind may send: its own and those of both. */
export type MessageFrom<Who extends 'extension' | 'page'> = {
  [K in MessageName]: Messages[K]['from'] extends Who | 'both' ? K : never;
}[MessageName];
