// Real .bib files from public projects (tests/fixtures/bib/README.md says where each comes from)
// and our own cases, through the import preview the popup and the CLI share.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyWrite, PART_SIZE, writeOfPlan, writeParts } from '../../lib/reading-list/import-write';
import { previewImport } from '../../lib/reading-list/preview-import';
import { createPause } from '../../lib/reading-list/slices';
import { IMPORT_LIMITS } from '../../lib/reading-list/import-limits';
import { normaliseDoi } from '../../lib/reading-list/read-bibtex';
import type { SavedPaper } from '../../lib/reading-list/saved-list';
import { realService } from '../helpers/corpus';

const service = realService();
const matchTitles = async (titles: string[]) => titles.map((t) => service.matchTitle(t).match);
const NOW = 1_800_000_000_000;

function preview(name: string, existing: SavedPaper[] = []) {
  const bytes = readFileSync(`tests/fixtures/bib/${name}`);
  return previewImport({ bytes, fileName: name, existing, matchTitles, pause: async () => {}, now: NOW });
}

describe('previewImport over real files', () => {
  it.each([
    ['biblatex-examples.bib', 89, 'utf-8', [26, 31, 1169]],
    ['bbt-873-undefined-strings.bib', 986, 'utf-8', [6523, 9953]],
    ['bbt-crossref.bib', 1, 'utf-8', [8]],
    ['bbt-613-annotation.bib', 1, 'utf-8', []],
    ['jabref-authors.bib', 212, 'utf-8', []],
    ['jabref-tiny-LE-withBOM.bib', 1, 'utf-16le', []],
    ['jabref-encoding-utf-16BE-with-header.bib', 1, 'utf-16be', []],
    ['jabref-encoding-windows-1252-without-header.bib', 0, 'windows-1252', [3]],
  ])('%s: %i entries read as %s, skipped lines %j', async (name, entries, encoding, skippedLines) => {
    const result = await preview(name);
    expect(result.entries).toBe(entries);
    expect(result.encoding).toBe(encoding);
    expect(result.skipped.map((s) => s.line)).toEqual(skippedLines);
    const text = JSON.stringify(result.plan.groups);
    expect(text).not.toContain('\uFFFD');
  });

  it('decodes UTF-16 and windows-1252 text exactly', async () => {
    expect((await preview('jabref-encoding-utf-16BE-with-header.bib')).plan.groups[0]!.title).toBe('Ü ist ein Umlaut');
    expect((await preview('jabref-tiny-LE-withBOM.bib')).plan.groups[0]!.title).toBe(
      'Investigation of the best suture pattern to close a stuffed Christmas turkey',
    );
  });

  it('keeps Zotero and biblatex notes (annotation) and the title of a crossref child, not its parent', async () => {
    expect((await preview('bbt-613-annotation.bib')).plan.groups[0]!.note).toBe(
      'a "monumental" work on the mosaics of San Marco',
    );
    expect((await preview('bbt-crossref.bib')).plan.groups.map((g) => g.title)).toEqual(['Lebanon']);
  });
});

describe('previewImport: the cases of issue 18', () => {
  it('links corpus titles, keeps different DOIs apart, reads Korean and Arabic titles, fits long tags, skips what it cannot read', async () => {
    const result = await preview('paper-lens-cases.bib');
    expect(result.skipped).toEqual([
      { line: 46, reason: 'The @misc entry "no-title" has no title.' },
      { line: 51, reason: `The @misc entry "broken" could not be read: a '{' in it is never closed.` },
    ]);
    const byTitle = new Map(result.plan.groups.map((g) => [g.title, g]));
    expect(result.plan.groups.map((g) => g.title)).toEqual([
      'When Attention Sink Emerges in Language Models: An Empirical View',
      'MMRL: Multi-Modal Representation Learning for Vision-Language Models',
      'Deep Learning',
      'Deep Learning',
      '한국어 대규모 언어 모델의 평가',
      'نماذج اللغة الكبيرة للغة العربية',
      'Read after a broken entry',
    ]);
    expect(result.linkedToCorpus).toBe(2);
    expect(byTitle.get('MMRL: Multi-Modal Representation Learning for Vision-Language Models')).toMatchObject({
      key: 'corpus:mmrl-multimodal-representation-157wjt3',
      url: 'https://doi.org/10.1145/3366423.3380002',
      note: 'read twice',
    });
    const sink = byTitle.get('When Attention Sink Emerges in Language Models: An Empirical View')!;
    expect(sink.arxivId).toBe('2410.10781');
    expect(sink.note).toBe('Zotero note: sinks appear after 10% of training');
    expect(sink.tags).toEqual(['attention', 'a tag that zotero allows but which is far longer than sixty']);
    expect(result.fitted).toEqual([
      {
        title: 'When Attention Sink Emerges in Language Models: An Empirical View',
        changes: ['1 tag cut to 60 characters'],
      },
    ]);
    expect(byTitle.get('نماذج اللغة الكبيرة للغة العربية')!.note).toBe('ملاحظة');
    // What the preview counts is exactly what the write it sends does.
    const applied = applyWrite([], writeOfPlan(result.plan, []));
    expect(applied).toHaveLength(result.plan.add.length);
    expect(new Set(applied)).toEqual(new Set(result.plan.merged));
  });

  it.each([
    ['https://doi.org/http://doi.acm.org/10.1145/3366423.3380002', '10.1145/3366423.3380002'],
    ['doi:10.1000/XYZ.', '10.1000/XYZ'],
    ['http://dx.doi.org/10.1109/ICDSP.2015.7252052', '10.1109/ICDSP.2015.7252052'],
    ['not a doi', null],
  ])('normaliseDoi(%s)', (value, doi) => {
    expect(normaliseDoi(value)).toBe(doi);
  });
});

describe('previewImport at scale', () => {
  it('previews 7,000 entries, more than one message holds, and sends them in batches within the limit', async () => {
    const bib = Array.from(
      { length: 7000 },
      (_, i) =>
        `@article{k${i},\n  author = {Doe, Jane and M{\\"u}ller, J{\\"o}rg},\n  title = {Paper number ${i} on {T}opic ${i % 50}},\n  abstract = {${'A long abstract the import never decodes. '.repeat(10)}},\n  doi = {10.1000/${i}},\n  keywords = {topic ${i % 50}, batch},\n}\n`,
    ).join('\n');
    let longest = 0;
    let last = performance.now();
    const pause = createPause();
    const started = performance.now();
    const result = await previewImport({
      bytes: new TextEncoder().encode(bib),
      fileName: 'big.bib',
      existing: [],
      matchTitles,
      pause: async () => {
        await pause();
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
      },
      now: NOW,
    });
    const seconds = (performance.now() - started) / 1000;
    expect(result.entries).toBe(7000);
    expect(result.plan.add).toHaveLength(7000);
    const parts = writeParts(writeOfPlan(result.plan, []));
    // Sent in parts of PART_SIZE entries, far within the message limit.
    expect(parts.map((p) => [p.add.length, p.update.length])).toEqual(Array.from({ length: 14 }, () => [PART_SIZE, 0]));
    expect(PART_SIZE).toBeLessThanOrEqual(IMPORT_LIMITS.papersPerMessage);
    // Authors are read: "and" splits them, TeX accents are decoded, each is held as "Last, First".
    expect(result.plan.add[0]!.authors).toEqual(['Doe, Jane', 'Müller, Jörg']);
    console.log(`7,000-entry preview: ${seconds.toFixed(1)} s, longest slice ${longest.toFixed(0)} ms`);
    expect(seconds).toBeLessThan(10);
  }, 120_000);
});
