// @vitest-environment happy-dom
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SavedTools } from '../../components/SavedTools';
import { toJsonExport } from '../../lib/reading-list/json';
import { readSavedList, savePaper, editPaper, type SavedPaper } from '../../lib/reading-list/saved-list';
import { createFakeClient } from '../helpers/fake-client';

const client = createFakeClient({ url: null, kind: null, status: 'unsupported', papers: [] });
const MMRL = 'MMRL: Multi-Modal Representation Learning for Vision-Language Models';
let files: { name: string; type: string; text: string }[] = [];
const download = (name: string, type: string, text: string) => void files.push({ name, type, text });

beforeEach(() => {
  fakeBrowser.reset();
  files = [];
});
afterEach(cleanup);

async function list(): Promise<SavedPaper[]> {
  await savePaper({ title: 'Notes on 50% & $5 tricks_{x}', arxivId: '2401.00001' }, 1);
  const mmrl = await savePaper({ title: MMRL, corpusId: 'mmrl-multimodal-representation-157wjt3' }, 2);
  await editPaper(mmrl.key, { tags: ['vlm'], note: 'compare, with "MMRL++"\nlater' });
  return (await readSavedList()).papers;
}

function chooseFile(name: string, text: string) {
  const input = screen.getByLabelText('Import file') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [new File([text], name)], configurable: true });
  fireEvent.change(input);
}

describe('SavedTools', () => {
  it('exports BibTeX that a real parser reads back, with unique keys and escaped characters', async () => {
    render(<SavedTools client={client} papers={await list()} tag={null} download={download} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export BibTeX' }));
    await waitFor(() => expect(files).toHaveLength(1));
    expect(files[0]!.name).toBe('paper-lens-list.bib');
    const parsed = parseBibtex(files[0]!.text, { removeOuterBraces: [] });
    // Only the two macros of the export's own @preamble are unknown to this parser.
    const known = /^unhandled macro \\(providecommand|PaperLensUnicode)$/;
    expect(parsed.errors.filter((e) => !known.test(e.error))).toEqual([]);
    expect(new Set(parsed.entries.map((e) => e.key)).size).toBe(2);
    // The parser marks case-protected text with a nocase span; the characters come back as written.
    expect(parsed.entries.map((e) => e.fields.title)).toEqual([
      `<span class="nocase">${MMRL}</span>`,
      '<span class="nocase">Notes on 50% & $5 tricks_{x}</span>',
    ]);
  });

  it('exports RFC 4180 CSV of one tag only', async () => {
    render(<SavedTools client={client} papers={await list()} tag="vlm" download={download} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(files).toHaveLength(1));
    const rows = Papa.parse<string[]>(files[0]!.text.trimEnd(), { newline: '\r\n' }).data;
    expect(rows).toHaveLength(2);
    expect(rows[1]![0]).toBe(MMRL);
    expect(rows[1]![6]).toBe('compare, with "MMRL++"\nlater');
  });

  it('exports JSON and Markdown and a related-work starter', async () => {
    const papers = await list();
    render(<SavedTools client={client} papers={papers} tag={null} download={download} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export Markdown' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export related-work starter' }));
    await waitFor(() => expect(files).toHaveLength(3));
    expect(JSON.parse(files.find((f) => f.name.endsWith('.json'))!.text).papers).toEqual(papers);
    expect(files.find((f) => f.name === 'paper-lens-list.md')!.text).toContain('MMRL');
    expect(files.find((f) => f.name === 'paper-lens-list-related-work.md')!.text).toContain('Shares ');
  });

  it('previews an import with duplicates, then merges it', async () => {
    const papers = await list();
    render(<SavedTools client={client} papers={papers} tag={null} download={download} />);
    const incoming = JSON.parse(toJsonExport(papers, 0)) as { papers: SavedPaper[] };
    incoming.papers.push({
      ...papers[0]!,
      key: 'title:brandnew',
      title: 'Brand New',
      corpusId: null,
      arxivId: null,
      tags: ['x'],
    });
    chooseFile('list.json', JSON.stringify(incoming));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toContain(
        'list.json: 1 to add, 0 to update, 2 already in your list',
      ),
    );
    expect((await readSavedList()).papers).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Apply import' }));
    await waitFor(async () => expect((await readSavedList()).papers.map((p) => p.title)).toContain('Brand New'));
    expect((await readSavedList()).papers).toHaveLength(3);
  });

  it('refuses a broken file with a clear message and changes nothing', async () => {
    const papers = await list();
    render(<SavedTools client={client} papers={papers} tag={null} download={download} />);
    chooseFile('broken.json', '{"format": "paper-lens-reading-list", "papers": [');
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toMatch(/^Nothing was imported\. broken\.json: /),
    );
    expect((await readSavedList()).papers).toEqual(papers);
  });

  it('previews a BibTeX file with an unreadable entry: the rest to add, the entry skipped with its line', async () => {
    const papers = await list();
    render(<SavedTools client={client} papers={papers} tag={null} download={download} />);
    chooseFile('refs.bib', '@article{a, title = {Unbalanced {braces}, year = 2024}\n@misc{b, title = {Brand New B}}\n');
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('refs.bib: 1 to add, 0 to update'));
    expect(screen.getByText('1 entries skipped')).toBeTruthy();
    expect(screen.getByText(/^Line 1: The @article entry "a" could not be read/)).toBeTruthy();
    expect((await readSavedList()).papers).toEqual(papers);
    fireEvent.click(screen.getByRole('button', { name: 'Apply import' }));
    await waitFor(async () => expect((await readSavedList()).papers.map((p) => p.title)).toContain('Brand New B'));
  });
});
