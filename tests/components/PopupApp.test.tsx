// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PopupApp } from '../../components/PopupApp';
import type { TabDescription } from '../../lib/tabs/describe-tab';
import { rememberSeen } from '../../lib/tabs/tab-reports';
import { readSavedList, savePaper } from '../../lib/reading-list/saved-list';
import { createFakeClient } from '../helpers/fake-client';

const GALORE = 'GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection';
const MMRL = 'MMRL: Multi-Modal Representation Learning for Vision-Language Models';
const MMRL_ID = 'mmrl-multimodal-representation-157wjt3';
const GALORE_ID = 'galore-memoryefficient-llm-1xnc9mc';
const unsupported: TabDescription = { url: 'https://example.org/', kind: null, status: 'unsupported', papers: [] };
const client = createFakeClient(unsupported);

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

/** Renders the popup and waits until it has chosen its first view. */
async function renderPopup(target = client) {
  render(<PopupApp client={target} tabId={1} />);
  await waitFor(() => expect(screen.getByRole('tablist')).toBeTruthy());
}

async function typeQuery(query: string) {
  await renderPopup();
  await waitFor(() => expect(screen.getByRole('tab', { name: 'Search' }).getAttribute('aria-selected')).toBe('true'));
  fireEvent.input(screen.getByRole('searchbox'), { target: { value: query } });
}

const list = () => within(screen.getByRole('list', { name: 'Saved papers' }));
const resultItems = () => within(screen.getByRole('list', { name: 'Search results' })).queryAllByRole('listitem');

describe('PopupApp: tabs', () => {
  it('offers the views as tabs and opens on Search away from paper pages', async () => {
    render(<PopupApp client={client} tabId={1} />);
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Search' }).getAttribute('aria-selected')).toBe('true'));
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual([
      'This page',
      'Search',
      'Saved',
      'More like',
      'About',
    ]);
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Search' }), { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Saved' }).getAttribute('aria-selected')).toBe('true');
  });

  it('opens on This page when the tab holds papers, corpus matches first', async () => {
    const detected: TabDescription = {
      url: 'https://arxiv.org/list/cs.CL/new',
      kind: 'arxiv-list',
      status: 'detected',
      papers: [
        { title: 'Some Other Paper', arxivId: '2501.00001', match: null },
        { title: MMRL, arxivId: null, match: { id: MMRL_ID, title: MMRL } },
      ],
    };
    render(<PopupApp client={createFakeClient(detected)} tabId={5} />);
    await waitFor(() => expect(screen.getByText('This page · 1 of 2 in the corpus')).toBeTruthy());
    const items = within(screen.getByRole('list', { name: 'Papers on this page' })).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([`${MMRL}In the corpus`, 'Some Other PaperNot in the corpus']);
  });

  it('shows a description it is given on its first render, without asking for one', () => {
    const detected: TabDescription = {
      url: 'https://arxiv.org/list/cs.CL/new',
      kind: 'arxiv-list',
      status: 'detected',
      papers: [{ title: MMRL, arxivId: null, match: { id: MMRL_ID, title: MMRL } }],
    };
    const asked: number[] = [];
    const fake = createFakeClient(unsupported);
    const counting = { ...fake, describeTab: (id: number) => (asked.push(id), fake.describeTab(id)) };
    render(<PopupApp client={counting} tabId={5} initialDescription={detected} />);
    // No waiting: the very first render holds the page's papers.
    expect(screen.getByText('This page · 1 of 1 in the corpus')).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'This page' }).getAttribute('aria-selected')).toBe('true');
    expect(asked).toEqual([]);
  });

  it('shows a single paper page with its related work', async () => {
    const single: TabDescription = {
      url: 'https://arxiv.org/abs/2503.08497',
      kind: 'arxiv-abs',
      status: 'detected',
      papers: [{ title: MMRL, arxivId: '2503.08497', match: { id: MMRL_ID, title: MMRL } }],
    };
    render(<PopupApp client={createFakeClient(single)} tabId={5} />);
    const region = await screen.findByRole('region', { name: 'Related work' });
    await waitFor(() => expect(within(region).getAllByRole('listitem')).toHaveLength(6));
  });

  it('says plainly when a PDF cannot be identified offline', async () => {
    const pdf: TabDescription = {
      url: 'https://arxiv.org/pdf/2501.99999',
      kind: 'arxiv-pdf',
      status: 'pdf-unknown',
      papers: [],
    };
    await renderPopup(createFakeClient(pdf));
    expect(screen.getByRole('tab', { name: 'This page' }).getAttribute('aria-selected')).toBe('true');
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'This page' }).textContent).toBe(
        "Paper Lens can't identify this PDF offline. Open the paper's arXiv abstract page once and it will remember it, or search below.",
      ),
    );
  });
});

