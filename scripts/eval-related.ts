// Development harness for related work: scores the ranker (and an arxiv-sanity-style TF-IDF
// baseline) against the judged topic set in tests/fixtures/related-judgements.json.
// Usage: npx tsx scripts/eval-related.ts [key=value ...]   (overrides RelatedOptions)
//        npx tsx scripts/eval-related.ts --held-out         (the embedding weight chosen by cross-validation)
import { readFileSync } from 'node:fs';
import { eng } from 'stopword';
import { parseCorpus } from '../lib/corpus/build-corpus';
import { EXACT_LIMIT } from '../lib/related/doc-index';
import { buildRelatedModel, DEFAULT_RELATED_OPTIONS, type RelatedOptions } from '../lib/related/model';
import { createRelatedRanker } from '../lib/related/rank-related';
import {
  crossValidatePapers,
  crossValidateTopics,
  evaluateRanking,
  type Candidate,
  type Judgements,
} from '../lib/related/evaluate';
import { corpusEmbeddings } from './build-corpus';
import { readSeedFiles } from './lib/seed-files';

const { papers } = parseCorpus(readSeedFiles());
const judged = JSON.parse(readFileSync('tests/fixtures/related-judgements.json', 'utf8')) as {
  papers: { title: string; topics: string[] }[];
};
const topicsByTitle = new Map(judged.papers.map((p) => [p.title, p.topics]));
const judgements: Judgements = papers.map((p) => topicsByTitle.get(p.title) ?? []);
const embeddings = await corpusEmbeddings(papers);

function baseline(): (index: number) => number[] {
  const stop = new Set(eng);
  const docs = papers.map((p) => {
    const words = `${p.title} | ${p.abstract}`.toLowerCase().match(/\b[a-z_][a-z0-9_]+\b/g) ?? [];
    const kept = words.filter((w) => !stop.has(w));
    const counts = new Map<string, number>();
    kept.forEach((w, i) => {
      counts.set(w, (counts.get(w) ?? 0) + 1);
      if (i + 1 < kept.length) counts.set(`${w} ${kept[i + 1]}`, (counts.get(`${w} ${kept[i + 1]}`) ?? 0) + 1);
    });
    return counts;
  });
  const df = new Map<string, number>();
  docs.forEach((d) => d.forEach((_, t) => df.set(t, (df.get(t) ?? 0) + 1)));
  const n = docs.length;
  const vecs = docs.map((d) => {
    const v = new Map<string, number>();
    d.forEach((c, t) => v.set(t, (1 + Math.log(c)) * (Math.log((1 + n) / (1 + df.get(t)!)) + 1)));
    const norm = Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0));
    v.forEach((x, t) => v.set(t, x / norm));
    return v;
  });
  return (q) => {
    const scores = vecs.map((v, i) => {
      if (i === q) return -1;
      let s = 0;
      vecs[q]!.forEach((x, t) => (s += x * (v.get(t) ?? 0)));
      return s;
    });
    return scores
      .map((s, i) => [s, i] as const)
      .sort((a, b) => b[0] - a[0] || a[1] - b[1])
      .slice(0, 10)
      .map((x) => x[1]);
  };
}

/** Every paper's top 10 under these options. */
function rankAll(options: RelatedOptions): number[][] {
  const ranker = createRelatedRanker(buildRelatedModel(papers, options, EXACT_LIMIT, embeddings));
  return papers.map((_, q) => ranker.rankPaper(q, 10).map((h) => h.index));
}

/**
 * The held-out protocol (bench/related-quality.md): the embedding weight is chosen on some folds and
 * scored on the others, over topics (5 and 7 folds) and over query papers (5 folds); the reference is
 * the pipeline without embeddings, scored on the same folds.
 */
function heldOut(): void {
  const weights = [0, 0.25, 0.5, 0.75, 1, 1.5];
  const candidates: Candidate[] = weights.map((embeddingWeight) => ({
    name: `embeddingWeight=${embeddingWeight}`,
    rankings: rankAll({ ...DEFAULT_RELATED_OPTIONS, embeddingWeight }),
  }));
  const reference = candidates[0]!;
  const report = {
    allTopicsInSample: Object.fromEntries(
      candidates.map((c) => [c.name, evaluateRanking(judgements, (q) => c.rankings[q]!)]),
    ),
    topicFolds5: crossValidateTopics(judgements, candidates, reference, 5),
    topicFolds7: crossValidateTopics(judgements, candidates, reference, 7),
    paperFolds5: crossValidatePapers(judgements, candidates, reference, 5),
  };
  console.log(JSON.stringify(report, null, 2));
}

if (process.argv.includes('--held-out')) heldOut();
else {
  const overrides = Object.fromEntries(
    process.argv
      .slice(2)
      .map((arg) => arg.split('='))
      .map(([k, v]) => [k, Number(v)]),
  );
  const options: RelatedOptions = { ...DEFAULT_RELATED_OPTIONS, ...overrides };
  const t0 = performance.now();
  const ranker = createRelatedRanker(buildRelatedModel(papers, options, EXACT_LIMIT, embeddings));
  const ours = evaluateRanking(judgements, (q) => ranker.rankPaper(q, 10).map((h) => h.index));
  const ms = performance.now() - t0;
  const base = evaluateRanking(judgements, baseline());
  console.log(JSON.stringify({ options, ours, baseline: base, ms: Math.round(ms) }));
}
