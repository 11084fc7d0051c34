// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SavedTools } from '../../components/SavedTools';
import { toJsonExport } from '../../lib/reading-list/json';
import { readSavedList, savePaper } from '../../lib/reading-list/saved-list';
import { createFakeClient } from '../helpers/fake-client';

const client = createFakeClient({ url: null, kind: null, status: 'unsupported', papers: [] });
const INSTEAD = 'Paper Lens imports its own JSON export or a BibTeX (.bib) file';

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

/** Every key in extension storage, as one string: "byte-identical" is this string unchanged. */
async function storageBytes(): Promise<string> {
  return JSON.stringify(await fakeBrowser.storage.local.get(null));
}

async function renderWithList() {
  await savePaper({ title: 'First Paper', arxivId: '2401.00001' }, 1);
  await savePaper({ title: 'Second Paper' }, 2);
  render(<SavedTools client={client} papers={(await readSavedList()).papers} tag={null} download={() => undefined} />);
}

function choose(file: File) {
  const input = screen.getByLabelText('Import file') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

async function alertText(): Promise<string> {
  return (await screen.findByRole('alert')).textContent ?? '';
}

describe('SavedTools: a file that cannot be imported leaves the list byte-identical', () => {
  it.each([
    [
      'broken.json',
      '{"format": "paper-lens-reading-list", "version": 1, "papers": [{"title": "A',
      'The file is not valid JSON: it ends in the middle (was it cut short?).',
    ],
    [
      'zotero.json',
      '[{"id": "x", "type": "article-journal", "title": "A", "author": [{"family": "B"}]}]',
      `This is a CSL-JSON file (as Zotero, Mendeley and citation tools export). ${INSTEAD}: export your references as BibTeX and import that.`,
    ],
    [
      'PaperMemory-data.json',
      '{"__dataVersion": 1004, "Arxiv-1": {"title": "A", "pdfLink": "https://arxiv.org/pdf/1"}}',
      `This is a PaperMemory export. ${INSTEAD}: in PaperMemory, export your papers as BibTeX and import that.`,
    ],
    [
      'refs.ris',
      'TY  - JOUR\nTI  - A\nER  - \n',
      `This is a RIS file (from Zotero, EndNote, Mendeley or a publisher's site). ${INSTEAD}: export your references as BibTeX and import that.`,
    ],
    [
      'paper.pdf',
      '%PDF-1.7\n%\ufffd\ufffd\ufffd\ufffd\n1 0 obj\n<< >>\nendobj\n',
      `This is a PDF document, not a list of papers. ${INSTEAD}.`,
    ],
  ])('%s', async (name, text, message) => {
    await renderWithList();
    const before = await storageBytes();
    choose(new File([text], name));
    expect(await alertText()).toBe(`Nothing was imported. ${name}: ${message}`);
    expect(screen.queryByRole('button', { name: 'Apply import' })).toBeNull();
    expect(await storageBytes()).toBe(before);
  });

  it('refuses a 50 MB file by its size, without reading it', async () => {
    await renderWithList();
    const before = await storageBytes();
    const file = new File(['{}'], 'library.json');
    Object.defineProperty(file, 'size', { value: 50 * 1024 * 1024 });
    const read = vi.fn(() => Promise.resolve('{}'));
    Object.assign(file, { text: read, arrayBuffer: read, stream: read });
    choose(file);
    expect(await alertText()).toBe(
      'Nothing was imported. library.json: The file is too large to import (50.0 MB; the limit is 5 MB).',
    );
    expect(read).not.toHaveBeenCalled();
    expect(await storageBytes()).toBe(before);
  });

  it('says so when the background refuses the import (a list from a newer Paper Lens), and changes nothing', async () => {
    await renderWithList();
    const papers = (await readSavedList()).papers;
    await fakeBrowser.storage.local.set({ savedList$: { v: 2 } });
    const before = await storageBytes();
    choose(new File([toJsonExport([{ ...papers[0]!, key: 'title:new', title: 'New', arxivId: null }])], 'list.json'));
    fireEvent.click(await screen.findByRole('button', { name: 'Apply import' }));
    expect(await alertText()).toBe(
      'Nothing was imported. Your reading list was saved by a newer version of Paper Lens (data version 2), so this version will not change it. Update Paper Lens to save, edit or import papers.',
    );
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Apply import' })).toBeNull());
    expect(await storageBytes()).toBe(before);
  });

  it('says the import did not happen when the browser refuses the write for full storage, and changes nothing', async () => {
    await savePaper({ title: 'First Paper', arxivId: '2401.00001' }, 1);
    const papers = (await readSavedList()).papers;
    const full: typeof client = {
      ...client,
      call: ((name, ...data) =>
        name === 'applyImport'
          ? Promise.reject(new Error('Resource::kQuotaBytes quota exceeded'))
          : client.call(name, ...data)) as typeof client.call,
    };
    render(<SavedTools client={full} papers={papers} tag={null} download={() => undefined} />);
    const before = await storageBytes();
    choose(new File([toJsonExport([{ ...papers[0]!, key: 'title:new', title: 'New', arxivId: null }])], 'list.json'));
    fireEvent.click(await screen.findByRole('button', { name: 'Apply import' }));
    expect(await alertText()).toBe(
      'Nothing was imported. The browser\'s storage for Paper Lens is full, so it refused the change ("Resource::kQuotaBytes quota exceeded"). Nothing already saved was lost: your list is as it was. Remove papers you no longer need (or delete kept copies of unreadable data), then try again.',
    );
    expect(await storageBytes()).toBe(before);
  });
});
