// @vitest-environment happy-dom
// The Saved view with a heavy reader's list, full storage, and the kept copies of unreadable data
// dismissed or deleted. happy-dom has no layout: rows keep their estimated height, so the window is
// what a 600-pixel popup would hold.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PopupApp } from '../../components/PopupApp';
import { SavedView } from '../../components/SavedView';
import type { TabDescription } from '../../lib/tabs/describe-tab';
import {
  deleteUnreadableCopies,
  readSavedList,
  savePaper,
  type SavedListRead,
  type SavedPaper,
} from '../../lib/reading-list/saved-list';
import { COPY_FORMAT } from '../../lib/reading-list/unreadable';
import { savedEntries } from '../../scripts/lib/saved-entries';
import { realPapers } from '../helpers/corpus';
import { createFakeClient } from '../helpers/fake-client';

const HEAVY = savedEntries(realPapers(), 5000);
const noop = () => undefined;
const unsupported: TabDescription = { url: 'https://example.org/', kind: null, status: 'unsupported', papers: [] };
const QUOTA = 'Resource::kQuotaBytes quota exceeded';

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

const read = (papers: SavedPaper[], over: Partial<SavedListRead> = {}): SavedListRead => ({
  papers,
  problem: null,
  readOnly: false,
  kept: [],
  copied: false,
  ...over,
});
const rows = () => within(screen.getByRole('list', { name: 'Saved papers' })).queryAllByRole('listitem');
const titles = () => rows().map((li) => li.querySelector('.pl-title')!.textContent);

function renderView(list: SavedListRead, onEdit: (p: SavedPaper, e: object) => Promise<unknown> = async () => null) {
  render(
    <SavedView
      list={list}
      onOpen={noop}
      onEdit={onEdit}
      onRemove={noop}
      onUndo={noop}
      undoable={null}
      tag={null}
      onTag={noop}
      unreadable={{ download: noop, deleteCopies: deleteUnreadableCopies }}
    />,
  );
}

