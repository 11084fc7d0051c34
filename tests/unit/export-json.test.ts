import { describe, expect, it } from 'vitest';
import { ImportError, parseJsonExport, toJsonExport } from '../../lib/reading-list/json';
import type { SavedPaper } from '../../lib/reading-list/saved-list';

const papers: SavedPaper[] = [
  {
    key: 'arxiv:2304.07880',
    title: 'Sabiá: Portuguese Large Language Models',
    corpusId: 'sabia-portuguese-abc123',
    arxivId: '2304.07880',
    url: 'https://arxiv.org/abs/2304.07880',
    savedAt: 1_709_649_000_250,
    tags: ['llm', 'pt'],
    note: 'line one\nline "two" & more',
    read: true,
  },
  { key: 'title:x', title: 'X', corpusId: null, arxivId: null, url: null, savedAt: 0, tags: [], note: '', read: false },
];

const envelope = (over: Record<string, unknown>) =>
  JSON.stringify({
    format: 'paper-lens-reading-list',
    version: 1,
    exportedAt: '2024-01-01T00:00:00.000Z',
    papers,
    ...over,
  });

const withEntry = (change: Record<string, unknown>) => envelope({ papers: [papers[0], { ...papers[1], ...change }] });

const error = (text: string) => {
  try {
    parseJsonExport(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return (e as Error).message;
  }
  throw new Error('no ImportError thrown');
};

describe('JSON export', () => {
  it('writes the versioned envelope and round-trips every field exactly', () => {
    const text = toJsonExport(papers, Date.UTC(2024, 0, 2));
    const doc = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['format', 'version', 'exportedAt', 'papers']);
    expect(doc).toMatchObject({
      format: 'paper-lens-reading-list',
      version: 1,
      exportedAt: '2024-01-02T00:00:00.000Z',
    });
    expect(parseJsonExport(text)).toEqual({ papers });
  });

  it('leaves out corpus extras that are not part of a saved entry', () => {
    const text = toJsonExport([{ ...papers[1]!, abstract: 'A', date: 'Sep 29' } as SavedPaper], 0);
    expect(parseJsonExport(text).papers).toEqual([papers[1]]);
  });
});

describe('parseJsonExport errors', () => {
  it('rejects malformed JSON', () => {
    expect(error('{"format": "paper-lens-reading-list",')).toMatch(/^The file is not valid JSON \(/);
  });

  it("rejects another application's JSON", () => {
    expect(error('{"items": []}')).toBe('This JSON file is not a Paper Lens reading-list export.');
    expect(error('[1, 2]')).toBe('This JSON file is not a Paper Lens reading-list export.');
  });

  it('rejects a future or invalid version', () => {
    expect(error(envelope({ version: 2 }))).toBe(
      'The export is version 2, made by a newer Paper Lens; this one reads version 1. Update Paper Lens to import it.',
    );
    expect(error(envelope({ version: '1' }))).toBe('The export has no valid version number.');
  });

  it('names the entry and the field of a wrong type', () => {
    expect(error(withEntry({ tags: 'a, b' }))).toBe('Entry 2 ("X"): field "tags" must be a list of strings.');
    expect(error(withEntry({ savedAt: '2024-01-01' }))).toBe(
      'Entry 2 ("X"): field "savedAt" must be a time in milliseconds.',
    );
    expect(error(withEntry({ read: 1 }))).toBe('Entry 2 ("X"): field "read" must be true or false.');
    expect(error(withEntry({ arxivId: 2304 }))).toBe('Entry 2 ("X"): field "arxivId" must be a string or null.');
    expect(error(withEntry({ title: '' }))).toBe('Entry 2 (""): field "title" must be text of 1 to 1000 characters.');
    expect(error(withEntry({ extra: true }))).toBe('Entry 2 ("X") has an unknown field "extra".');
    expect(error(envelope({ papers: [papers[0], null] }))).toBe('Entry 2 is not an object.');
    const { note: _, ...noNote } = papers[1]!;
    expect(error(envelope({ papers: [noNote] }))).toBe('Entry 1 ("X") has no "note" field.');
  });

  it('rejects a broken envelope', () => {
    expect(error(envelope({ papers: {} }))).toBe('The export has no "papers" list.');
    expect(error(envelope({ exportedAt: 'yesterday' }))).toBe('The export has no valid "exportedAt" date.');
    expect(error(envelope({ more: 1 }))).toBe('The export has an unknown field "more".');
  });

  it('rejects a file over 5 MB before parsing it', () => {
    const big = `{"x": "${'a'.repeat(5 * 1024 * 1024)}"}`;
    expect(error(big)).toBe('The file is too large to import (5.0 MB; the limit is 5 MB).');
  });
});
