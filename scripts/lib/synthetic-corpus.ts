// Synthetic corpora for the scale benchmark: any number of papers made from the real ones, so the
// title index, the bundle and related work can be measured at 10,000 and 50,000 papers.
import { paperId } from '../../lib/corpus/paper-id';
import type { Paper } from '../../lib/corpus/types';
import { analysePaper } from '../../lib/related/analyze';
import { matchKey } from '../../lib/text/normalize';
import { seededRandom } from './seeded-random';

/** Words at which a title splits into a lead ('Memory-Efficient LLM Training') and a trail ('by Gradient ...'). */
const CONNECTORS = new Set([
  'for',
  'with',
  'via',
  'in',
  'of',
  'on',
  'by',
  'from',
  'to',
  'without',
  'using',
  'through',
  'towards',
  'as',
]);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const VERSIONS = ['', '', '', '', '-2', '-3', '++', '-X', '-7B', '-Lite', '-Pro', '-R1', '-V'];
/** How many topic neighbours of a real paper may lend it sentences and title fragments. */
const TOPIC_NEIGHBOURS = 8;

/** The parts of a real title: a short name before a colon, and the rest split at a connector word. */
interface TitleParts {
  name: string | null;
  lead: string;
  trail: string;
}

function splitTitle(title: string): TitleParts {
  const colon = title.indexOf(': ');
  const head = colon > 0 ? title.slice(0, colon) : '';
  const named = colon > 0 && head.split(' ').length <= 3;
  const body = named ? title.slice(colon + 2) : title;
  const words = body.split(' ');
  // The first connector after at least two words: 'Memory-Efficient LLM Training | by Gradient Low-Rank Projection'.
  const at = words.findIndex((word, i) => i >= 2 && CONNECTORS.has(word.toLowerCase()));
  return {
    name: named ? head : null,
    lead: at > 0 ? words.slice(0, at).join(' ') : body,
    trail: at > 0 ? words.slice(at).join(' ') : '',
  };
}