describe('SavedView: 5,000 saved papers', () => {
  it('shows the first rows, newest first, not all 5,000, each telling its place in the whole list', () => {
    renderView(read(HEAVY));
    const shown = rows();
    expect(shown.length).toBeGreaterThan(4);
    expect(shown.length).toBeLessThan(30);
    expect(titles()).toEqual(HEAVY.slice(0, shown.length).map((p) => p.title));
    expect(shown.map((li) => [li.getAttribute('aria-posinset'), li.getAttribute('aria-setsize')])).toEqual(
      shown.map((_, i) => [String(i + 1), '5000']),
    );
    expect(screen.getByText('5,000 papers')).toBeTruthy();
  });

  it('filters by title, note and tag as the person types, saying how many match', () => {
    renderView(read(HEAVY));
    const box = screen.getByRole('textbox', { name: 'Filter saved papers' });
    const matching = HEAVY.filter((p) => `${p.title} ${p.note} ${p.tags.join(' ')}`.toLowerCase().includes('reviewer'));
    expect(matching.length).toBeGreaterThan(100);
    fireEvent.input(box, { target: { value: 'Reviewer' } });
    expect(screen.getByText(`${matching.length.toLocaleString('en')} of 5,000 papers shown`)).toBeTruthy();
    expect(titles()).toEqual(matching.slice(0, rows().length).map((p) => p.title));
    expect(rows()[0]!.getAttribute('aria-setsize')).toBe(String(matching.length));
    fireEvent.input(box, { target: { value: 'zzzz no such words' } });
    expect(screen.getByText('No saved papers match.')).toBeTruthy();
    fireEvent.input(box, { target: { value: '' } });
    expect(screen.getByText('5,000 papers')).toBeTruthy();
  });

  it('keeps an edit open with what was typed when storing it fails, and closes it once stored', async () => {
    let refuse = true;
    const edits: object[] = [];
    renderView(read(HEAVY.slice(0, 3)), async (_p, edit) => {
      edits.push(edit);
      if (refuse) throw new Error(QUOTA);
    });
    const first = rows()[0]!;
    fireEvent.click(within(first).getByRole('button', { name: 'Edit' }));
    fireEvent.input(within(first).getByRole('textbox', { name: 'Note' }), { target: { value: 'Read §3 first' } });
    fireEvent.click(within(first).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(edits).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect((within(rows()[0]!).getByRole('textbox', { name: 'Note' }) as HTMLTextAreaElement).value).toBe(
      'Read §3 first',
    );
    refuse = false;
    fireEvent.click(within(rows()[0]!).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(within(rows()[0]!).queryByRole('textbox', { name: 'Note' })).toBeNull());
    expect(edits[1]).toEqual({ tags: HEAVY[0]!.tags.join(', ').split(','), note: 'Read §3 first' });
  });
});

const banner = () => screen.findByRole('alert', { name: 'Saved data that could not be read' });
const confirm = () => screen.getByRole('group', { name: 'Delete the kept copies' });

describe('SavedView: kept copies of unreadable data', () => {
  const COPIES = {
    format: COPY_FORMAT,
    copies: [
      { copiedAt: 1_700_000_000_000, problem: '1 of 2 saved entries could not be read.', list: 1, version: null },
    ],
  };

  it('is dismissed until a new copy is kept', async () => {
    await fakeBrowser.storage.local.set({ savedList: { papers: [HEAVY[0]] }, savedListUnreadable: COPIES });
    renderView(await readSavedList());
    fireEvent.click(within(await banner()).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    cleanup();
    renderView(await readSavedList());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByRole('alert')).toBeNull();
    cleanup();
    const second = { copiedAt: 1_800_000_000_000, problem: 'The saved list is not readable.', list: 2, version: null };
    await fakeBrowser.storage.local.set({ savedListUnreadable: { ...COPIES, copies: [...COPIES.copies, second] } });
    renderView(await readSavedList());
    expect(within(await banner()).getByText(/^On /).textContent).toContain('(2 times; the last is described here)');
  });

  it('deletes the copies only after the person confirms; Cancel deletes nothing', async () => {
    await fakeBrowser.storage.local.set({ savedList: { papers: [HEAVY[0]] }, savedListUnreadable: COPIES });
    renderView(await readSavedList());
    fireEvent.click(within(await banner()).getByRole('button', { name: 'Delete kept copies…' }));
    expect(confirm().querySelector('p')!.textContent).toBe(
      'Delete the 1 kept copy of data Paper Lens could not read? You have not downloaded them: once deleted, they cannot be recovered. The papers in your list stay as they are.',
    );
    expect(document.activeElement).toBe(within(confirm()).getByRole('button', { name: 'Cancel' }));
    fireEvent.click(within(confirm()).getByRole('button', { name: 'Cancel' }));
    expect((await readSavedList()).kept).toHaveLength(1);
    fireEvent.click(within(await banner()).getByRole('button', { name: 'Delete kept copies…' }));
    fireEvent.click(within(confirm()).getByRole('button', { name: 'Delete for good' }));
    await waitFor(async () => expect((await readSavedList()).kept).toEqual([]));
    cleanup();
    const after = await readSavedList();
    expect(after.papers).toEqual([HEAVY[0]]);
    renderView(after);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('PopupApp: full storage', () => {
  it('says which paper was not saved and why, keeps the list as it was, and stays usable', async () => {
    await savePaper({ title: 'Already Saved Paper' }, 1);
    const fake = createFakeClient(unsupported);
    let full = true;
    const client = {
      ...fake,
      call: ((name, ...data) =>
        full && name === 'savePaper' ? Promise.reject(new Error(QUOTA)) : fake.call(name, ...data)) as typeof fake.call,
    };
    render(<PopupApp client={client} tabId={1} />);
    const box = await screen.findByRole('searchbox');
    fireEvent.input(box, { target: { value: 'galore' } });
    const results = await screen.findByRole('list', { name: 'Search results' });
    await waitFor(() => expect(within(results).getAllByRole('listitem').length).toBeGreaterThan(0));
    const galore = within(results).getAllByRole('listitem')[0]!;
    const title = galore.querySelector('.pl-title')!.textContent!;
    fireEvent.click(within(galore).getByRole('button', { name: /save/i }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      `“${title}” was not saved. The browser's storage for Paper Lens is full, so it refused the change ("${QUOTA}"). Nothing already saved was lost: your list is as it was. Remove papers you no longer need (or delete kept copies of unreadable data), then try again.`,
    );
    expect((await readSavedList()).papers.map((p) => p.title)).toEqual(['Already Saved Paper']);
    fireEvent.click(screen.getByRole('tab', { name: 'Saved' }));
    await waitFor(() => expect(titles()).toEqual(['Already Saved Paper']));
    fireEvent.click(within(screen.getByRole('alert').parentElement!).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
    full = false;
    fireEvent.click(screen.getByRole('tab', { name: 'Search' }));
    const again = await screen.findByRole('list', { name: 'Search results' });
    // The search view asks the background again when it is shown again: its rows come a moment later.
    const first = await waitFor(() => within(again).getAllByRole('listitem')[0]!);
    fireEvent.click(within(first).getByRole('button', { name: /save/i }));
    await waitFor(async () =>
      expect((await readSavedList()).papers.map((p) => p.title)).toEqual([title, 'Already Saved Paper']),
    );
  });
});
