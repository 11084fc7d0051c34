// Development harness for the title matcher over the hand-written query sets: accuracy on in-corpus
// queries, false matches on the others, and each miss, per file (default: the full-title set and
// the head-only set), so a change to one kind of query shows what it did to the other.
import { readFileSync } from 'node:fs';
import { parseCorpus } from '../lib/corpus/build-corpus';
import { createTitleMatcher } from '../lib/match/match-title';
import { readSeedFiles } from './lib/seed-files';

const DEFAULT_FILES = ['tests/fixtures/match-queries.jsonl', 'tests/fixtures/match-head-queries.jsonl'];

const { papers } = parseCorpus(readSeedFiles());
const matcher = createTitleMatcher(papers);
for (const file of process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_FILES) {
  const queries = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { query: string; expected: string | null; kind: string });
  let inCorpus = 0;
  let correct = 0;
  let outside = 0;
  let falseMatches = 0;
  for (const q of queries) {
    const result = matcher.match(q.query);
    const got = result.match?.title ?? null;
    if (q.expected !== null) {
      inCorpus++;
      if (got === q.expected) correct++;
      else
        console.log(
          `MISS [${q.kind}] ${JSON.stringify(q.query)} -> ${got} (best ${JSON.stringify(result.candidates[0])})`,
        );
    } else {
      outside++;
      if (got !== null) {
        falseMatches++;
        console.log(`FALSE [${q.kind}] ${JSON.stringify(q.query)} -> ${got}`);
      }
    }
  }
  console.log(
    JSON.stringify({
      file,
      inCorpus,
      correct,
      accuracy: correct / inCorpus,
      outside,
      falseMatches,
      falseMatchRate: falseMatches / outside,
    }),
  );
}
