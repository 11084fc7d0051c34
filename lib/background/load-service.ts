import { browser } from 'wxt/browser';
import titleIndexBase64 from '../../generated/title-index.js';
import { base64ToBytes, CORPUS_FILES, openCorpus, type CorpusFile } from '../corpus/corpus-files';

async function read(file: CorpusFile): Promise<Response> {
  // The extension's own packaged file: chrome-extension://<id>/corpus/..., never the network.
  // (getURL's typed paths list public/ as it was at `wxt prepare`, which may predate the corpus build.)
  const url = (browser.runtime.getURL as (path: string) => string)(`/${file}`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the bundled corpus file ${file} could not be read (${response.status})`);
  return response;
}

/**
 * The background's corpus. The title index is inlined in this script (decoding it is quicker than a
 * fetch() of the same bytes on a woken worker); papers, related work and the model are packaged files
 * read on first need.
 */
export const corpus = openCorpus({
  bytes: async (file) =>
    file === CORPUS_FILES.titles ? base64ToBytes(titleIndexBase64).buffer : (await read(file)).arrayBuffer(),
  text: async (file) => (await read(file)).text(),
});
