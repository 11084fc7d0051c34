import { parseCorpus } from '../../lib/corpus/build-corpus';
import type { Paper } from '../../lib/corpus/types';
import { createBundle } from '../../lib/corpus/bundle';
import { EXACT_LIMIT } from '../../lib/related/doc-index';
import { encodePaperEmbeddings, type PaperEmbeddings } from '../../lib/related/embeddings';
import { buildRelatedModel, DEFAULT_RELATED_OPTIONS, type RelatedModel } from '../../lib/related/model';
import { createCorpusService, type CorpusService } from '../../lib/corpus/service';
import { readCachedEmbeddings } from '../../scripts/lib/paper-embeddings';
import { readSeedFiles } from '../../scripts/lib/seed-files';

let papers: Paper[] | undefined;
let model: RelatedModel | undefined;
let embeddings: PaperEmbeddings | undefined;

/** The real corpus parsed from seeds/, once per test file. */
export function realPapers(): Paper[] {
  return (papers ??= parseCorpus(readSeedFiles()).papers);
}

/** The real corpus's sentence embeddings as the build encodes them, from the committed cache. */
export function realEmbeddings(): PaperEmbeddings {
  if (embeddings) return embeddings;
  const cached = readCachedEmbeddings(realPapers());
  if (!cached) throw new Error('data/paper-embeddings.json lacks a corpus paper; run npm run corpus:build');
  return (embeddings = encodePaperEmbeddings(cached.vectors, cached.source));
}

/** The related-work model over the real corpus, as the build makes it, once per test file. */
export function realModel(): RelatedModel {
  return (model ??= buildRelatedModel(realPapers(), DEFAULT_RELATED_OPTIONS, EXACT_LIMIT, realEmbeddings()));
}

/** A corpus service over the real corpus, built exactly as the build step builds the bundle. */
export function realService(): CorpusService {
  const bundle = createBundle(realPapers(), realModel());
  return createCorpusService(bundle, async () => realModel());
}

/** The corpus paper with this exact title; fails the test when there is none. */
export function paperTitled(title: string): Paper {
  const paper = realPapers().find((p) => p.title === title);
  if (!paper) throw new Error(`no corpus paper titled ${title}`);
  return paper;
}
