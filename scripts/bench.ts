// `npm run bench`: speed figures, in Node and in Debian's Chromium, medians over repeated runs,
// printed as a table and written to bench/results.json. `--quick` runs one small iteration of
// everything (npm test runs it so the benchmark cannot rot). `--only savedList` runs just the
// heavy reader's list (savedList5000.*), `--only browser` the worker, listing and popup; either prints
// its figures and leaves bench/results.json as it was.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { createBundle } from '../lib/corpus/bundle';
import { parseCorpus } from '../lib/corpus/build-corpus';
import { createTitleMatcher } from '../lib/match/match-title';
import { buildRelatedModel } from '../lib/related/model';
import { createRelatedRanker } from '../lib/related/rank-related';
import { cleanPageTitle } from '../lib/text/clean-title';
import { launchExtension, stopServiceWorker, EXTENSION_DIR } from '../tools/browser/launch';
import { generateQueries, type BenchQuery } from './lib/bench-queries';
import { loadListing, routeListing, type ListingRun } from '../tools/browser/listing';
import { benchImport } from './lib/bench-import';
import { benchSavedList } from './lib/bench-saved';
import { benchScale, readyMarks } from './lib/bench-scale';
import { readSeedFiles } from './lib/seed-files';

/** The few extension APIs the benchmark calls inside the browser. */
interface ChromeApi {
  runtime: { sendMessage(message: unknown, callback: (response: unknown) => void): void };
  tabs: { query(filter: { url: string }): Promise<{ id?: number }[]> };
}

