import bundle from '../../generated/corpus-bundle.js';
import loadModel from '../../generated/related-model.js';
import { createCorpusService, type CorpusService } from '../service/corpus-service';

let service: CorpusService | undefined;

/** The background's corpus service over the bundled corpus; the related model is parsed on first need. */
export function getCorpusService(): CorpusService {
  return (service ??= createCorpusService(bundle, async () => loadModel()));
}
