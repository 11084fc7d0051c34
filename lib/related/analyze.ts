import { eng } from 'stopword';
import { stemmer } from 'stemmer';
import { wordSpans } from '../text/normalize';

// Words that carry no topic in ML abstracts, on top of the English stop list.
const DOMAIN_STOPWORDS = `
  paper propose proposed proposes present presents show shows shown demonstrate demonstrates result
  results approach approaches method methods novel using use used uses based however work works also
  new can may well via first two three one different various several many much across significant
  significantly achieve achieves achieved existing recent recently furthermore moreover thus
  therefore respectively including include includes e g i et al state art sota study studies
  investigate explore introduce introduces available github https http com www org huggingface
  io experiments experimental extensive comprehensive further while without within upon among whether
  often still yet even make makes making provide provides given able need needs large scale improve
  improves improved improving performance task tasks model models better best good original base strong
  simple effective effectively lead leads not problem problems challenge challenges conclude concludes aim aims
  find finds found way ways known number
`
  .trim()
  .split(/\s+/);
// 'code' is left in: it is a topic of this corpus (code language models), not only a link word.
const STOPWORDS = new Set([...eng, ...DOMAIN_STOPWORDS]);

/** One analysed token: its stem (the term) and the word as written. */
export interface AnalysedToken {
  term: string;
  surface: string;
}

/** The weighted terms of a text: unigram stems and bigrams of adjacent content words. */
export interface AnalysedText {
  counts: Map<string, number>;
  surfaces: Map<string, string>;
}

const stemCache = new Map<string, string>();

function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = stemmer(word);
    if (stemCache.size < 50_000) stemCache.set(word, stemmed);
  }
  return stemmed;
}

/** Content tokens of a text, stop words dropped; null marks a gap so bigrams never span one. */
export function contentTokens(text: string): (AnalysedToken | null)[] {
  const out: (AnalysedToken | null)[] = [];
  for (const surface of wordSpans(text)) {
    const word = surface.replace(/['-]/g, '');
    if (STOPWORDS.has(word) || word.length < 2 || /^\d+$/.test(word)) {
      if (out.length > 0 && out[out.length - 1] !== null) out.push(null);
      continue;
    }
    out.push({ term: stem(word.replace(/\+/g, '')), surface });
  }
  return out;
}

/**
 * Analyses a text into term counts: stemmed unigrams (so 'pre-trained', 'pretraining' and
 * 'Pre-Training' are one term) and bigrams of adjacent content words ('continu pretrain').
 * `weight` multiplies every count, which is how a title outweighs its abstract.
 */
export function analyseInto(target: AnalysedText, text: string, weight: number): void {
  const tokens = contentTokens(text);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token) continue;
    add(target, token.term, token.surface, weight);
    const next = tokens[i + 1];
    if (next && next.term !== token.term)
      add(target, `${token.term} ${next.term}`, `${token.surface} ${next.surface}`, weight);
  }
}

function add(target: AnalysedText, term: string, surface: string, weight: number): void {
  target.counts.set(term, (target.counts.get(term) ?? 0) + weight);
  if (!target.surfaces.has(term)) target.surfaces.set(term, surface);
}

/** Analyses a paper: its title counts `titleWeight` times as much as its abstract. */
export function analysePaper(title: string, abstract: string, titleWeight: number): AnalysedText {
  const target: AnalysedText = { counts: new Map(), surfaces: new Map() };
  analyseInto(target, title, titleWeight);
  analyseInto(target, abstract, 1);
  return target;
}
