// The BibTeX export as TeX reads it: the whole corpus (as `npm run corpus -- export --format bibtex`
// prints it), a saved list of hostile entries and a list of saved papers with notes and tags, in one
// file compiled once per style. No error from pdfLaTeX, BibTeX or biber, and every entry's title in
// the PDF's text. biber runs with --validate-datamodel, a second and strict reader of the file.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { toBibtex } from '../../lib/reading-list/bibtex';
import { corpusPaperEntry } from '../../lib/reading-list/formats';
import type { ExportPaper } from '../../lib/reading-list/types';
import { NASTY } from './nasty-papers';
import { compileBibliography, type TexStyle } from './run-tex';

/** Letters and digits only, accents and dotless i folded: how a title is found in pdftotext's output. */
const letters = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/ı/g, 'i')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();

interface Bundle {
  papers: Parameters<typeof corpusPaperEntry>[0][];
}

const bundle = JSON.parse(readFileSync('public/corpus/bundle.json', 'utf8')) as Bundle;
const saved: ExportPaper[] = bundle.papers.slice(0, 40).map((p, i) => ({
  ...corpusPaperEntry(p),
  savedAt: 1_700_000_000_000 + i,
  arxivId: i % 3 === 0 ? `2401.${String(10_000 + i)}` : null,
  tags: ['to-read', `batch ${i % 4}`],
  note: i % 2 === 0 ? `private note ${i}: 100% {mine}` : '',
}));

let cliExport = '';
let bib = '';
let expected: { key: string; shows: string }[] = [];

beforeAll(() => {
  const result = spawnSync('npm', ['run', '-s', 'corpus', '--', 'export', '--format', 'bibtex'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(result.status).toBe(0);
  cliExport = result.stdout;
  // The CLI's corpus file plus the saved lists, written by the one exporter with distinct keys.
  const listBib = toBibtex([...saved, ...NASTY.map((n) => n.paper)]);
  bib = `${cliExport}\n${listBib.replace(/@misc\{/g, '@misc{list-')}`;
  expected = [
    ...bundle.papers.map((p) => ({ key: p.id, shows: letters(p.title).slice(0, 40) })),
    ...saved.map((p) => ({ key: p.key, shows: letters(p.title).slice(0, 40) })),
    ...NASTY.map((n) => ({ key: n.paper.key, shows: letters(n.shows) })),
  ];
});

describe('npm run corpus -- export --format bibtex', () => {
  it('writes every corpus paper once, with no note field (nothing private is printed)', () => {
    expect(cliExport.match(/^@misc\{/gm)).toHaveLength(bundle.papers.length);
    expect(bib).not.toMatch(/^\s*note = /m);
    expect(bib).toMatch(/^\s*annote = \{private note 0: 100\\% \\textbraceleft\{\}mine\\textbraceright\{\}\}/m);
  });
});

describe.each<TexStyle>(['plain', 'unsrt', 'plainnat', 'biblatex'])('pdfLaTeX with %s', (style) => {
  it('compiles the corpus and the saved lists with no error, and prints every entry', () => {
    const run = compileBibliography(bib, style);
    expect(run.errors).toEqual([]);
    // biber's strict reading: the only complaint allowed is a year the paper does not have.
    const datamodel = run.warnings.filter((w) => /Datamodel/.test(w) && !/one of 'date, year' must be defined/.test(w));
    expect(datamodel).toEqual([]);
    const text = letters(run.text);
    expect(expected.filter((e) => !text.includes(e.shows)).map((e) => `${e.key}: ${e.shows}`)).toEqual([]);
  });
});

describe('pdfLaTeX with T1 fonts and plain', () => {
  it('compiles the hostile entries too', () => {
    const run = compileBibliography(toBibtex(NASTY.map((n) => n.paper)), 'plain', '\\usepackage[T1]{fontenc}');
    expect(run.errors).toEqual([]);
    const text = letters(run.text);
    expect(NASTY.filter((n) => !text.includes(letters(n.shows))).map((n) => n.shows)).toEqual([]);
  });
});