function sentencesOf(abstract: string): string[] {
  return abstract.split(/(?<=[.!?])\s+(?=[A-Z(])/).filter((s) => s.length > 0);
}

/** Each real paper's nearest real papers by TF-IDF cosine: the 'related topics' a synthetic paper mixes. */
function topicNeighbours(real: Paper[]): number[][] {
  const analysed = real.map((p) => analysePaper(p.title, p.abstract, 2).counts);
  const termIds = new Map<string, number>();
  const df: number[] = [];
  for (const counts of analysed) {
    for (const term of counts.keys()) {
      let id = termIds.get(term);
      if (id === undefined) termIds.set(term, (id = df.length));
      df[id] = (df[id] ?? 0) + 1;
    }
  }
  const vectors = analysed.map((counts) => {
    const ids: number[] = [];
    const weights: number[] = [];
    for (const [term, count] of counts) {
      const id = termIds.get(term)!;
      ids.push(id);
      weights.push((1 + Math.log(count)) * Math.log((real.length + 1) / df[id]!));
    }
    const norm = Math.sqrt(weights.reduce((sum, w) => sum + w * w, 0)) || 1;
    return { ids, weights: weights.map((w) => w / norm) };
  });
  const dense = new Float64Array(df.length);
  return vectors.map((v, i) => {
    v.ids.forEach((id, p) => (dense[id] = v.weights[p]!));
    const scored: [number, number][] = [];
    vectors.forEach((u, j) => {
      if (j === i) return;
      let dot = 0;
      for (let p = 0; p < u.ids.length; p++) dot += u.weights[p]! * dense[u.ids[p]!]!;
      scored.push([dot, j]);
    });
    v.ids.forEach((id) => (dense[id] = 0));
    scored.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    return scored.slice(0, TOPIC_NEIGHBOURS).map(([, j]) => j);
  });
}

/** A name made from two real ones: 'GaLore' and 'MAP-Neo' give 'GaNeo'. */
function blendNames(a: string, b: string, rand: () => number): string {
  const cut = (name: string, from: boolean) => {
    const at = 1 + Math.floor(rand() * Math.max(1, name.length - 1));
    return from ? name.slice(0, at) : name.slice(at);
  };
  const left = cut(a, true);
  const right = cut(b, false) || b;
  return `${left}${right}`.replace(/[^A-Za-z0-9+-]/g, '').replace(/^-+|-+$/g, '') || a;
}

/**
 * `n` synthetic papers made from the real ones, the same every run. Each starts from a real paper
 * and one or two of its nearest real papers (related topics): its abstract is sentences of those
 * two or three abstracts, its title recombines their title fragments (a name before a colon, a lead,
 * a trail after 'for', 'via', 'with' ...). Titles have unique matching keys and ids are unique; the
 * metadata is drawn from the real papers' (as often null as there). The first n papers of a larger
 * corpus are the corpus of n, so `syntheticCorpus(real, n + m).slice(n)` are papers not in it.
 */
export function syntheticCorpus(real: Paper[], n: number, seed = 20_251_123): Paper[] {
  if (real.length < 2) throw new Error('a synthetic corpus needs at least two real papers');
  const rand = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(rand() * values.length)]!;
  const parts = real.map((p) => splitTitle(p.title));
  const names = parts.map((p) => p.name).filter((name) => name !== null);
  const trails = parts.map((p) => p.trail).filter((trail) => trail.length > 0);
  const sentences = real.map((p) => sentencesOf(p.abstract));
  const neighbours = topicNeighbours(real);
  const share = (test: (p: Paper) => boolean) => real.filter(test).length / real.length;
  const known = {
    authorCount: share((p) => p.authorCount !== null),
    organisation: share((p) => p.organisation !== null),
    date: share((p) => p.date !== null),
    upvotes: share((p) => p.upvotes !== null),
  };
  const organisations = [...new Set(real.map((p) => p.organisation).filter((o) => o !== null))];
  const authorCounts = real.map((p) => p.authorCount).filter((c) => c !== null);
  const upvotes = real.map((p) => p.upvotes).filter((u) => u !== null);
  const realKeys = new Set(real.map((p) => matchKey(p.title)));
  const keys = new Set<string>();
  const ids = new Set<string>();

  function makeTitle(base: number, other: number, attempt: number): string {
    const lead = parts[rand() < 0.7 ? base : other]!.lead;
    const trail = rand() < 0.75 ? parts[rand() < 0.5 ? other : base]!.trail || pick(trails) : '';
    const body = trail ? `${lead} ${trail}` : lead;
    const named = rand() < 0.55 || attempt > 3;
    if (!named || names.length === 0) return body;
    let name = rand() < 0.3 ? pick(names) : blendNames(pick(names), pick(names), rand);
    name += attempt > 6 ? `-${Math.floor(rand() * 900) + 100}` : pick(VERSIONS);
    return `${name}: ${body}`;
  }

  function makeAbstract(topic: number[]): string {
    const [base, ...rest] = topic;
    const own = sentences[base!]!;
    const length = Math.max(3, own.length + Math.floor(rand() * 5) - 2);
    const out = [own[0]!];
    const used = new Set(out);
    for (let tries = 0; out.length < length && tries < length * 6; tries++) {
      // Half the sentences from the base paper, the rest from its neighbours, roughly in their order.
      const from = rand() < 0.5 ? base! : pick(rest);
      const pool = sentences[from]!;
      const position = Math.min(pool.length - 1, Math.floor((out.length / length) * pool.length + rand() * 2));
      const sentence = pool[Math.max(0, position)]!;
      if (used.has(sentence)) continue;
      used.add(sentence);
      out.push(sentence);
    }
    return out.join(' ');
  }

  function date(): string | null {
    if (rand() >= known.date) return null;
    const day = `${pick(MONTHS)} ${1 + Math.floor(rand() * 28)}`;
    return rand() < 0.8 ? `${day}, ${2019 + Math.floor(rand() * 7)}` : day;
  }

  const papers: Paper[] = [];
  while (papers.length < n) {
    const base = Math.floor(rand() * real.length);
    const near = neighbours[base]!;
    const topic = [base, pick(near)];
    if (rand() < 0.5) topic.push(pick(near));
    let title = '';
    let key = '';
    let id = '';
    for (let attempt = 0; ; attempt++) {
      title = makeTitle(base, topic[1]!, attempt);
      key = matchKey(title);
      if (key.length < 8 || keys.has(key) || realKeys.has(key)) continue;
      id = paperId(title);
      if (!ids.has(id)) break;
    }
    keys.add(key);
    ids.add(id);
    const source = real[base]!.sources;
    papers.push({
      id,
      title,
      abstract: makeAbstract(topic),
      authorCount: rand() < known.authorCount && authorCounts.length > 0 ? pick(authorCounts) : null,
      organisation: rand() < known.organisation && organisations.length > 0 ? pick(organisations) : null,
      date: date(),
      upvotes:
        rand() < known.upvotes && upvotes.length > 0 ? Math.max(1, Math.round(pick(upvotes) * (0.5 + rand()))) : null,
      sources: [pick(source)],
    });
  }
  return papers;
}
