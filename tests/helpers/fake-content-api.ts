import type { ReportedPaper } from '../../lib/tabs/tab-reports';
import type { ContentApi } from '../../content/types';
import type { AnswerOf, DataOf, MessageFrom } from '../../lib/messaging/messages';
import type { PageKind } from '../../lib/pages/types';
import { readSavedList, savePaper, unsavePaper, watchSavedList } from '../../lib/reading-list/saved-list';
import type { CorpusService } from '../../lib/corpus/service';
import { realService } from './corpus';

let shared: CorpusService | undefined;

/** A content API as the page side sees it, with what the page asked of it recorded. */
export interface FakeContentApi extends ContentApi {
  /** Every matchTitles message, in the order sent. */
  matched: string[][];
  /** Every page report, in the order sent. */
  reports: { kind: PageKind; papers: ReportedPaper[] }[];
}

type PageMessage = MessageFrom<'page'>;

/**
 * The background's answers from the real corpus service, the saved list from the real saved-list
 * module on WxtVitest's fake storage (so a save made elsewhere reaches the page as a storage change).
 * `readSaved` may be replaced, to hold the first read back.
 */
export function createFakeContentApi(overrides: Partial<ContentApi> = {}): FakeContentApi {
  const service = (shared ??= realService());
  const answers: { [K in PageMessage]: (data: DataOf<K>) => Promise<AnswerOf<K>> | AnswerOf<K> } = {
    matchTitles(titles) {
      api.matched.push([...titles]);
      return titles.map((title) => service.matchTitle(title).match);
    },
    related: ({ id, k }) => service.related(id, k),
    relatedToText: ({ title, abstract, k }) => service.relatedToText(title, abstract, k),
    savePaper: (ref) => savePaper(ref),
    unsavePaper: (ref) => unsavePaper(ref),
    reportPage(report) {
      api.reports.push(report);
    },
  };
  const api: FakeContentApi = {
    matched: [],
    reports: [],
    call: (async (name: PageMessage, data: never) => answers[name](data)) as ContentApi['call'],
    readSaved: async () => (await readSavedList()).papers,
    watchSaved: (callback) => watchSavedList((list) => callback(list.papers)),
    ...overrides,
  };
  return api;
}
