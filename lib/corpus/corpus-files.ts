import { decodeTitleIndex, type TitleIndex } from '../match/title-index';
import type { RelatedModel } from '../related/model';
import {
  createCorpusService,
  createTitleLookup,
  type CorpusBundle,
  type CorpusService,
  type TitleLookup,
} from './service';

/**
 * The corpus as the build step writes it and as the extension and the CLI read it. Three parts, read
 * in the order they are needed: the title index (enough to recognise pages; generated/, inlined into
 * the background script as base64), then the bundle (papers and precomputed related work) and the
 * related model (public/corpus/, shipped as extension files).
 */
export const CORPUS_FILES = {
  titles: 'corpus/titles.bin',
  bundle: 'corpus/bundle.json',
  model: 'corpus/model.json',
} as const;

export type CorpusFile = (typeof CORPUS_FILES)[keyof typeof CORPUS_FILES];

/** Decodes base64 (the inlined title index) with the platform's decoder where it has one. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const native = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array<ArrayBuffer> }).fromBase64;
  if (native) return native(base64);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Reads one corpus file: fetch() of an extension URL in the browser, the file system in Node. */
export interface CorpusReader {
  bytes(file: CorpusFile): Promise<ArrayBuffer>;
  text(file: CorpusFile): Promise<string>;
}

/** The corpus opened lazily: each part is read on first need, once. */
export interface OpenCorpus {
  titleIndex(): Promise<TitleIndex>;
  titles(): Promise<TitleLookup>;
  service(): Promise<CorpusService>;
}

export function openCorpus(reader: CorpusReader): OpenCorpus {
  let index: Promise<TitleIndex> | undefined;
  let lookup: Promise<TitleLookup> | undefined;
  let service: Promise<CorpusService> | undefined;
  let model: Promise<RelatedModel> | undefined;
  const titleIndex = () => (index ??= reader.bytes(CORPUS_FILES.titles).then(decodeTitleIndex));
  const loadModel = () => (model ??= reader.text(CORPUS_FILES.model).then((text) => JSON.parse(text) as RelatedModel));
  return {
    titleIndex,
    titles: () => (lookup ??= titleIndex().then(createTitleLookup)),
    service: () =>
      (service ??= Promise.all([reader.text(CORPUS_FILES.bundle), titleIndex()]).then(([text, titles]) =>
        createCorpusService(JSON.parse(text) as CorpusBundle, loadModel, titles),
      )),
  };
}
