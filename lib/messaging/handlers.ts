import type { CorpusService } from '../service/corpus-service';
import type { ProtocolMap } from './protocol';
import { checkK, checkObject, checkString, checkStrings, LIMITS } from './validate';

/** The background's answers, keyed like the protocol: each takes the message data, checks it and answers. */
export type Handlers = { [K in keyof ProtocolMap]: (data: unknown) => Promise<ReturnType<ProtocolMap[K]>> };

/** Builds the background's handlers over a (possibly still loading) corpus service. */
export function createHandlers(getService: () => Promise<CorpusService>): Handlers {
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
  };
}
