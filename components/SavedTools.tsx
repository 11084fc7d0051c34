import { useEffect, useRef, useState } from 'preact/hooks';
import { EXPORT_FORMATS, exportPapers, withCorpusFacts, type ExportFormat } from '../lib/reading-list/formats';
import type { PreviewedFile } from '../lib/reading-list/preview-file';
import type { PreviewSummary } from '../lib/reading-list/preview-import';
import { toRelatedWorkStarter } from '../lib/reading-list/starter';
import { MAX_IMPORT_CHARS, type ExportPaper } from '../lib/reading-list/types';
import type { CorpusClient } from '../lib/messaging/client';
import type { RelatedPaper } from '../lib/corpus/service';
import type { Paper } from '../lib/corpus/types';
import { LIMITS } from '../lib/messaging/validate';
import type { SavedPaper } from '../lib/reading-list/saved-list';
import { describeWriteFailure } from '../lib/reading-list/write-failure';

interface Props {
  client: CorpusClient;
  papers: SavedPaper[];
  /** The tag the list is filtered by: exports take just those papers. */
  tag: string | null;
  /** Hands a finished file to the browser; tests pass a recorder. */
  download: (name: string, type: string, text: string) => void;
}

/** What the preview says, in one line: the counts, the file's encoding and what was linked or fitted. */
function previewSummary(p: PreviewSummary): string {
  const parts = [`${p.add} to add`, `${p.update} to update`, `${p.unchanged} already in your list`];
  if (p.duplicatesInFile > 0) parts.push(`${p.duplicatesInFile} duplicates in the file merged`);
  if (p.linkedToCorpus > 0) parts.push(`${p.linkedToCorpus} linked to corpus papers`);
  if (p.encoding !== 'utf-8') parts.push(`read as ${p.encoding}`);
  return `${p.file}: ${parts.join(', ')}.`;
}

/** Export the list (or one tag) in four formats and a related-work starter; import with a preview. */
export function SavedTools({ client, papers, tag, download }: Props) {
  const [previewed, setPreviewed] = useState<PreviewedFile | null>(null);
  const preview = previewed?.preview ?? null;
  // A previewed file holds its worker and planned write until applied, cancelled, replaced or unmounted.
  const held = useRef<PreviewedFile | null>(null);
  const setPreview = (next: PreviewedFile | null) => {
    if (held.current !== next) held.current?.close();
    held.current = next;
    setPreviewed(next);
  };
  useEffect(() => () => held.current?.close(), []);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const chosen = tag === null ? papers : papers.filter((p) => p.tags.includes(tag));
  const base = `paper-lens-${tag ?? 'list'}`;

  // The corpus facts of every paper in a few messages, not one per paper: 5,000 round trips to the
  // background took most of a BibTeX export's time.
  const withCorpus = async (): Promise<ExportPaper[]> => {
    const ids = [...new Set(chosen.flatMap((p) => (p.corpusId ? [p.corpusId] : [])))];
    const found = new Map<string, Paper | null>();
    for (let i = 0; i < ids.length; i += LIMITS.titles) {
      const batch = ids.slice(i, i + LIMITS.titles);
      (await client.call('getPapers', batch)).forEach((paper, n) => found.set(batch[n]!, paper));
    }
    return chosen.map((p) => withCorpusFacts(p, p.corpusId ? found.get(p.corpusId) : null));
  };
  // The same table and writers as `npm run corpus -- export`.
  const exports: [string, () => Promise<void>][] = [
    ...(Object.keys(EXPORT_FORMATS) as ExportFormat[]).map((format): [string, () => Promise<void>] => {
      const { label, extension, type } = EXPORT_FORMATS[format];
      return [
        `Export ${label}`,
        async () =>
          download(
            `${base}.${extension}`,
            type,
            exportPapers(format, format === 'bibtex' ? await withCorpus() : chosen),
          ),
      ];
    }),
    [
      'Export related-work starter',
      async () => {
        const related = new Map<string, RelatedPaper[]>();
        for (const p of chosen)
          if (p.corpusId) related.set(p.key, await client.call('related', { id: p.corpusId, k: 5 }));
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
      // The preview (the large BibTeX parser with it) runs in a worker, loaded only when someone imports;
      // titles are linked to the corpus through the background's matcher.
      const { previewFile } = await import('../lib/reading-list/preview-file');
      setPreview(
        await previewFile({
          file,
          fileName: file.name,
          existing: papers,
          matchTitles: (titles) => client.call('matchTitles', titles),
          now: Date.now(),
        }),
      );
    } catch (error) {
      setMessage({ text: `Nothing was imported. ${(error as Error).message}`, error: true });
    }
  };

  const apply = async () => {
    if (!previewed) return;
    try {
      // Exactly the previewed write, fetched from the worker part by part; the last message applies them all.
      const { write } = previewed;
      const id = `import-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
      for (let part = 0; part < write.parts - 1; part++) {
        await client.call('stageImport', { id, part, ...(await previewed.part(part)) });
      }
      const { added, updated } = await client.call('applyImport', {
        id,
        basis: write.basis,
        unchanged: write.unchanged,
        parts: write.parts,
        ...(await previewed.part(write.parts - 1)),
      });
      setMessage({ text: `Imported: ${added} added, ${updated} updated.`, error: false });
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
        accept=".json,.bib,.bibtex,.txt,application/json,application/x-bibtex,text/x-bibtex"
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
          <p>{previewSummary(preview)}</p>
          {preview.skipped.length > 0 && (
            <details>
              <summary>{preview.skippedCount} entries skipped</summary>
              <ul class="pl-skipped">
                {preview.skipped.map((s) => (
                  <li key={s.line}>
                    Line {s.line}: {s.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
          {preview.fitted.length > 0 && (
            <details>
              <summary>{preview.fittedCount} entries shortened to fit</summary>
              <ul class="pl-skipped">
                {preview.fitted.map((f, i) => (
                  <li key={i}>
                    {f.title}: {f.changes.join('; ')}
                  </li>
                ))}
              </ul>
            </details>
          )}
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
