// Parses seeds/*.txt into the bundled corpus files (public/corpus/, shipped as extension files): the
// prebuilt title index, the papers with their precomputed related work, and the related-work model
// for papers that are not in the corpus. Fails on any unplaced line. The real corpus's related work
// also uses sentence embeddings, cached in data/ (scripts/lib/paper-embeddings.ts).
import { parseCorpus } from '../lib/corpus/build-corpus';
import type { Paper } from '../lib/corpus/types';
import { encodePaperEmbeddings, type PaperEmbeddings } from '../lib/related/embeddings';
import { CORPUS_OUT_DIR, GENERATED_DIR, writeCorpusFiles } from './lib/corpus-output';
import { loadPaperEmbeddings } from './lib/paper-embeddings';
import { readSeedFiles, SEEDS_DIR } from './lib/seed-files';

export {
  CORPUS_OUT_DIR,
  GENERATED_DIR,
  readTitleIndexModule,
  TITLE_INDEX_MODULE,
  writeCorpusFiles,
} from './lib/corpus-output';

/** The model's embeddings of these papers, from the cache (embedding only papers missing from it). */
export async function corpusEmbeddings(
  papers: Paper[],
  options?: Parameters<typeof loadPaperEmbeddings>[1],
): Promise<PaperEmbeddings> {
  const { vectors, source, embedded } = await loadPaperEmbeddings(papers, options);
  if (embedded > 0) console.error(`corpus: embedded ${embedded} new or changed paper(s) for related work`);
  return encodePaperEmbeddings(vectors, source);
}

/** Builds the corpus from a seed directory; returns the paper count. */
export async function buildCorpusFiles(
  seedsDir = SEEDS_DIR,
  outDir = CORPUS_OUT_DIR,
  generatedDir = GENERATED_DIR,
  embeddingOptions?: Parameters<typeof loadPaperEmbeddings>[1],
): Promise<number> {
  const { papers, errors } = parseCorpus(readSeedFiles(seedsDir));
  if (errors.length > 0) {
    for (const error of errors) console.error(error.message);
    throw new Error(`${errors.length} seed line(s) could not be placed; fix the seed files or the parser`);
  }
  writeCorpusFiles(papers, outDir, generatedDir, await corpusEmbeddings(papers, embeddingOptions));
  return papers.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const started = performance.now();
    const count = await buildCorpusFiles();
    console.error(
      `corpus: ${count} papers written to public/corpus/ and generated/ in ${Math.round(performance.now() - started)} ms`,
    );
  } catch (error) {
    console.error(`corpus build failed: ${(error as Error).message}`);
    process.exit(1);
  }
}
