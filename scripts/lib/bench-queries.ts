import { readFileSync } from 'node:fs';
import type { Paper } from '../../lib/corpus/types';
import { seededRandom } from './seeded-random';

/** A page title to match, and the corpus title it is (null: none). */
export interface BenchQuery {
  query: string;
  expected: string | null;
}

function typo(title: string, rand: () => number): string {
  const words = title.split(' ');
  const long = words.map((w, i) => [w, i] as const).filter(([w]) => /^[A-Za-z]{7,}$/.test(w));
  if (long.length === 0) return title;
  const [word, index] = long[Math.floor(rand() * long.length)]!;
  const at = 1 + Math.floor(rand() * (word.length - 3));
  words[index] = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  return words.join(' ');
}

const IN_CORPUS: ((t: string, rand: () => number) => string)[] = [
  (t) => t,
  (t) => `Title:\n  ${t.replace(/ (\S+) /, '\n  $1  ')}`,
  (t) => t.toUpperCase(),
  (t) => t.toLowerCase(),
  (t) => t.replace(/Pre-?[Tt]raining/g, (m) => (m.includes('-') ? 'Pretraining' : 'Pre-Training')),
  (t) => t.replace(/-/g, '\u2013').replace(/'/g, '\u2019'),
  (t, r) => `[24${String(Math.floor(r() * 90) + 10)}.${String(Math.floor(r() * 90000) + 10000)}] ${t}`,
  (t) => `Paper page - ${t}`,
  (t) => `${t} | Hugging Face`,
  (t) => `${t.slice(0, Math.max(20, Math.ceil(t.length * 0.6)))}...`,
  typo,
  (t) => t.replace(/&/g, '&amp;').replace(/'/g, '&#39;'),
];

const OUT_OF_CORPUS: ((t: string) => string | null)[] = [
  (t) => (t.includes(':') ? t.replace(':', ' 2:') : `${t} 2`),
  (t) => (t.includes(':') ? t.replace(':', '++:') : null),
  (t) => (t.includes(':') ? `${t.split(':')[0]}: A Completely Different Look at Old Problems` : null),
  (t) => (t.split(' ').length > 5 ? t.split(' ').slice(0, 3).join(' ') : null),
  (t) => {
    const word = t.split(' ').find((w) => /^[A-Za-z]{6,}$/.test(w));
    return word ? t.replace(word, word === 'Quantum' ? 'Classical' : 'Quantum') : null;
  },
];

/**
 * Realistic page titles: corpus titles as pages print them (labels, tab forms, casing, spellings,
 * dashes, entities, truncation, typos) and near-misses that are not in the corpus (sequels, other
 * subtitles, generic prefixes, a changed word), plus the hand-written set in tests/fixtures.
 */
export function generateQueries(papers: Paper[], count: number, seed = 7): BenchQuery[] {
  const rand = seededRandom(seed);
  const titles = new Set(papers.map((p) => p.title));
  const queries: BenchQuery[] = [];
  while (queries.length < count) {
    const paper = papers[Math.floor(rand() * papers.length)]!;
    if (rand() < 0.66) {
      const vary = IN_CORPUS[Math.floor(rand() * IN_CORPUS.length)]!;
      queries.push({ query: vary(paper.title, rand), expected: paper.title });
    } else {
      const miss = OUT_OF_CORPUS[Math.floor(rand() * OUT_OF_CORPUS.length)]!(paper.title);
      if (miss && !titles.has(miss)) queries.push({ query: miss, expected: null });
    }
  }
  const handWritten = readFileSync('tests/fixtures/match-queries.jsonl', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as BenchQuery);
  return [...queries, ...handWritten];
}
