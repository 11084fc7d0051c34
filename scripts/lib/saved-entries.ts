// A heavy reader's reading list, made up but shaped like a real one: every corpus paper plus
// invented ones, arXiv ids and links on most, hundreds of tags (a few used often, most rarely),
// notes from none to several thousand characters, newest first. Seeded: the same list on every run,
// so the benchmark and the tests that use it see the same data.
import type { Paper } from '../../lib/corpus/types';
import { identityKeys, type SavedPaper } from '../../lib/reading-list/saved-list';
import { seededRandom } from './seeded-random';

const SUBJECTS = [
  'Sparse Attention',
  'Low-Rank Adapters',
  'Diffusion Priors',
  'Mixture of Experts',
  'Retrieval Heads',
  'State Space Models',
  'Contrastive Pretraining',
  'Speculative Decoding',
  'Reward Models',
  'Token Merging',
  'Graph Transformers',
  'Neural Radiance Fields',
  'Quantised Optimisers',
  'Curriculum Sampling',
  'Tool Use',
  'Chain-of-Thought Distillation',
  'Vision-Language Alignment',
  'Preference Optimisation',
  'KV-Cache Eviction',
  'Synthetic Data',
  'Long-Context Recall',
  'Protein Language Models',
  'Federated Fine-Tuning',
  'Weight Averaging',
];
const VERBS = ['Revisiting', 'Scaling', 'Understanding', 'Rethinking', 'Benchmarking', 'Simplifying', 'Improving'];
const SETTINGS = [
  'for Code Generation',
  'in Multilingual Models',
  'at Inference Time',
  'under Distribution Shift',
  'for Robotic Manipulation',
  'on Edge Devices',
  'without Labels',
  'for Scientific Text',
  'in Small Models',
  'with Noisy Feedback',
  'for Video Understanding',
  'across Modalities',
  'for Speech Recognition',
];
const TAG_STEMS = [
  'llm',
  'vision',
  'rl',
  'nlp',
  'theory',
  'efficiency',
  'data',
  'eval',
  'safety',
  'agents',
  'audio',
  'robotics',
  'optim',
  'graphs',
  'bio',
  'retrieval',
  'multimodal',
  'diffusion',
  'reasoning',
  'code',
];
const TAG_SUFFIXES = [
  '',
  '-survey',
  '-to-read',
  '-reading-group',
  '-baseline',
  '-ideas',
  '-thesis',
  '-2024',
  '-2025',
  '-replicate',
  '-cite',
  '-follow-up',
  '-method',
  '-dataset',
  '-negative',
];
const NOTE_WORDS = (
  'the authors claim a gain on every benchmark but the ablation in table three drops the strongest baseline ' +
  'compare with our setup before citing check whether the code is released and which licence it has the ' +
  'scaling curve looks convincing up to seven billion parameters yet the learning rate was tuned per size ' +
  'reviewer two asked about variance across seeds worth a reading group slot next month'
).split(' ');

/** Picks one of `items`; with `skew` above 1 the first ones come up far more often (as a few tags do). */
function pick<T>(random: () => number, items: readonly T[], skew = 1): T {
  return items[Math.floor(random() ** skew * items.length)]!;
}

function sentence(random: () => number, words: number): string {
  const text = Array.from({ length: words }, () => pick(random, NOTE_WORDS)).join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

function note(random: () => number): string {
  const roll = random();
  if (roll < 0.5) return '';
  // A third of the notes are a line or two; the rest run to paragraphs, some to thousands of characters.
  const sentences = roll < 0.85 ? 1 + Math.floor(random() * 4) : 10 + Math.floor(random() * 50);
  return Array.from({ length: sentences }, () => sentence(random, 6 + Math.floor(random() * 14)))
    .join(' ')
    .slice(0, 5000);
}

/** 300 distinct tags, most-used first. */
export function tagPool(): string[] {
  return TAG_SUFFIXES.flatMap((suffix) => TAG_STEMS.map((stem) => `${stem}${suffix}`));
}

/**
 * `count` reading-list entries, newest first, every one distinct by every identity (corpus id, arXiv
 * id, title). The corpus papers come first in the pool, so any count above the corpus size holds them all.
 */
export function savedEntries(corpus: readonly Paper[], count: number, seed = 5000, now = Date.UTC(2026, 10, 1)) {
  const random = seededRandom(seed);
  const tags = tagPool();
  const seen = new Set<string>();
  const papers: SavedPaper[] = [];
  let savedAt = now;
  for (let i = 0; papers.length < count; i++) {
    const fromCorpus = i < corpus.length ? corpus[i]! : null;
    const title =
      fromCorpus?.title ??
      `${pick(random, VERBS)} ${pick(random, SUBJECTS)} ${pick(random, SETTINGS)}${random() < 0.5 ? '' : `: Study ${i}`}`;
    const arxivId =
      random() < 0.75
        ? `${22 + Math.floor(random() * 5)}${String(1 + Math.floor(random() * 12)).padStart(2, '0')}.${String(Math.floor(random() * 100000)).padStart(5, '0')}`
        : null;
    const url = arxivId && random() < 0.6 ? `https://arxiv.org/abs/${arxivId}` : null;
    const ref = { title, corpusId: fromCorpus?.id ?? null, arxivId, url };
    const keys = identityKeys(ref);
    if (keys.some((key) => seen.has(key))) continue;
    keys.forEach((key) => seen.add(key));
    savedAt -= Math.floor(random() * 6 * 3600_000);
    const tagCount = Math.floor(random() ** 2 * 7);
    papers.push({
      key: keys[0]!,
      ...ref,
      savedAt,
      tags: [...new Set(Array.from({ length: tagCount }, () => pick(random, tags, 2.5)))],
      note: note(random),
      read: random() < 0.4,
    });
  }
  // Saved in an order unrelated to the corpus: shuffled, then dated newest first as the list stores them.
  const dates = papers.map((p) => p.savedAt);
  for (let i = papers.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [papers[i], papers[j]] = [papers[j]!, papers[i]!];
  }
  return papers.map((p, i) => ({ ...p, savedAt: dates[i]! }));
}
