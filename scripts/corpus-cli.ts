// `npm run corpus -- <command>`: the corpus, title matching, related work and search from the
// command line, through the same CorpusService the extension's background runs. JSON on stdout only.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { CORPUS_FILES, openCorpus } from '../lib/corpus/corpus-files';
import { corpusPaperEntry, EXPORT_FORMATS, exportPapers, isExportFormat } from '../lib/reading-list/formats';
import { previewImport } from '../lib/reading-list/preview-import';
import { ImportError } from '../lib/reading-list/types';
import { UnknownPaperError, type CorpusService } from '../lib/corpus/service';
import { splitTitleAndAbstract } from '../lib/text/split-text';
import { resolvePaperRef, wholeTitleMatch } from '../lib/tabs/resolve-paper-ref';
import { parseImport } from '../lib/reading-list/import';
import { abstractUrl, parsePaperRef } from '../lib/match/parse-paper-ref';
import { decodeTitleIndex, TitleIndexFormatError } from '../lib/match/title-index';
import {
  buildCorpusFiles,
  CORPUS_OUT_DIR,
  GENERATED_DIR,
  readTitleIndexModule,
  TITLE_INDEX_MODULE,
} from './build-corpus';
import { SEEDS_DIR } from './lib/seed-files';

const USAGE = `usage: npm run corpus -- <command>
  stats                                  corpus size and papers per seed file
  list                                   one {"id","title"} line per paper
  match "<title>"                        which corpus paper a page title is, or null
  match --jsonl                          one plain-text query per stdin line, one JSON line each
  match "<arXiv id, URL or DOI>" [--list <export file>]
                                         the paper an id names, known from an exported reading list
  related <id> [--k N]                   the N most related corpus papers
  related --all [--k N]                  the same for every paper, one line each
  related --text "<title and abstract>" [--k N]
  search "<query>" [--k N]
  export --format bibtex|csv|json|markdown [--print-notes]
                                         the whole corpus in that format, as the popup exports it
  import-preview FILE                    what importing FILE would do, as one JSON object (writes nothing)`;

class UsageError extends Error {}

function newestMtime(dir: string): number {
  return Math.max(statSync(dir).mtimeMs, ...readdirSync(dir).map((name) => statSync(join(dir, name)).mtimeMs));
}

/** Rebuilds the corpus files when one is missing or older than a seed file, so the CLI never answers from a stale corpus. */
async function loadService(): Promise<CorpusService> {
  const paths = [
    join(CORPUS_OUT_DIR, CORPUS_FILES.bundle),
    join(CORPUS_OUT_DIR, CORPUS_FILES.model),
    join(GENERATED_DIR, TITLE_INDEX_MODULE),
  ];
  const seedsChanged = newestMtime(SEEDS_DIR);
  if (paths.some((path) => !existsSync(path) || statSync(path).mtimeMs < seedsChanged)) {
    console.error('corpus: seeds changed, rebuilding the corpus ...');
    await buildCorpusFiles();
  } else if (!titleIndexReadable()) {
    console.error('corpus: the title index was written by an older Paper Lens, rebuilding the corpus ...');
    await buildCorpusFiles();
  }
  // The same files and the same reader code the extension's background uses.
  return openCorpus({
    bytes: async () => readTitleIndexModule(),
    text: async (file) => readFileSync(join(CORPUS_OUT_DIR, file), 'utf8'),
  }).service();
}

/** False when the built title index is in a format this code no longer reads. */
function titleIndexReadable(): boolean {
  try {
    decodeTitleIndex(readTitleIndexModule());
    return true;
  } catch (error) {
    if (error instanceof TitleIndexFormatError) return false;
    throw error;
  }
}

function parseK(value: string | undefined): number {
  if (value === undefined) return 10;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new UsageError(`--k takes a whole number of at least 1, not "${value}"`);
  return Number(value);
}

function oneArgument(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`expected exactly one ${what}`);
  const value = positionals[0]!;
  if (value.trim() === '') throw new UsageError(`the ${what} is empty`);
  return value;
}

