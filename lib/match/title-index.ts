import { matchKey } from '../text/normalize';
import { distinctiveHeadKeys } from './title-head';

/** A corpus paper as the matcher knows it. */
export interface TitleRecord {
  id: string;
  title: string;
}

/**
 * Everything the title matcher needs, prebuilt: ids, titles, matching keys and the trigram postings.
 * The build step writes it as one binary file; a waking service worker reads it without normalising
 * a single title or allocating one list per trigram, which is what keeps index-ready flat as the corpus grows.
 */
export interface TitleIndex {
  ids: string[];
  titles: string[];
  keys: string[];
  /** Matching key -> paper index (the last paper wins, as titles are unique per key after merging). */
  byKey: Map<string, number>;
  /** Per paper, the key of its title's head when that head alone names it, else ''. */
  headKeys: string[];
  /** Head key -> paper index. */
  byHead: Map<string, number>;
  byId: Map<string, number>;
  /** Trigram -> [start, end) into `postings`. */
  grams: Map<string, number>;
  gramStarts: Uint32Array;
  postings: Uint16Array | Uint32Array;
}

export const GRAM = 3;

/** The distinct trigrams of a matching key (a key shorter than a trigram is its own gram). */
export function gramsOf(key: string): string[] {
  if (key.length <= GRAM) return [key];
  const grams = new Set<string>();
  for (let i = 0; i + GRAM <= key.length; i++) grams.add(key.slice(i, i + GRAM));
  return [...grams];
}

/** The postings of one trigram (paper indices, ascending), or undefined when no title has it. */
export function postingsOf(index: TitleIndex, gram: string): Uint16Array | Uint32Array | undefined {
  const n = index.grams.get(gram);
  return n === undefined ? undefined : index.postings.subarray(index.gramStarts[n]!, index.gramStarts[n + 1]!);
}

function mapOf(values: string[]): Map<string, number> {
  const map = new Map<string, number>();
  values.forEach((value, i) => map.set(value, i));
  return map;
}

function headMapOf(headKeys: string[]): Map<string, number> {
  const map = new Map<string, number>();
  headKeys.forEach((key, i) => key && map.set(key, i));
  return map;
}

/** Builds the index in memory (the build step, tests, the CLI). */
export function buildTitleIndex(records: readonly TitleRecord[]): TitleIndex {
  const keys = records.map((record) => matchKey(record.title));
  const lists = new Map<string, number[]>();
  keys.forEach((key, index) => {
    for (const gram of gramsOf(key)) {
      let list = lists.get(gram);
      if (!list) lists.set(gram, (list = []));
      list.push(index);
    }
  });
  const gramList = [...lists.keys()];
  const gramStarts = new Uint32Array(gramList.length + 1);
  let total = 0;
  gramList.forEach((gram, n) => {
    gramStarts[n] = total;
    total += lists.get(gram)!.length;
  });
  gramStarts[gramList.length] = total;
  const postings = records.length <= 0x10000 ? new Uint16Array(total) : new Uint32Array(total);
  gramList.forEach((gram, n) => postings.set(lists.get(gram)!, gramStarts[n]!));
  const headKeys = distinctiveHeadKeys(records.map((r) => r.title));
  return {
    ids: records.map((r) => r.id),
    titles: records.map((r) => r.title),
    keys,
    byKey: mapOf(keys),
    headKeys,
    byHead: headMapOf(headKeys),
    byId: mapOf(records.map((r) => r.id)),
    grams: mapOf(gramList),
    gramStarts,
    postings,
  };
}

// The file: 'PLTI', a little-endian u32 header length, a JSON header naming each section's byte
// range, then the sections (text sections are UTF-8 lines; numeric ones are 4-byte aligned arrays).
const MAGIC = 'PLTI';
const FORMAT = 2;

interface Header {
  format: number;
  count: number;
  postingBytes: 2 | 4;
  sections: Record<'ids' | 'titles' | 'keys' | 'headKeys' | 'grams' | 'gramStarts' | 'postings', [number, number]>;
}

/** Thrown when a title index file is not one this code can read. */
export class TitleIndexFormatError extends Error {
  constructor(message: string) {
    super(`title index: ${message}`);
    this.name = 'TitleIndexFormatError';
  }
}

function joinLines(values: string[], what: string): string {
  for (const value of values) {
    if (value.includes('\n')) throw new TitleIndexFormatError(`a ${what} holds a line break: ${JSON.stringify(value)}`);
  }
  return values.join('\n');
}

/** Rounds a byte offset up to a multiple of 4 (numeric sections are 4-byte aligned). */
const align = (n: number) => (n + 3) & ~3;