const quick = process.argv.includes('--quick');
const SECTIONS = ['savedList', 'browser'] as const;
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
if (onlyAt >= 0 && !SECTIONS.includes(only as (typeof SECTIONS)[number])) {
  console.error(`--only takes one of: ${SECTIONS.join(', ')} (got ${only ?? 'nothing'})`);
  process.exit(2);
}
const RUNS = quick ? 1 : 7;
/** The listing is the noisiest figure (a 2,000-entry page on a shared 2-core machine): 7 loads, not 3. */
const LISTING_RUNS = quick ? 1 : 7;
const results: Record<string, number | string | null> = {};
const { papers } = parseCorpus(readSeedFiles());

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round = (value: number, digits = 2) => Number(value.toFixed(digits));
/** Whether a message to the background got its answer (the messaging library's { res } envelope), not nothing. */
const answered = (answer: unknown) => typeof answer === 'object' && answer !== null && 'res' in answer;
function timeMs(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/** Top-1 accuracy on in-corpus queries, false-match rate on the others, and microseconds per query. */
function scoreMatcher(name: string, queries: BenchQuery[], match: (query: string) => string | null, runs = RUNS): void {
  let correct = 0;
  let inCorpus = 0;
  let falseMatches = 0;
  for (const q of queries) {
    const got = match(q.query);
    if (q.expected !== null) {
      inCorpus++;
      if (got === q.expected) correct++;
    } else if (got !== null) falseMatches++;
  }
  const us = median(Array.from({ length: runs }, () => timeMs(() => queries.forEach((q) => match(q.query))))) * 1000;
  results[`match.${name}.accuracy`] = round(correct / inCorpus, 4);
  results[`match.${name}.falseMatchRate`] = round(falseMatches / (queries.length - inCorpus), 4);
  results[`match.${name}.usPerQuery`] = round(us / queries.length, 1);
}

function benchMatching(): void {
  const queries = generateQueries(papers, quick ? 150 : 800);
  const matcher = createTitleMatcher(papers);
  scoreMatcher('paperlens', queries, (q) => matcher.match(q).match?.title ?? null);
  // The peers get the same cleaned text (labels, tab forms, entities and TeX removed) so they are
  // judged on matching alone. A hit counts when their top result is close enough to call a match.
  const fuse = new Fuse(papers, { keys: ['title'], includeScore: true, threshold: 0.4, ignoreLocation: true });
  scoreMatcher(
    'fuse',
    queries,
    (q) => {
      const top = fuse.search(cleanPageTitle(q).text, { limit: 1 })[0];
      return top && (top.score ?? 1) <= 0.2 ? top.item.title : null;
      // Three timed runs, not seven: one run over every query takes Fuse.js about a minute here.
    },
    Math.min(RUNS, 3),
  );
  const mini = new MiniSearch({ fields: ['title'], storeFields: ['title'], idField: 'id' });
  mini.addAll(papers);
  scoreMatcher('minisearch', queries, (q) => {
    const top = mini.search(cleanPageTitle(q).text, { fuzzy: 0.2, prefix: true, combineWith: 'AND' })[0];
    return top ? String(top.title) : null;
  });
}

function benchRelated(): void {
  results['related.buildMs'] = round(
    median(Array.from({ length: quick ? 1 : 3 }, () => timeMs(() => createBundle(papers, buildRelatedModel(papers))))),
    0,
  );
  const ranker = createRelatedRanker(buildRelatedModel(papers));
  const texts = papers
    .slice(0, quick ? 5 : 40)
    .map((p) => [`${p.title} (revisited)`, p.abstract.split(' ').toReversed().join(' ')]);
  results['related.queryMs'] = round(median(texts.map(([t, a]) => timeMs(() => ranker.rankText(t!, a!, 10)))), 2);
}

function fileSize(path: string): { bytes: number; gzipBytes: number } {
  const data = readFileSync(path);
  return { bytes: data.length, gzipBytes: gzipSync(data).length };
}

function benchSizes(): void {
  const dir = EXTENSION_DIR;
  const popupFiles = [
    join(dir, 'popup.html'),
    ...readdirSync(join(dir, 'chunks')).map((f) => join(dir, 'chunks', f)),
    ...readdirSync(join(dir, 'assets')).map((f) => join(dir, 'assets', f)),
  ];
  const sum = (paths: string[]) =>
    paths.map(fileSize).reduce((a, b) => ({ bytes: a.bytes + b.bytes, gzipBytes: a.gzipBytes + b.gzipBytes }));
  const sizes = {
    content: fileSize(join(dir, 'content-scripts', 'content.js')),
    background: fileSize(join(dir, 'background.js')),
    corpus: sum(readdirSync(join(dir, 'corpus')).map((f) => join(dir, 'corpus', f))),
    popup: sum(popupFiles),
  };
  for (const [name, size] of Object.entries(sizes)) {
    results[`size.${name}.bytes`] = size.bytes;
    results[`size.${name}.gzipBytes`] = size.gzipBytes;
  }
  if (!quick) {
    execFileSync('npx', ['wxt', 'zip'], { stdio: 'ignore' });
    const zip = readdirSync('.output').find((f) => f.endsWith('-chrome.zip'));
    results['size.zip.bytes'] = zip ? statSync(join('.output', zip)).size : null;
    results['size.zip.gzipBytes'] = results['size.zip.bytes']; // a zip is compressed already
  }
}

async function benchBrowser(): Promise<void> {
  const browser = await launchExtension();
  try {
    const page = await browser.openExtensionPage('popup.html');
    const send = () =>
      page.evaluate(
        () =>
          new Promise((resolve) =>
            (globalThis as unknown as { chrome: ChromeApi }).chrome.runtime.sendMessage(
              {
                id: 1,
                type: 'matchTitles',
                data: ['Attention is all you need (and a slip)'],
                timestamp: Date.now(),
              },
              resolve,
            ),
          ),
      );
    const cold: number[] = [];
    const ready: number[] = [];
    const startup: number[] = [];
    for (let i = 0, lost = 0; i < RUNS;) {
      await stopServiceWorker(browser, page);
      const start = performance.now();
      const answer = await send();
      const coldMs = performance.now() - start;
      // Inside the worker: from the script's first statement to the title index ready; and, apart,
      // how long Chromium took to start the worker before that statement ran. Now and then the message
      // after a stop reaches no worker (answered with nothing, none started), or Playwright never
      // attaches to the restarted one (its marks cannot be read): that start is measured again.
      const marks = answered(answer) ? await readyMarks(browser, 15_000).catch(() => null) : null;
      if (!marks) {
        if (++lost > 3) throw new Error('4 worker starts could not be measured');
        console.error(
          `worker start ${i + 1}: ${answered(answer) ? 'its marks could not be read' : 'the message woke no worker'}`,
        );
        // Stopping needs a running worker: wake one for the next attempt.
        for (let tries = 0; !answered(await send()) && tries < 10; tries++) await page.waitForTimeout(500);
        continue;
      }
      cold.push(coldMs);
      ready.push(marks.ready - marks.start);
      startup.push(marks.start);
      i++;
    }
    results['worker.coldLookupMs'] = round(median(cold), 1);
    results['worker.indexReadyMs'] = round(median(ready), 1);
    results['worker.scriptStartMs'] = round(median(startup), 1);

    await routeListing(browser, papers);
    const runs: ListingRun[] = [];
    for (let i = 0; i < LISTING_RUNS; i++) {
      runs.push(await loadListing(browser));
      // The last tab stays open: the popup benchmark below reads its report.
      if (i < LISTING_RUNS - 1) await runs[i]!.page.close();
    }
    const listingTab = await page.evaluate(
      async () =>
        (
          await (globalThis as unknown as { chrome: ChromeApi }).chrome.tabs.query({
            url: 'https://arxiv.org/list/*',
          })
        )[0]?.id ?? null,
    );
    results['listing2000.allBadgesMs'] = round(median(runs.map((r) => r.allBadgesMs)), 0);
    results['listing2000.longestTaskMs'] = round(median(runs.map((r) => r.longestTaskMs)), 0);
    results['listing2000.longtaskApiMs'] = round(median(runs.map((r) => r.longtaskMs)), 0);
    results['listing2000.longestRenderMs'] = round(median(runs.map((r) => r.renderMs)), 0);

    const popupTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const popup = await browser.openExtensionPage(`popup.html?tab=${listingTab}`);
      await popup.waitForFunction(() => performance.getEntriesByName('paper-lens:popup-data').length > 0);
      popupTimes.push(await popup.evaluate(() => performance.getEntriesByName('paper-lens:popup-data')[0]!.startTime));
      await popup.close();
    }
    results['popup.firstDataMs'] = round(median(popupTimes), 0);
  } finally {
    await browser.close();
  }
}