describe('PopupApp: search', () => {
  it('lists results as you type, title hits first', async () => {
    await typeQuery('galore');
    await waitFor(() => expect(resultItems()).toHaveLength(2));
    expect(resultItems()[0]!.textContent).toBe(`${GALORE}☆`);
    expect(resultItems()[1]!.textContent).toContain('matched in abstract');
  });

  it('says so when nothing matches', async () => {
    await typeQuery('zzzqqq');
    await waitFor(() => expect(screen.getByText('No papers match “zzzqqq”.')).toBeTruthy());
  });

  it('lists the most related papers for a pasted abstract', async () => {
    await typeQuery(
      'We pre-train a monolingual BERT language model for Vietnamese on a large corpus and evaluate it on part-of-speech tagging, dependency parsing, named entity recognition and natural language inference. It beats multilingual models.',
    );
    await waitFor(() => expect(screen.getByText('Most related to the pasted text')).toBeTruthy());
    await waitFor(() => expect(resultItems()).toHaveLength(10));
    expect(resultItems()[0]!.textContent).toContain('PhoBERT: Pre-trained language models for Vietnamese');
  });

  it('moves with the arrows, opens with Enter, saves with Shift+Enter, goes back with Escape', async () => {
    await typeQuery('galore');
    await waitFor(() => expect(resultItems()).toHaveLength(2));
    const box = screen.getByRole('searchbox');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    await waitFor(() => expect(resultItems()[1]!.getAttribute('aria-current')).toBe('true'));
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    await waitFor(async () => expect((await readSavedList()).papers.map((p) => p.title)).toEqual([GALORE]));
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(GALORE));
    expect(screen.getByRole('button', { name: 'Remove' })).toBeTruthy();
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(8));
    fireEvent.keyDown(screen.getByRole('button', { name: '← Back to results' }), { key: 'Escape' });
    await waitFor(() => expect(screen.getByRole('searchbox')).toBeTruthy());
  });
});

describe('PopupApp: search by arXiv id, URL or DOI', () => {
  it('opens the corpus paper an id was seen with', async () => {
    await rememberSeen([{ title: GALORE, arxivId: '2403.03507', matchId: GALORE_ID }]);
    await typeQuery('https://arxiv.org/pdf/2403.03507v2');
    await waitFor(() => expect(resultItems()).toHaveLength(1));
    expect(resultItems()[0]!.textContent).toBe(`${GALORE}arXiv 2403.03507☆`);
  });

  it('finds the corpus paper of a saved entry that carries the id', async () => {
    await savePaper({ title: MMRL, arxivId: '2503.08497v1' }, 1);
    await typeQuery('10.48550/arXiv.2503.08497');
    await waitFor(() => expect(resultItems()).toHaveLength(1));
    expect(resultItems()[0]!.textContent).toContain(MMRL);
  });

  it('says plainly an id was not seen yet, with a link to its abstract page', async () => {
    await typeQuery('arXiv:hep-th/9901001v1');
    const status = await screen.findByRole('status');
    expect(status.textContent).toContain('arXiv hep-th/9901001 has not been seen yet.');
    const link = within(status).getByRole('link', { name: 'Open its abstract page on arXiv' });
    expect(link.getAttribute('href')).toBe('https://arxiv.org/abs/hep-th/9901001');
    expect(screen.queryByText(/No papers match/)).toBeNull();
  });

  it('names a paper seen outside the corpus, and says it is not in it', async () => {
    await rememberSeen([{ title: 'Some Paper Outside the Corpus', arxivId: '2501.00001', matchId: null }]);
    await typeQuery('https://huggingface.co/papers/2501.00001');
    const status = await screen.findByRole('status');
    expect(status.textContent).toContain(
      'arXiv 2501.00001 is “Some Paper Outside the Corpus”. It is not in the Paper Lens corpus.',
    );
  });
});

describe('PopupApp: saved', () => {
  it('lists the reading list newest first, filters by text and tag, edits, removes with undo', async () => {
    await savePaper({ title: 'Older Paper' }, 1);
    const tagged = await savePaper({ title: MMRL, corpusId: MMRL_ID }, 2);
    const { editPaper } = await import('../../lib/reading-list/saved-list');
    await editPaper(tagged.key, { tags: ['vlm'] });
    await renderPopup();
    fireEvent.click(screen.getByRole('tab', { name: 'Saved' }));
    await waitFor(() => expect(list().getAllByRole('listitem')).toHaveLength(2));
    expect(list().getAllByRole('listitem')[0]!.textContent).toContain(MMRL);
    fireEvent.change(screen.getByRole('combobox', { name: 'Tag' }), { target: { value: 'vlm' } });
    await waitFor(() => expect(list().getAllByRole('listitem')).toHaveLength(1));
    fireEvent.change(screen.getByRole('combobox', { name: 'Tag' }), { target: { value: '' } });
    fireEvent.input(screen.getByRole('textbox', { name: 'Filter saved papers' }), { target: { value: 'older' } });
    await waitFor(() => expect(list().getAllByRole('listitem')).toHaveLength(1));
    fireEvent.click(list().getByRole('button', { name: 'Mark read' }));
    await waitFor(async () => expect((await readSavedList()).papers[1]!.read).toBe(true));
    fireEvent.click(list().getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Removed “Older Paper”. Undo'));
    await waitFor(async () => expect((await readSavedList()).papers).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(async () =>
      expect((await readSavedList()).papers.map((p) => p.title)).toEqual([MMRL, 'Older Paper']),
    );
  });

  it('suggests corpus papers like the list, leaving out what is saved', async () => {
    await savePaper({ title: MMRL, corpusId: MMRL_ID }, 2);
    await renderPopup();
    fireEvent.click(screen.getByRole('tab', { name: 'More like' }));
    const region = await screen.findByRole('region', { name: 'More like my list' });
    await waitFor(() => expect(within(region).getAllByRole('listitem')).toHaveLength(10));
    const titles = [...region.querySelectorAll('.pl-title')].map((el) => el.textContent);
    expect(titles).toHaveLength(10);
    expect(titles).not.toContain(MMRL);
  });

  it('tells the corpus size, its newest date and the privacy promise', async () => {
    await renderPopup();
    fireEvent.click(screen.getByRole('tab', { name: 'About' }));
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'About Paper Lens' }).textContent).toContain(
        '465 papers in the bundled corpus, the newest dated Dec 8, 2025.',
      ),
    );
    expect(screen.getByRole('region', { name: 'About Paper Lens' }).textContent).toContain(
      'Nothing leaves your browser.',
    );
  });
});