/** Serialises an index (the build step). */
export function encodeTitleIndex(index: TitleIndex): Uint8Array {
  const encoder = new TextEncoder();
  const gramList = [...index.grams.keys()];
  const parts: [keyof Header['sections'], Uint8Array][] = [
    ['ids', encoder.encode(joinLines(index.ids, 'paper id'))],
    ['titles', encoder.encode(joinLines(index.titles, 'title'))],
    ['keys', encoder.encode(joinLines(index.keys, 'matching key'))],
    ['headKeys', encoder.encode(joinLines(index.headKeys, 'head key'))],
    ['grams', encoder.encode(joinLines(gramList, 'trigram'))],
    ['gramStarts', new Uint8Array(index.gramStarts.buffer, index.gramStarts.byteOffset, index.gramStarts.byteLength)],
    ['postings', new Uint8Array(index.postings.buffer, index.postings.byteOffset, index.postings.byteLength)],
  ];
  // The header names the sections' offsets, which depend on its own length: reserve room and grow it until it fits.
  let reserved = 64;
  let header: Header;
  let headerBytes: Uint8Array;
  for (;;) {
    let offset = align(8 + reserved);
    const sections = {} as Header['sections'];
    for (const [name, bytes] of parts) {
      sections[name] = [offset, bytes.length];
      offset = align(offset + bytes.length);
    }
    header = {
      format: FORMAT,
      count: index.ids.length,
      postingBytes: index.postings.BYTES_PER_ELEMENT as 2 | 4,
      sections,
    };
    headerBytes = encoder.encode(JSON.stringify(header));
    if (headerBytes.length <= reserved) break;
    reserved = headerBytes.length + 32;
  }
  const last = parts.at(-1)![0];
  const out = new Uint8Array(header.sections[last][0] + header.sections[last][1]);
  out.set(encoder.encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(4, headerBytes.length, true);
  out.set(headerBytes, 8);
  for (const [name, bytes] of parts) out.set(bytes, header.sections[name][0]);
  return out;
}

/** Reads a serialised index; the typed arrays are views on `buffer`, not copies. */
export function decodeTitleIndex(buffer: ArrayBuffer): TitleIndex {
  const bytes = new Uint8Array(buffer);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  if (bytes.length < 8 || decoder.decode(bytes.subarray(0, 4)) !== MAGIC) {
    throw new TitleIndexFormatError('not a Paper Lens title index (bad magic)');
  }
  const headerLength = new DataView(buffer).getUint32(4, true);
  if (8 + headerLength > bytes.length) throw new TitleIndexFormatError('truncated header');
  const header = JSON.parse(decoder.decode(bytes.subarray(8, 8 + headerLength))) as Header;
  if (header.format !== FORMAT) throw new TitleIndexFormatError(`format ${header.format}, expected ${FORMAT}`);
  const section = (name: keyof Header['sections']) => {
    const [offset, length] = header.sections[name];
    if (offset + length > bytes.length) throw new TitleIndexFormatError(`section ${name} runs past the end`);
    return [offset, length] as const;
  };
  const [startsAt, startsLength] = section('gramStarts');
  const gramStarts = new Uint32Array(buffer, startsAt, startsLength / 4);
  // An empty section is no lines, not one empty line.
  const lines = (name: keyof Header['sections'], count: number) => {
    const [offset, length] = section(name);
    return count === 0 ? [] : decoder.decode(bytes.subarray(offset, offset + length)).split('\n');
  };
  const ids = lines('ids', header.count);
  const titles = lines('titles', header.count);
  const keys = lines('keys', header.count);
  const headKeys = lines('headKeys', header.count);
  const gramList = lines('grams', gramStarts.length - 1);
  const [postingsAt, postingsLength] = section('postings');
  const postings =
    header.postingBytes === 2
      ? new Uint16Array(buffer, postingsAt, postingsLength / 2)
      : new Uint32Array(buffer, postingsAt, postingsLength / 4);
  if (
    ids.length !== header.count ||
    titles.length !== header.count ||
    keys.length !== header.count ||
    headKeys.length !== header.count ||
    gramStarts.length !== gramList.length + 1 ||
    gramStarts[gramList.length] !== postings.length
  ) {
    throw new TitleIndexFormatError('sections disagree on their lengths');
  }
  return {
    ids,
    titles,
    keys,
    byKey: mapOf(keys),
    headKeys,
    byHead: headMapOf(headKeys),
    byId: mapOf(ids),
    grams: mapOf(gramList),
    gramStarts,
    postings,
  };
}