function packageVersion(name: string): string {
  return JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')).version as string;
}

function machine(): Record<string, string> {
  let chromium = 'unknown';
  try {
    chromium = execFileSync('/usr/bin/chromium', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    // reported as unknown
  }
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: String(cpus().length),
    node: process.version,
    chromium,
    'fuse.js': packageVersion('fuse.js'),
    minisearch: packageVersion('minisearch'),
    flexsearch: packageVersion('flexsearch'),
  };
}

async function main(): Promise<void> {
  if (only) {
    // One section alone: its figures printed, the full run's results.json left as it was.
    if (only === 'savedList') await benchSavedList(papers, results, { runs: RUNS, quick });
    else await benchBrowser();
    for (const [key, value] of Object.entries(results)) console.log(`${key}  ${value ?? 'not measured'}`);
    return;
  }
  benchMatching();
  benchRelated();
  benchSizes();
  await benchBrowser();
  // A heavy reader's 5,000-entry list in the popup, in a browser of its own (scripts/lib/bench-saved.ts).
  await benchSavedList(papers, results, { runs: RUNS, quick });
  // A 7,000-entry .bib previewed in the popup: the import worker's time and the popup's longest task.
  await benchImport(results, { runs: quick ? 1 : 3 });
  // Scale: synthetic corpora made from the real papers, built and measured like the real one
  // (scripts/lib/bench-scale.ts); --quick builds one small corpus so the path cannot rot.
  await benchScale(papers, quick ? [3000] : [10000, 50000], results, quick);
  const fuseUs = Number(results['match.fuse.usPerQuery']);
  const ourUs = Number(results['match.paperlens.usPerQuery']);
  results['match.speedupVsFuse'] = round(fuseUs / ourUs, 1);
  const width = Math.max(...Object.keys(results).map((k) => k.length));
  for (const [key, value] of Object.entries(results)) console.log(`${key.padEnd(width)}  ${value ?? 'not measured'}`);
  const out = { quick, runs: RUNS, date: new Date().toISOString(), machine: machine(), results };
  if (!quick) {
    mkdirSync('bench', { recursive: true });
    writeFileSync('bench/results.json', `${JSON.stringify(out, null, 2)}\n`);
    console.log('\nwritten to bench/results.json');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
