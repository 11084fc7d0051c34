// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PopupApp } from '../../components/PopupApp';
import type { CorpusClient } from '../../lib/messaging/client';
import type { TabDescription } from '../../lib/messaging/protocol';
import { realService } from '../helpers/corpus';

const service = realService();
const unsupported: TabDescription = { url: 'https://example.org/', kind: null, status: 'unsupported', papers: [] };
const client: CorpusClient = {
  search: async (query, k) => service.search(query, k),
  getPaper: async (id) => service.getPaper(id) ?? null,
  related: (id, k) => service.related(id, k),
  describeTab: async () => unsupported,
};

afterEach(cleanup);

async function typeQuery(query: string) {
  render(<PopupApp client={client} tabId={1} />);
  fireEvent.input(screen.getByRole('searchbox'), { target: { value: query } });
}

describe('PopupApp', () => {
  it('invites a search before anything is typed', () => {
    render(<PopupApp client={client} tabId={1} />);
    expect(screen.getByText('Type a title, part of one, or words from an abstract.')).toBeTruthy();
  });

  it('lists search results as you type', async () => {
    await typeQuery('galore');
    await waitFor(() => expect(screen.getAllByRole('listitem').length).toBe(2));
    expect(screen.getAllByRole('listitem')[0]!.textContent).toBe(
      'GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection',
    );
    expect(screen.getAllByRole('listitem')[1]!.textContent).toContain('matched in abstract');
  });

  it('says so when nothing matches', async () => {
    await typeQuery('zzzqqq');
    await waitFor(() => expect(screen.getByText('No papers match “zzzqqq”.')).toBeTruthy());
  });

  it('moves with the arrows, opens with Enter, shows related work, and goes back with Escape', async () => {
    await typeQuery('galore');
    await waitFor(() => expect(screen.getAllByRole('listitem').length).toBe(2));
    const box = screen.getByRole('searchbox');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    await waitFor(() => expect(screen.getAllByRole('listitem')[1]!.getAttribute('aria-current')).toBe('true'));
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(
        'GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection',
      ),
    );
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(8));
    expect(
      screen.getAllByRole('listitem').every((item) => /Shares |Nearest in topic/.test(item.textContent ?? '')),
    ).toBe(true);
    fireEvent.keyDown(screen.getByRole('button', { name: '← Back to results' }), { key: 'Escape' });
    await waitFor(() => expect(screen.getByRole('searchbox')).toBeTruthy());
  });

  it('shows a background failure instead of results', async () => {
    const failing: CorpusClient = { ...client, search: async () => Promise.reject(new Error('worker unavailable')) };
    render(<PopupApp client={failing} tabId={1} />);
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'x' } });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('worker unavailable'));
  });

  it('lists the papers on the tab, corpus matches first', async () => {
    const detected: TabDescription = {
      url: 'https://arxiv.org/list/cs.CL/new',
      kind: 'arxiv-list',
      status: 'detected',
      papers: [
        { title: 'Some Other Paper', arxivId: '2501.00001', match: null },
        {
          title: 'MMRL: Multi-Modal Representation Learning for Vision-Language Models',
          arxivId: null,
          match: {
            id: 'mmrl-multimodal-representation-157wjt3',
            title: 'MMRL: Multi-Modal Representation Learning for Vision-Language Models',
          },
        },
      ],
    };
    render(<PopupApp client={{ ...client, describeTab: async () => detected }} tabId={5} />);
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('This page · 1 of 2 in the corpus'),
    );
    const items = screen.getByRole('list', { name: 'Papers on this page' }).querySelectorAll('li');
    expect([...items].map((li) => li.textContent)).toEqual([
      'MMRL: Multi-Modal Representation Learning for Vision-Language ModelsIn the corpus',
      'Some Other PaperNot in the corpus',
    ]);
  });

  it('says plainly when a PDF cannot be identified offline', async () => {
    const pdf: TabDescription = {
      url: 'https://arxiv.org/pdf/2501.99999',
      kind: 'arxiv-pdf',
      status: 'pdf-unknown',
      papers: [],
    };
    render(<PopupApp client={{ ...client, describeTab: async () => pdf }} tabId={5} />);
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'This page' }).textContent).toBe(
        "Paper Lens can't identify this PDF offline. Open the paper's arXiv abstract page once and it will remember it, or search below.",
      ),
    );
  });
});
