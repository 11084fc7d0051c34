import { Charset, Encoder, Index } from 'flexsearch';
import { alignStrings } from '../match/align';
import { wordTokens } from '../text/normalize';

/** A paper as the search index knows it. */
export interface SearchRecord {
  title: string;
  abstract: string;
}

/** One search hit: the corpus index of the paper and where the query matched. */
export interface SearchHit {
  index: number;
  field: 'title' | 'abstract';
}

/** As-you-type full-text search over titles and abstracts. */
export interface CorpusSearch {
  search(query: string, limit: number): SearchHit[];
}

const MAX_QUERY_WORDS = 12;

/** The text FlexSearch indexes: our normalizer's tokens, so 'Pre-Training' and 'pretraining' agree. */
function prepare(text: string): string {
  return wordTokens(text).join(' ');
}

/**
 * Builds the search over the corpus: FlexSearch forward (prefix) indexes on titles and abstracts,
 * phonetic folding for near-spellings, and a spelling fallback that maps an unknown word to the
 * nearest corpus word. Title hits rank above abstract hits; full matches above partial ones.
 */
export function createCorpusSearch(records: SearchRecord[]): CorpusSearch {
  const options = { tokenize: 'forward' as const, encoder: new Encoder(Charset.LatinBalance), resolution: 9 };
  const titles = new Index(options);
  const abstracts = new Index(options);
  const vocabulary = new Set<string>();
  records.forEach((record, index) => {
    titles.add(index, prepare(record.title));
    abstracts.add(index, prepare(record.abstract));
    for (const word of wordTokens(`${record.title} ${record.abstract}`)) vocabulary.add(word);
  });
  const words = [...vocabulary].sort();

  /** The nearest corpus word to an unknown one, or the word itself when it is known or a prefix. */
  function correct(word: string): string {
    if (word.length < 4 || vocabulary.has(word)) return word;
    const budget = word.length < 8 ? 1 : 2;
    let best = word;
    let bestDistance = budget + 1;
    for (const candidate of words) {
      if (candidate.startsWith(word)) return word;
      if (Math.abs(candidate.length - word.length) > budget) continue;
      const alignment = alignStrings(word, candidate, budget, false);
      if (alignment && alignment.distance < bestDistance) {
        best = candidate;
        bestDistance = alignment.distance;
      }
    }
    return best;
  }

  function search(query: string, limit: number): SearchHit[] {
    const tokens = wordTokens(query).slice(0, MAX_QUERY_WORDS);
    if (tokens.length === 0 || limit <= 0) return [];
    const strict = tokens.join(' ');
    const corrected = tokens.map(correct).join(' ');
    const hits: SearchHit[] = [];
    const seen = new Set<number>();
    const take = (ids: unknown[], field: SearchHit['field']) => {
      for (const id of ids) {
        if (typeof id !== 'number' || seen.has(id) || hits.length >= limit) continue;
        seen.add(id);
        hits.push({ index: id, field });
      }
    };
    for (const text of strict === corrected ? [strict] : [strict, corrected]) {
      take(titles.search(text, { limit }), 'title');
      take(abstracts.search(text, { limit }), 'abstract');
    }
    take(titles.search(corrected, { limit, suggest: true }), 'title');
    take(abstracts.search(corrected, { limit, suggest: true }), 'abstract');
    return hits;
  }

  return { search };
}
