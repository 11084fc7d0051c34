// The scale benchmark: synthetic corpora of n papers made from the real ones (synthetic-corpus.ts),
// built with the real build step and measured in Node (build time, sizes, title matching, related
// work for papers not in the corpus) and in Chromium (the worker's title index ready after a wake-up).
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS_FILES } from '../../lib/corpus/corpus-files';
import type { Paper } from '../../lib/corpus/types';
import { matcherOverIndex } from '../../lib/match/match-title';
import { decodeTitleIndex } from '../../lib/match/title-index';
import type { RelatedModel } from '../../lib/related/model';
import { createRelatedRanker } from '../../lib/related/rank-related';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, launchExtension, stopServiceWorker, type ExtensionBrowser } from '../../tools/browser/launch';
import { GENERATED_DIR, readTitleIndexModule, TITLE_INDEX_MODULE, writeCorpusFiles } from './corpus-output';
import { generateQueries } from './bench-queries';
import { syntheticCorpus } from './synthetic-corpus';

type Results = Record<string, number | string | null>;

/** The one message the benchmark sends the worker (as scripts/bench.ts does for the real corpus). */
interface ChromeApi {
  runtime: { sendMessage(message: unknown, callback: (response: unknown) => void): void };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** The base64 literal of a title index module ('export default '...''). */
function titleIndexLiteral(generatedDir: string): string {
  const text = readFileSync(join(generatedDir, TITLE_INDEX_MODULE), 'utf8');
  const literal = /export default '([A-Za-z0-9+/=]*)'/.exec(text)?.[1];
  if (!literal) throw new Error(`${generatedDir}/${TITLE_INDEX_MODULE} holds no title index`);
  return literal;
}

/**
 * A copy of the built Chrome extension (.output/chrome-mv3) that carries another corpus: the title
 * index inlined in background.js swapped for `generatedDir`'s, and that corpus's packaged files.
 */
function extensionWithCorpus(dir: string, outDir: string, generatedDir: string): string {
  const extensionDir = join(dir, 'chrome-mv3');
  cpSync(EXTENSION_DIR, extensionDir, { recursive: true });
  const backgroundPath = join(extensionDir, 'background.js');
  const background = readFileSync(backgroundPath, 'utf8');
  const built = titleIndexLiteral(GENERATED_DIR);
  const at = background.indexOf(built);
  if (at < 0 || background.indexOf(built, at + 1) >= 0) {
    throw new Error(
      `${EXTENSION_DIR}/background.js does not hold generated/${TITLE_INDEX_MODULE}'s index exactly once: run npm run build`,
    );
  }
  const synthetic = titleIndexLiteral(generatedDir);
  writeFileSync(backgroundPath, background.slice(0, at) + synthetic + background.slice(at + built.length));
  for (const file of [CORPUS_FILES.bundle, CORPUS_FILES.model]) cpSync(join(outDir, file), join(extensionDir, file));
  return extensionDir;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The worker's marks once it has marked its title index ready: script start and index ready. Asks
 * whichever extension worker the context lists now (after a stop and restart Playwright may hand out
 * a new Worker object) and retries while it is starting.
 */
export async function readyMarks(
  browser: ExtensionBrowser,
  timeout = 60_000,
): Promise<{ start: number; ready: number }> {
  const until = Date.now() + timeout;
  const prefix = `chrome-extension://${browser.extensionId}/`;
  for (;;) {
    // After a stop the context may list the stopped worker beside the fresh one: ask each, newest first.
    const workers = browser.context.serviceWorkers().filter((w) => w.url().startsWith(prefix));
    for (const worker of [...workers.toReversed(), browser.worker]) {
      const marks = await worker
        .evaluate(() => {
          const start = performance.getEntriesByName('paper-lens:script-start')[0];
          const ready = performance.getEntriesByName('paper-lens:index-ready')[0];
          return start && ready ? { start: start.startTime, ready: ready.startTime } : null;
        })
        .catch(() => null);
      if (marks) return marks;
    }
    if (Date.now() > until) throw new Error(`the worker did not mark its title index ready within ${timeout} ms`);
    await sleep(100);
  }
}

/**
 * Wakes the stopped worker with a message from `page`. A message sent while Chromium is still
 * settling a stopped worker can go unanswered (seen with a 20 MB background script), so an
 * unanswered one is sent again; the marks then describe the start that answered.
 */
async function wake(page: Page): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const answer = page.evaluate(
      () =>
        new Promise((resolve) =>
          (globalThis as unknown as { chrome: ChromeApi }).chrome.runtime.sendMessage(
            { id: 1, type: 'matchTitles', data: ['Attention is all you need (and a slip)'], timestamp: Date.now() },
            resolve,
          ),
        ),
    );
    answer.catch(() => {}); // a lost message's promise rejects when the browser closes
    if (await Promise.race([answer.then(() => true), sleep(15_000).then(() => false)])) return;
  }
  throw new Error('the worker answered none of 3 messages');
}

