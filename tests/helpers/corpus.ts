import { parseCorpus } from '../../lib/corpus/build-corpus';
import type { Paper } from '../../lib/corpus/types';
import { createBundle } from '../../lib/corpus/bundle';
import { buildRelatedModel, type RelatedModel } from '../../lib/related/model';
import { createCorpusService, type CorpusService } from '../../lib/service/corpus-service';
import { readSeedFiles } from '../../scripts/lib/seed-files';

let papers: Paper[] | undefined;
let model: RelatedModel | undefined;

/** The real corpus parsed from seeds/, once per test file. */
export function realPapers(): Paper[] {
  return (papers ??= parseCorpus(readSeedFiles()).papers);
}

/** The related-work model over the real corpus, once per test file. */
export function realModel(): RelatedModel {
  return (model ??= buildRelatedModel(realPapers()));
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
