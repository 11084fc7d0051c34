import { useRef, useState } from 'preact/hooks';
import { toBibtex } from '../lib/export/bibtex';
import { toCsv } from '../lib/export/csv';
import { toJsonExport } from '../lib/export/json';
import { toMarkdown } from '../lib/export/markdown';
import { toRelatedWorkStarter } from '../lib/export/starter';
import { MAX_IMPORT_CHARS, type ExportPaper, type ImportedPaper } from '../lib/export/types';
import type { CorpusClient } from '../lib/messaging/client';
import type { RelatedPaper } from '../lib/service/corpus-service';
import type { SavedPaper } from '../lib/storage/saved-list';
import { describeWriteFailure } from '../lib/storage/write-failure';

interface Props {
  client: CorpusClient;
  papers: SavedPaper[];
  /** The tag the list is filtered by: exports take just those papers. */
  tag: string | null;
  /** Hands a finished file to the browser; tests pass a recorder. */
  download: (name: string, type: string, text: string) => void;
}

interface Preview {
  file: string;
  papers: ImportedPaper[];
  add: number;
  update: number;
  unchanged: number;
}

/** Export the list (or one tag) in four formats and a related-work starter; import with a preview. */
export function SavedTools({ client, papers, tag, download }: Props) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const chosen = tag === null ? papers : papers.filter((p) => p.tags.includes(tag));
  const base = `paper-lens-${tag ?? 'list'}`;

  const withCorpus = async (): Promise<ExportPaper[]> =>
    Promise.all(
      chosen.map(async (p) => {
        const corpus = p.corpusId ? await client.getPaper(p.corpusId) : null;
        return corpus ? { ...p, date: corpus.date, organisation: corpus.organisation, abstract: corpus.abstract } : p;
      }),
    );
  const exports: [string, () => Promise<void>][] = [
    ['Export BibTeX', async () => download(`${base}.bib`, 'application/x-bibtex', toBibtex(await withCorpus()))],
    ['Export CSV', async () => download(`${base}.csv`, 'text/csv', toCsv(chosen))],
    ['Export JSON', async () => download(`${base}.json`, 'application/json', toJsonExport(chosen))],
    ['Export Markdown', async () => download(`${base}.md`, 'text/markdown', toMarkdown(chosen))],
    [
      'Export related-work starter',
      async () => {
        const related = new Map<string, RelatedPaper[]>();
        for (const p of chosen) if (p.corpusId) related.set(p.key, await client.related(p.corpusId, 5));
        download(
          `${base}-related-work.md`,
          'text/markdown',
          toRelatedWorkStarter(chosen, (p) => related.get(p.key) ?? [], 'markdown'),
        );
      },
    ],
  ];

  const read = async (file: File) => {
    setMessage(null);
    setPreview(null);
    try {
      // Refused by its size before a byte is read: a 50 MB file never reaches memory or the parser.
      if (file.size > MAX_IMPORT_CHARS) {
        const mb = (file.size / 1024 / 1024).toFixed(1);
        throw new Error(`${file.name}: The file is too large to import (${mb} MB; the limit is 5 MB).`);
      }
      // The BibTeX parser is large: it loads only when someone imports.
      const { parseImport, planImport } = await import('../lib/export/import');
      const parsed = parseImport(await file.text(), file.name);
      const plan = planImport(papers, parsed.papers, Date.now());
      setPreview({
        file: file.name,
        papers: parsed.papers,
        add: plan.add.length,
        update: plan.update.length,
        unchanged: plan.unchanged,
      });
    } catch (error) {
      setMessage({ text: `Nothing was imported. ${(error as Error).message}`, error: true });
    }
  };

  const apply = async () => {
    if (!preview) return;
    try {
      const result = await client.applyImport(preview.papers);
      setMessage({ text: `Imported: ${result.added} added, ${result.updated} updated.`, error: false });
    } catch (error) {
      setMessage({ text: describeWriteFailure('Nothing was imported.', error), error: true });
    }
    setPreview(null);
  };

  return (
    <div class="pl-tools">
      {exports.map(([label, run]) => (
        <button key={label} type="button" disabled={chosen.length === 0} onClick={() => void run()}>
          {label}
        </button>
      ))}
      <button type="button" onClick={() => fileRef.current?.click()}>
        Import
      </button>
      <input
        ref={fileRef}
        type="file"
        accept=".json,.bib,.bibtex,application/json"
        aria-label="Import file"
        hidden
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void read(file);
        }}
      />
      {preview && (
        <div class="pl-preview" role="status">
          <p>
            {preview.file}: {preview.add} to add, {preview.update} to update, {preview.unchanged} already in your list.
          </p>
          <button type="button" onClick={() => void apply()}>
            Apply import
          </button>
          <button type="button" onClick={() => setPreview(null)}>
            Cancel
          </button>
        </div>
      )}
      {message && (
        <p class={message.error ? 'pl-error' : 'pl-hint'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