/** From the worker script's first statement to its title index ready, after a wake-up; the median of `runs`. */
async function indexReadyMs(extensionDir: string, runs: number): Promise<number> {
  const browser = await launchExtension({ extensionDir });
  try {
    const page = await browser.openExtensionPage('popup.html');
    // Let the first start and the popup's own requests settle before stopping the worker.
    await readyMarks(browser);
    await sleep(1000);
    const ready: number[] = [];
    for (let i = 0; i < runs; i++) {
      await stopServiceWorker(browser, page);
      await wake(page);
      const marks = await readyMarks(browser);
      ready.push(marks.ready - marks.start);
    }
    return median(ready);
  } finally {
    await browser.close();
  }
}

/** Papers ranked as text (not in the corpus) per size, and title queries matched. */
const OUTSIDE_PAPERS = 25;

/**
 * For each size n: a synthetic corpus of n papers, written by the build step (writeCorpusFiles) into
 * a temporary directory, and `scale.<n>.*`: buildMs (the whole build), bundleBytes (title index
 * module + bundle.json + model.json), matchUs (microseconds per title query over the decoded index),
 * relatedMs (median rankText of papers not in the corpus, ranker built from the written model) and
 * indexReadyMs (Chromium, the built extension carrying that corpus; the median over runs).
 */
export async function benchScale(papers: Paper[], sizes: number[], results: Results, quick: boolean): Promise<void> {
  const runs = quick ? 1 : 5;
  for (const n of sizes) {
    const key = (name: string) => `scale.${n}.${name}`;
    const all = syntheticCorpus(papers, n + OUTSIDE_PAPERS);
    const corpus = all.slice(0, n);
    const outside = all.slice(n);
    const dir = mkdtempSync(join(tmpdir(), `paper-lens-scale-${n}-`));
    try {
      const outDir = join(dir, 'public');
      const generatedDir = join(dir, 'generated');
      const started = performance.now();
      writeCorpusFiles(corpus, outDir, generatedDir);
      results[key('buildMs')] = round(performance.now() - started, 0);
      results[key('bundleBytes')] = [
        join(generatedDir, TITLE_INDEX_MODULE),
        join(outDir, CORPUS_FILES.bundle),
        join(outDir, CORPUS_FILES.model),
      ]
        .map((path) => statSync(path).size)
        .reduce((a, b) => a + b, 0);

      const matcher = matcherOverIndex(decodeTitleIndex(readTitleIndexModule(generatedDir)));
      const queries = generateQueries(corpus, quick ? 150 : 800);
      const passes = Array.from({ length: runs }, () => {
        const start = performance.now();
        for (const q of queries) matcher.match(q.query);
        return performance.now() - start;
      });
      results[key('matchUs')] = round((median(passes) * 1000) / queries.length, 1);

      const model = JSON.parse(readFileSync(join(outDir, CORPUS_FILES.model), 'utf8')) as RelatedModel;
      const ranker = createRelatedRanker(model);
      const times = outside.slice(0, quick ? 5 : OUTSIDE_PAPERS).map((paper) => {
        const start = performance.now();
        ranker.rankText(paper.title, paper.abstract, 10);
        return performance.now() - start;
      });
      results[key('relatedMs')] = round(median(times), 1);

      results[key('indexReadyMs')] = round(await indexReadyMs(extensionWithCorpus(dir, outDir, generatedDir), runs), 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
