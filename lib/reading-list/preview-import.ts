// The import preview, shared by the popup's import worker (import-worker.ts) and `npm run corpus --
// import-preview`: read the file (in slices where it runs on a thread that must stay responsive),
// link each entry whose title names a corpus paper through the background's title matcher, fit every
// entry to what the write accepts, and plan against the current list. What it reports is what the
// write of its plan (import-write.ts) does.
import type { SavedPaper } from './saved-list';
import { decodeImportBytes, type ImportEncoding } from './decode-text';
import { describeForeignText } from './foreign-files';
import { parseImport, type ParsedImport } from './import';
import { fitImported, IMPORT_LIMITS } from './import-limits';
import { planImport, type ImportPlan } from './plan-import';
import { parseBibtexInSlices } from './read-bibtex';
import type { SkippedEntry } from './scan-bibtex';
import { checkImportSize, ImportError, type ImportedPaper } from './types';

/** Finds the corpus paper each title names (null for none), as the background's matchTitles does. */
export type MatchTitles = (titles: string[]) => Promise<({ id: string } | null)[]>;

/** What an import of a file would do, before anything is written. */
export interface ImportPreview {
  file: string;
  format: ParsedImport['format'];
  encoding: ImportEncoding;
  /** Entries read from the file (skipped ones not counted). */
  entries: number;
  skipped: SkippedEntry[];
  /** Entries the write would change to fit its limits, by title, with what changes. */
  fitted: { title: string; changes: string[] }[];
  linkedToCorpus: number;
  plan: ImportPlan;
}

async function readInSlices(text: string, fileName: string, pause: () => Promise<void>): Promise<ParsedImport> {
  const body = text.replace(/^\uFEFF/, '');
  const start = body.trimStart();
  if (start.startsWith('{') || start.startsWith('[') || !/@\s*[a-z]+\s*[{(]/i.test(start))
    return parseImport(text, fileName);
  try {
    checkImportSize(text);
    const foreign = describeForeignText(text);
    if (foreign) throw new ImportError(foreign);
    const { papers, skipped } = await parseBibtexInSlices(body, pause);
    return { format: 'bibtex', papers: papers.map(({ line: _line, ...paper }) => paper), skipped };
  } catch (error) {
    if (error instanceof ImportError) throw new ImportError(`${fileName}: ${error.message}`);
    throw error;
  }
}

/** Links papers with no corpus id to the corpus paper their title names, in batches the message limit allows. */
async function linkToCorpus(papers: ImportedPaper[], matchTitles: MatchTitles): Promise<ImportedPaper[]> {
  const open = papers.map((p, i) => (p.corpusId ? -1 : i)).filter((i) => i >= 0);
  const linked = [...papers];
  for (let start = 0; start < open.length; start += IMPORT_LIMITS.papersPerMessage) {
    const batch = open.slice(start, start + IMPORT_LIMITS.papersPerMessage);
    const matches = await matchTitles(batch.map((i) => papers[i]!.title));
    batch.forEach((i, n) => {
      const match = matches[n];
      if (match) linked[i] = { ...linked[i]!, corpusId: match.id };
    });
  }
  return linked;
}

/** Previews importing a file (its bytes) into `existing`; throws ImportError for a file that cannot be read at all. */
export async function previewImport(options: {
  bytes: Uint8Array;
  fileName: string;
  existing: readonly SavedPaper[];
  matchTitles: MatchTitles;
  pause: () => Promise<void>;
  now: number;
}): Promise<ImportPreview> {
  const { text, encoding } = decodeImportBytes(options.bytes);
  const parsed = await readInSlices(text, options.fileName, options.pause);
  const linked = await linkToCorpus(parsed.papers, options.matchTitles);
  const fitted: ImportPreview['fitted'] = [];
  const papers = linked.map((paper) => {
    const fit = fitImported(paper);
    if (fit.changes.length > 0) fitted.push({ title: fit.paper.title, changes: fit.changes });
    return fit.paper;
  });
  await options.pause();
  const plan = planImport(options.existing, papers, options.now);
  return {
    file: options.fileName,
    format: parsed.format,
    encoding,
    entries: papers.length,
    skipped: parsed.skipped,
    fitted,
    linkedToCorpus: plan.groups.filter((g) => g.corpusId !== null).length,
    plan,
  };
}

/** How many skipped and fitted entries a summary lists (the popup shows no more). */
export const SUMMARY_LIST = 100;

/**
 * What the popup is sent of a preview: the counts it shows and the first skipped and fitted entries,
 * small whatever the file (the write itself stays with whoever made the preview, see preview-file.ts).
 */
export interface PreviewSummary extends Omit<ImportPreview, 'plan'> {
  add: number;
  update: number;
  unchanged: number;
  duplicatesInFile: number;
  skippedCount: number;
  fittedCount: number;
}

/** A preview's summary (see PreviewSummary). */
export function summarisePreview(preview: ImportPreview): PreviewSummary {
  const { plan, skipped, fitted, ...rest } = preview;
  return {
    ...rest,
    skipped: skipped.slice(0, SUMMARY_LIST),
    fitted: fitted.slice(0, SUMMARY_LIST),
    skippedCount: skipped.length,
    fittedCount: fitted.length,
    add: plan.add.length,
    update: plan.update.length,
    unchanged: plan.unchanged,
    duplicatesInFile: plan.duplicatesInFile,
  };
}
