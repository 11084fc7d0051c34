import { describe, expect, it } from 'vitest';
import {
  decodePaperEmbeddings,
  encodePaperEmbeddings,
  fromBase64,
  quantise,
  toBase64,
} from '../../lib/related/embeddings';
import { buildRelatedModel, DEFAULT_RELATED_OPTIONS } from '../../lib/related/model';
import { createRelatedRanker, formatReason } from '../../lib/related/rank-related';

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(na * nb);
}

describe('quantise', () => {
  it.each([
    [
      [0.5, -0.26, 0],
      [127, -66, 0],
    ],
    [
      [-2, 1, 0.01],
      [-127, 64, 1],
    ],
    [
      [0, 0],
      [0, 0],
    ],
  ])('scales %j to signed bytes %j', (vector, bytes) => {
    expect(Array.from(quantise(vector))).toEqual(bytes);
  });
});

describe('toBase64', () => {
  it('round-trips every byte value, past one chunk', () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256);
    const text = toBase64(bytes);
    expect(text.slice(0, 8)).toBe('AAcOFRwj');
    expect(Buffer.from(fromBase64(text)).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('encodePaperEmbeddings', () => {
  // Deterministic vectors with a large shared component, as sentence encoders give.
  let seed = 7;
  const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
  const vectors = Array.from({ length: 30 }, () => Array.from({ length: 12 }, (_, c) => (c === 0 ? 3 : 0) + next()));
  // Papers over a few topics in many dimensions (more than papers, as 512 are for 465 papers).
  const factors = Array.from({ length: 4 }, () => Array.from({ length: 60 }, () => next()));
  const topical = Array.from({ length: 30 }, () => {
    const loadings = factors.map(() => next());
    return Array.from(
      { length: 60 },
      (_, c) => 2 + factors.reduce((sum, f, i) => sum + loadings[i]! * f[c]!, 0) + next() * 0.01,
    );
  });
  const mean = Array.from({ length: 12 }, (_, c) => vectors.reduce((sum, v) => sum + v[c]!, 0) / vectors.length);
  const centred = vectors.map((v) => v.map((x, c) => x - mean[c]!));

  it('keeps the cosines of the centred vectors when no dimension is dropped', () => {
    const encoded = encodePaperEmbeddings(vectors, 'test encoder', 12);
    expect(encoded.dims).toBe(12);
    expect(encoded.source).toBe('test encoder');
    const rows = decodePaperEmbeddings(encoded, 30);
    for (const [a, b] of [
      [0, 1],
      [3, 17],
      [29, 5],
    ] as const) {
      const decoded = cosine(rows.subarray(a * 12, a * 12 + 12), rows.subarray(b * 12, b * 12 + 12));
      expect(Math.abs(decoded - cosine(centred[a]!, centred[b]!))).toBeLessThan(0.02);
    }
  });

  it('keeps the principal dimensions asked for, as unit rows with nearly the same cosines', () => {
    const encoded = encodePaperEmbeddings(topical, 'test encoder', 4);
    const rows = decodePaperEmbeddings(encoded, 30);
    expect(rows).toHaveLength(30 * 4);
    expect(Math.hypot(...rows.subarray(8, 12))).toBeCloseTo(1, 5);
    const topicalMean = Array.from({ length: 60 }, (_, c) => topical.reduce((sum, v) => sum + v[c]!, 0) / 30);
    const topicalCentred = topical.map((v) => v.map((x, c) => x - topicalMean[c]!));
    for (const [a, b] of [
      [0, 1],
      [3, 17],
      [29, 5],
    ] as const) {
      const decoded = cosine(rows.subarray(a * 4, a * 4 + 4), rows.subarray(b * 4, b * 4 + 4));
      expect(Math.abs(decoded - cosine(topicalCentred[a]!, topicalCentred[b]!))).toBeLessThan(0.03);
    }
  });

  it('refuses vectors of different lengths and a model whose count does not match the corpus', () => {
    expect(() =>
      encodePaperEmbeddings(
        [
          [1, 2],
          [1, 2, 3],
        ],
        'x',
      ),
    ).toThrow('embedding 1 has 3 dimensions, not 2');
    expect(() => decodePaperEmbeddings(encodePaperEmbeddings(vectors, 'x', 4), 29)).toThrow(
      'the model has 30 embeddings for 29 papers',
    );
  });
});

describe('createRelatedRanker with embeddings', () => {
  // Six papers: 'a' and 'b' share no word with each other but have the same meaning (embedding);
  // 'a' shares words with 'c' only. The filler papers give the terms document frequencies.
  const papers = [
    { title: 'Sparse mixture of experts routing', abstract: 'Token routing balances expert load in sparse layers.' },
    { title: 'Conditional computation with gated subnetworks', abstract: 'Gates pick subnetworks per input.' },
    { title: 'Sparse attention patterns', abstract: 'Sparse layers attend to few tokens with routing heads.' },
    { title: 'Protein folding', abstract: 'Structures of proteins predicted from sequences.' },
    { title: 'Speech recognition', abstract: 'Acoustic models transcribe audio sequences.' },
    { title: 'Image segmentation', abstract: 'Pixels labelled by gated convolution layers.' },
  ];
  const meaning = [
    [1, 0, 0, 0],
    [1, 0.05, 0, 0],
    [0, 1, 0, 0],
    [0, 0, 1, 0],
    [0, 0, 0, 1],
    [0, 0, 1, 1],
  ];
  const options = { ...DEFAULT_RELATED_OPTIONS, minDf: 1, feedbackDocs: 0, lsaDims: 2 };
  const words = createRelatedRanker(buildRelatedModel(papers, options));
  const model = buildRelatedModel(
    papers,
    { ...options, embeddingWeight: 2 },
    undefined,
    encodePaperEmbeddings(meaning, 'x', 4),
  );
  const both = createRelatedRanker(model);

  it('ranks a paper close in meaning first, and says truthfully that it shares no key term', () => {
    expect(words.rankPaper(0, 1)[0]!.index).toBe(2);
    const [first, second] = both.rankPaper(0, 2);
    expect(first!.index).toBe(1);
    expect(first!.terms).toEqual([]);
    expect(formatReason(first!.terms)).toBe('Nearest in topic; no key terms in common');
    expect(second!.index).toBe(2);
    expect(second!.terms).toContain('routing');
  });

  it('ranks a text outside the corpus by its words alone', () => {
    const text = both.rankText('Sparse expert routing', 'Tokens routed to experts.', 3);
    const plain = words.rankText('Sparse expert routing', 'Tokens routed to experts.', 3);
    expect(text.map((h) => h.index)).toEqual(plain.map((h) => h.index));
  });

  it('ranks over candidates with the same scores as over the whole corpus', () => {
    // Paper 4 shares nothing with paper 0 and is no candidate; the top two are.
    expect(both.rankPaperAmongCandidates(0, 2)).toEqual(both.rankPaper(0, 2));
  });
});