const print = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value)}\n`);
};

/**
 * An id, URL or DOI: the command line has no browser storage, so an id is known only from a reading
 * list exported by the extension (--list), whose entries carry their arXiv ids.
 */
async function matchRef(service: CorpusService, arxivId: string, listFile: string | undefined): Promise<unknown> {
  const listed = listFile ? parseImport(readFileSync(listFile, 'utf8'), listFile).papers : [];
  const answer = await resolvePaperRef(
    {
      lookupSeen: async () => null,
      readSaved: async () => listed,
      titleOf: (id) => service.getPaper(id)?.title,
      matchWholeTitle: wholeTitleMatch(service),
    },
    arxivId,
  );
  const match = answer.status === 'corpus' ? { ...answer.paper, score: 1, kind: 'id' } : null;
  const message =
    answer.status === 'unseen'
      ? `this id has not been seen yet${listFile ? ` (not in ${listFile})` : ' (pass an exported reading list with --list)'}`
      : answer.status === 'known'
        ? `"${answer.title}" is not in the corpus`
        : null;
  return { match, candidates: match ? [match] : [], ref: { ...answer, abstractUrl: abstractUrl(arxivId), message } };
}

async function matchLines(service: CorpusService): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    print(line.trim() === '' ? { match: null, candidates: [] } : service.matchTitle(line));
  }
}

async function run(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: {
      k: { type: 'string' },
      all: { type: 'boolean' },
      text: { type: 'string' },
      jsonl: { type: 'boolean' },
      list: { type: 'string' },
      format: { type: 'string' },
      'print-notes': { type: 'boolean' },
    },
  });
  const allowed: Record<string, string[]> = {
    stats: [],
    list: [],
    match: ['jsonl', 'list'],
    related: ['k', 'all', 'text'],
    search: ['k'],
    export: ['format', 'print-notes'],
    'import-preview': [],
  };
  if (command === undefined || command === 'help' || command === '--help') throw new UsageError('no command given');
  if (!(command in allowed)) throw new UsageError(`unknown command "${command}"`);
  for (const flag of Object.keys(values)) {
    if (!allowed[command]!.includes(flag)) throw new UsageError(`"${command}" does not take --${flag}`);
  }
  const service = await loadService();
  const k = parseK(values.k);
  switch (command) {
    case 'stats':
      if (positionals.length > 0) throw new UsageError('stats takes no arguments');
      return print(service.stats());
    case 'list':
      if (positionals.length > 0) throw new UsageError('list takes no arguments');
      for (const paper of service.papers) print({ id: paper.id, title: paper.title });
      return;
    case 'match':
      if (values.jsonl) {
        if (positionals.length > 0) throw new UsageError('match --jsonl reads its queries from stdin, not arguments');
        return matchLines(service);
      }
      const query = oneArgument(positionals, 'title');
      const ref = parsePaperRef(query);
      if (ref) return print(await matchRef(service, ref.arxivId, values.list));
      if (values.list !== undefined) throw new UsageError('match --list is for an arXiv id, URL or DOI');
      return print(service.matchTitle(query));
    case 'related':
      return related(service, positionals, values, k);
    case 'search':
      return print({ query: positionals[0], results: service.search(oneArgument(positionals, 'search query'), k) });
    case 'export': {
      if (positionals.length > 0) throw new UsageError('export takes no arguments, only --format');
      const format = values.format ?? '';
      if (!isExportFormat(format))
        throw new UsageError(`--format must be one of ${Object.keys(EXPORT_FORMATS).join(', ')}, not "${format}"`);
      const notes = values['print-notes'] ? 'note' : 'annote';
      process.stdout.write(exportPapers(format, service.papers.map(corpusPaperEntry), { notes }));
      return;
    }
    case 'import-preview':
      return importPreview(service, oneArgument(positionals, 'file name'));
  }
}

/** The import preview of a file against an empty list: the popup's code, with the corpus's own title matcher. */
async function importPreview(service: CorpusService, file: string): Promise<void> {
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  try {
    const preview = await previewImport({
      bytes: readFileSync(file),
      fileName: file,
      existing: [],
      matchTitles: async (titles) => titles.map((title) => service.matchTitle(title).match),
      pause: async () => {},
      now: Date.now(),
    });
    print({
      entries: preview.entries,
      new: preview.plan.add.length,
      merged: preview.plan.duplicatesInFile + preview.plan.update.length + preview.plan.unchanged,
      linkedToCorpus: preview.linkedToCorpus,
      skipped: preview.skipped,
      format: preview.format,
      encoding: preview.encoding,
      fitted: preview.fitted,
    });
  } catch (error) {
    if (error instanceof ImportError) {
      console.error(`error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

async function related(
  service: CorpusService,
  positionals: string[],
  values: { all?: boolean; text?: string },
  k: number,
): Promise<void> {
  if (values.all) {
    if (positionals.length > 0 || values.text !== undefined) throw new UsageError('related --all takes no id or text');
    for (const paper of service.papers) print({ id: paper.id, related: await service.related(paper.id, k) });
    return;
  }
  if (values.text !== undefined) {
    if (positionals.length > 0) throw new UsageError('related --text takes no id');
    if (values.text.trim() === '') throw new UsageError('the --text is empty');
    const { title, abstract } = splitTitleAndAbstract(values.text);
    return print({ related: await service.relatedToText(title, abstract, k) });
  }
  const id = oneArgument(positionals, 'paper id');
  return print({ id, related: await service.related(id, k) });
}

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

run(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`error: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (error instanceof UnknownPaperError) {
    console.error(`error: ${error.message} (npm run corpus -- list shows the ids)`);
    process.exit(1);
  }
  console.error(`error: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
