// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SavedView } from '../../components/SavedView';
import { keepUnreadableSavedData, readSavedList, savePaper, type SavedPaper } from '../../lib/reading-list/saved-list';

const GOOD: SavedPaper = {
  key: 'arxiv:2403.03507',
  title: 'GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection',
  corpusId: null,
  arxivId: '2403.03507',
  url: null,
  savedAt: 1_700_000_000_000,
  tags: [],
  note: '',
  read: false,
};
const BAD = { ...GOOD, key: 'title:broken', title: 42 };

let files: { name: string; type: string; text: string }[] = [];
const download = (name: string, type: string, text: string) => void files.push({ name, type, text });
const noop = () => undefined;

beforeEach(() => {
  fakeBrowser.reset();
  files = [];
});
afterEach(cleanup);

async function renderStored(stored: Record<string, unknown>) {
  await fakeBrowser.storage.local.set(stored);
  const list = await readSavedList();
  render(
    <SavedView
      list={list}
      onOpen={noop}
      onEdit={async () => undefined}
      onRemove={noop}
      onUndo={noop}
      undoable={null}
      tag={null}
      onTag={noop}
      unreadable={{ download }}
    />,
  );
  return list;
}

const banner = () => screen.getByRole('alert', { name: 'Saved data that could not be read' });

describe('SavedView: saved data that could not be read', () => {
  it('says what happened, lists the readable entries, and downloads the data as it is in storage', async () => {
    await renderStored({ savedList: { papers: [GOOD, BAD] } });
    expect(within(banner()).getByRole('heading').textContent).toBe('Some saved data could not be read');
    expect(within(banner()).getByText(/^1 of 2/).textContent).toBe(
      '1 of 2 saved entries could not be read. Paper Lens shows the 1 entry it could read and keeps a copy of the data exactly as it was; nothing was deleted.',
    );
    const items = within(screen.getByRole('list', { name: 'Saved papers' })).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.pl-title')?.textContent)).toEqual([GOOD.title]);

    fireEvent.click(within(banner()).getByRole('button', { name: 'Download unreadable data' }));
    await waitFor(() => expect(files).toHaveLength(1));
    expect(files[0]!.name).toBe('paper-lens-unreadable-data.json');
    expect(files[0]!.type).toBe('application/json');
    const doc = JSON.parse(files[0]!.text) as Record<string, unknown>;
    expect(doc.inStorageNow).toEqual({
      list: { papers: [GOOD, BAD] },
      version: null,
      problem: '1 of 2 saved entries could not be read.',
    });
    expect(within(banner()).getByRole('status').textContent).toBe('Downloaded paper-lens-unreadable-data.json.');
  });

  it('after the list was written, still tells of the copy kept aside and downloads it', async () => {
    await fakeBrowser.storage.local.set({ savedList: { papers: [GOOD, BAD] } });
    await keepUnreadableSavedData();
    await savePaper({ title: 'Another Paper' }, 1_700_000_100_000);
    const list = await renderStored({});
    expect(list.problem).toBeNull();
    await screen.findByRole('alert', { name: 'Saved data that could not be read' });
    const copiedAt = list.kept[0]!.copiedAt;
    const date = new Date(copiedAt).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
    expect(within(banner()).getByText(/^On /).textContent).toBe(
      `On ${date}, Paper Lens found saved data it could not read. 1 of 2 saved entries could not be read. It kept every entry it could read and a copy of the data exactly as it was; nothing was deleted.`,
    );
    fireEvent.click(within(banner()).getByRole('button', { name: 'Download unreadable data' }));
    await waitFor(() => expect(files).toHaveLength(1));
    const doc = JSON.parse(files[0]!.text) as { copies: { list: unknown }[]; inStorageNow?: unknown };
    expect(doc.copies.map((c) => c.list)).toEqual([{ papers: [GOOD, BAD] }]);
    expect(doc.inStorageNow).toBeUndefined();
  });

  it('a list from a newer Paper Lens is shown read-only, its edit buttons off, with the reason', async () => {
    await renderStored({ savedList: { papers: [GOOD] }, savedList$: { v: 3 } });
    expect(within(banner()).getByRole('heading').textContent).toBe('Your list is from a newer Paper Lens');
    expect(within(banner()).getByText(/^Your reading list/).textContent).toBe(
      'Your reading list was saved by a newer version of Paper Lens (data version 3; this version reads version 1). To keep it safe, this version will not change it: saving, removing, editing and importing are off until you update Paper Lens. It shows the 1 entry it can read.',
    );
    const item = within(screen.getByRole('list', { name: 'Saved papers' })).getByRole('listitem');
    for (const name of ['Mark read', 'Edit', 'Remove']) {
      expect((within(item).getByRole('button', { name }) as HTMLButtonElement).disabled).toBe(true);
    }
  });

  it('shows no banner when everything was read and nothing was kept aside', async () => {
    await renderStored({ savedList: { papers: [GOOD] } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect((screen.getByRole('button', { name: 'Remove' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
