import { computeLatentSpace, FAST_SOLVER } from './lsa';
import type { SparseVector } from './model';

/**
 * Dense sentence embeddings of the corpus papers, computed at build time (scripts/lib/paper-embeddings.ts)
 * and shipped in the model reduced and quantised to one signed byte per dimension. The ranker only
 * takes cosines of them, so each row's scale is dropped: rows are centred on the corpus mean (what
 * every paper shares says nothing about which are related), scaled to ±127 and normalised again when
 * decoded.
 */
export interface PaperEmbeddings {
  /** Which encoder made them, so a model is never mixed with vectors of another. */
  source: string;
  dims: number;
  /** Base64 of papers × dims signed bytes, paper-major. */
  data: string;
}

/** Scales a vector to ±127 by its largest entry and rounds it to signed bytes. */
export function quantise(vector: ArrayLike<number>): Int8Array {
  let largest = 0;
  for (let i = 0; i < vector.length; i++) largest = Math.max(largest, Math.abs(vector[i]!));
  const out = new Int8Array(vector.length);
  if (largest === 0) return out;
  for (let i = 0; i < vector.length; i++) out[i] = Math.round((vector[i]! / largest) * 127);
  return out;
}

/** Base64 of bytes (btoa and atob exist in Node, the worker and pages alike). */
export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export function fromBase64(base64: string): Uint8Array {
  const text = atob(base64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/** Dimensions kept in the model: the corpus's own principal axes of the embeddings. */
export const EMBEDDING_DIMS = 64;

/**
 * Centres the papers' vectors on their mean, keeps their top principal components (the LSA solver
 * run on the dense rows: only cosines between corpus papers are ever taken, so the corpus's own
 * axes lose almost nothing) and quantises them into the model's form.
 */
export function encodePaperEmbeddings(
  vectors: ArrayLike<number>[],
  source: string,
  dims = EMBEDDING_DIMS,
): PaperEmbeddings {
  const width = vectors[0]?.length ?? 0;
  const mean = new Float64Array(width);
  vectors.forEach((vector, d) => {
    if (vector.length !== width) throw new Error(`embedding ${d} has ${vector.length} dimensions, not ${width}`);
    for (let c = 0; c < width; c++) mean[c]! += vector[c]! / vectors.length;
  });
  const ids = Array.from({ length: width }, (_, c) => c);
  const rows: SparseVector[] = vectors.map((vector) => ({ ids, weights: ids.map((c) => vector[c]! - mean[c]!) }));
  const kept = Math.min(dims, width);
  // Nothing to drop: the centred vectors themselves.
  const space = kept < width ? computeLatentSpace(rows, width, kept, FAST_SOLVER) : undefined;
  const bytes = new Int8Array(vectors.length * kept);
  for (let d = 0; d < vectors.length; d++) {
    const projected = space
      ? Array.from({ length: kept }, (_, c) => space.u[d * kept + c]! * space.sigma[c]!)
      : rows[d]!.weights;
    bytes.set(quantise(projected), d * kept);
  }
  return { source, dims: kept, data: toBase64(new Uint8Array(bytes.buffer)) };
}

/** Unit rows, paper-major, from the model's form; fails when the count does not match the corpus. */
export function decodePaperEmbeddings(embeddings: PaperEmbeddings, papers: number): Float32Array {
  const bytes = new Int8Array(fromBase64(embeddings.data).buffer);
  const { dims } = embeddings;
  if (bytes.length !== papers * dims)
    throw new Error(`the model has ${bytes.length / dims} embeddings for ${papers} papers`);
  const out = new Float32Array(bytes.length);
  for (let d = 0; d < papers; d++) {
    let norm = 0;
    for (let c = d * dims; c < (d + 1) * dims; c++) norm += bytes[c]! * bytes[c]!;
    norm = Math.sqrt(norm) || 1;
    for (let c = d * dims; c < (d + 1) * dims; c++) out[c] = bytes[c]! / norm;
  }
  return out;
}
