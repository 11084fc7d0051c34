// Authors read from BibTeX, kept on the saved entry and written back by every export; and the
// apply of an import writes exactly the previewed plan, or nothing when the list changed since.
import Papa from 'papaparse';
import { parse } from '@retorquere/bibtex-parser';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { applyImport, stageImport } from '../../lib/reading-list/apply-import';
import { toBibtex } from '../../lib/reading-list/bibtex';
import { splitCsvTags, toCsv } from '../../lib/reading-list/csv';
import { parseImport, planImport } from '../../lib/reading-list/import';
import { fitImported } from '../../lib/reading-list/import-limits';
import { applyWrite, listBasis, StaleImportError, writeOfPlan, writeParts } from '../../lib/reading-list/import-write';
import { parseJsonExport, toJsonExport } from '../../lib/reading-list/json';
import { toMarkdown } from '../../lib/reading-list/markdown';
import { readSavedList, savePaper, type SavedPaper } from '../../lib/reading-list/saved-list';
import { validateSavedList } from '../../lib/reading-list/validate-saved';

const NOW = 1_800_000_000_000;
const BIB = String.raw`@article{a,
  author = {M{\"u}ller, J{\"o}rg and {Google DeepMind} and {Barnes and Noble} and Ludwig van Beethoven and Smith, Jr., John},
  title = {Authors of Every Kind},
}
@misc{b, author = {Lovelace, Ada}, title = {Plain Author}}
@misc{c, title = {No Author}}
`;
const AUTHORS = ['Müller, Jörg', 'Google DeepMind', 'Barnes and Noble', 'van Beethoven, Ludwig', 'Smith, Jr., John'];

describe('authors', () => {
  const papers = planImport([], parseImport(BIB, 'a.bib').papers, NOW).add;

  it('are read from BibTeX: "and" at depth 0 splits, braces keep an organisation whole, accents decoded', () => {
    expect(papers.map((p) => p.authors)).toEqual([AUTHORS, ['Lovelace, Ada'], undefined]);
    expect('authors' in papers[2]!).toBe(false);
  });

  it('round-trip through BibTeX (read by the strict parser as the same names) and through our import', () => {
    const bib = toBibtex(papers);
    expect(bib).toContain(
      String.raw`author = {M{\"u}ller, J{\"o}rg and {Google DeepMind} and {Barnes and Noble} and van Beethoven, Ludwig and Smith, Jr., John}`,
    );
    const strict = parse(bib, { sentenceCase: false, caseProtection: false, english: false });
    // The @preamble's macros are for TeX; this parser does not expand @preamble and names them.
    expect(strict.errors.map((e) => e.input)).toEqual(['\\providecommand', '\\PaperLensUnicode']);
    // The parser gives accents as combining marks: compared composed, as the import stores them.
    expect(JSON.parse(JSON.stringify(strict.entries[0]!.fields.author).normalize('NFC'))).toEqual([
      { lastName: 'Müller', firstName: 'Jörg' },
      { name: 'Google DeepMind' },
      { name: 'Barnes and Noble' },
      { lastName: 'Beethoven', prefix: 'van', firstName: 'Ludwig' },
      { lastName: 'Smith', suffix: 'Jr.', firstName: 'John' },
    ]);
    expect(planImport([], parseImport(bib, 'b.bib').papers, NOW).add.map((p) => p.authors)).toEqual(
      papers.map((p) => p.authors),
    );
  });

  it('round-trip through JSON exactly, and through CSV', () => {
    expect(parseJsonExport(toJsonExport(papers, NOW)).papers).toEqual(papers);
    const rows = Papa.parse<Record<string, string>>(toCsv(papers).slice(1), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows.map((r) => splitCsvTags(r.authors!))).toEqual([AUTHORS, ['Lovelace, Ada'], []]);
  });

  it('are listed in Markdown', () => {
    expect(toMarkdown(papers)).toContain(
      '  Müller, Jörg; Google DeepMind; Barnes and Noble; van Beethoven, Ludwig; Smith, Jr., John · unread',
    );
  });

  it('are bounded where saved papers are validated, and an import is fitted to the bound with "others"', () => {
    const entry = papers[1]!;
    expect(validateSavedList({ papers: [{ ...entry, authors: Array(101).fill('A') }] }).papers).toEqual([]);
    expect(validateSavedList({ papers: [{ ...entry, authors: ['x'.repeat(201)] }] }).papers).toEqual([]);
    expect(validateSavedList({ papers: [{ ...entry, authors: 'A' }] }).papers).toEqual([]);
    const many = Array.from({ length: 150 }, (_, i) => `Author${i}, A.`);
    const fit = fitImported({ ...entry, authors: many });
    expect(fit.paper.authors).toEqual([...many.slice(0, 99), 'others']);
    expect(fit.changes).toEqual(['only the first 99 of 150 authors kept, then "others"']);
    expect(toBibtex([{ ...entry, authors: fit.paper.authors! }])).toContain('Author98, A. and others}');
  });
});

const entry = (title: string, savedAt: number): SavedPaper => ({
  key: `title:${title.toLowerCase()}`,
  title,
  corpusId: null,
  arxivId: null,
  url: null,
  savedAt,
  tags: [],
  note: '',
  read: false,
});

describe('the apply of an import', () => {
  beforeEach(() => fakeBrowser.reset());

  it('writes exactly the previewed plan, sent in parts, in one change', async () => {
    await savePaper({ title: 'Kept Paper' }, 5);
    const existing = (await readSavedList()).papers;
    const incoming = [
      { title: 'Kept Paper', corpusId: null, arxivId: null, url: null, tags: ['t'], note: '' },
      ...Array.from({ length: 6 }, (_, i) => ({ ...entry(`New ${i}`, 10 + i), authors: ['Doe, Jane'] })),
    ];
    const plan = planImport(existing, incoming, NOW);
    const write = writeOfPlan(plan, existing);
    expect(stageImport('i1', 0, { add: write.add.slice(0, 3), update: [] })).toBe(1);
    const result = await applyImport({
      id: 'i1',
      basis: write.basis,
      unchanged: 0,
      parts: 2,
      last: { add: write.add.slice(3), update: write.update },
    });
    expect(writeParts(write).map((p) => [p.add.length, p.update.length])).toEqual([
      [6, 0],
      [0, 1],
    ]);
    expect(result).toEqual({ added: 6, updated: 1, unchanged: 0 });
    expect((await readSavedList()).papers).toEqual([...plan.merged].sort((a, b) => b.savedAt - a.savedAt));
  });

  it('writes nothing when the list changed after the preview, or a part is missing', async () => {
    const plan = planImport([], [entry('Only', 1)], NOW);
    const write = writeOfPlan(plan, []);
    await savePaper({ title: 'Saved meanwhile' }, 2);
    const before = (await readSavedList()).papers;
    expect(() => applyWrite(before, write)).toThrow(StaleImportError);
    await expect(applyImport({ id: 'i2', basis: write.basis, unchanged: 0, parts: 1, last: write })).rejects.toThrow(
      'The reading list changed after the preview was made. Choose the file again to see a new preview.',
    );
    await expect(
      applyImport({ id: 'i3', basis: listBasis(before), unchanged: 0, parts: 2, last: write }),
    ).rejects.toThrow('Part of the import was lost before it was written');
    expect((await readSavedList()).papers).toEqual(before);
  });
});
