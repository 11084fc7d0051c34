import { describe, expect, it } from 'vitest';
import { createTitleMatcher, matcherOverIndex } from '../../lib/match/match-title';
import {
  buildTitleIndex,
  decodeTitleIndex,
  encodeTitleIndex,
  postingsOf,
  TitleIndexFormatError,
} from '../../lib/match/title-index';
import { realPapers } from '../helpers/corpus';

const bufferOf = (bytes: Uint8Array) => bytes.slice().buffer;

describe('title index file', () => {
  const built = buildTitleIndex(realPapers());
  const read = decodeTitleIndex(bufferOf(encodeTitleIndex(built)));

  it('reads back exactly what was written', () => {
    expect(read.ids).toEqual(built.ids);
    expect(read.titles).toEqual(built.titles);
    expect(read.keys).toEqual(built.keys);
    expect(read.headKeys).toEqual(built.headKeys);
    expect(read.byHead.get('nevertrainfromscratch')).toBe(built.byHead.get('nevertrainfromscratch'));
    expect([...read.grams.keys()]).toEqual([...built.grams.keys()]);
    expect([...read.gramStarts]).toEqual([...built.gramStarts]);
    expect([...read.postings]).toEqual([...built.postings]);
    expect(read.postings.BYTES_PER_ELEMENT).toBe(2);
  });

  it('lists every paper under each trigram of its key, in ascending order', () => {
    const at = built.ids.indexOf(realPapers()[7]!.id);
    const list = [...postingsOf(read, built.keys[at]!.slice(0, 3))!];
    expect(list).toContain(at);
    expect(list).toEqual([...list].sort((a, b) => a - b));
    expect(postingsOf(read, '\u0000\u0000\u0000')).toBeUndefined();
  });

  it('answers every title exactly as the matcher built in memory does', () => {
    const fromFile = matcherOverIndex(read);
    const inMemory = createTitleMatcher(realPapers());
    const queries = realPapers().flatMap((p) => [p.title, p.title.slice(0, 40) + '...', p.title.replace(/e/, 'a')]);
    for (const query of queries) expect(fromFile.match(query)).toEqual(inMemory.match(query));
  });

  it('uses 4-byte postings past 65,536 papers', () => {
    const many = Array.from({ length: 70_000 }, (_, i) => ({ id: `p${i}`, title: `Paper number ${i}` }));
    const index = decodeTitleIndex(bufferOf(encodeTitleIndex(buildTitleIndex(many))));
    expect(index.postings.BYTES_PER_ELEMENT).toBe(4);
    expect(matcherOverIndex(index).match('Paper number 69999').match?.id).toBe('p69999');
  });

  it('round-trips an empty corpus', () => {
    const index = decodeTitleIndex(bufferOf(encodeTitleIndex(buildTitleIndex([]))));
    expect(index.ids).toEqual([]);
    expect(matcherOverIndex(index).match('Attention Is All You Need')).toEqual({ match: null, candidates: [] });
  });

  it('rejects files that are not an index, with a clear error', () => {
    const bytes = encodeTitleIndex(built);
    expect(() => decodeTitleIndex(new TextEncoder().encode('{"papers":[]}').buffer)).toThrow(
      new TitleIndexFormatError('not a Paper Lens title index (bad magic)'),
    );
    expect(() => decodeTitleIndex(bufferOf(bytes.subarray(0, bytes.length - 100)))).toThrow(
      'title index: section postings runs past the end',
    );
    expect(() => decodeTitleIndex(bufferOf(bytes.subarray(0, 20)))).toThrow('title index: truncated header');
  });

  it('refuses to write a title with a line break', () => {
    expect(() => encodeTitleIndex(buildTitleIndex([{ id: 'a', title: 'Two\nlines' }]))).toThrow(
      'title index: a title holds a line break: "Two\\nlines"',
    );
  });
});
