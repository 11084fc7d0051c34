import { useEffect, useState } from 'preact/hooks';
import type { CorpusClient } from '../lib/messaging/client';
import type { CorpusStats } from '../lib/corpus/service';

/** Corpus size, its newest paper's date, and the privacy promise. */
export function AboutView({ client }: { client: CorpusClient }) {
  const [stats, setStats] = useState<CorpusStats | null>(null);
  useEffect(() => {
    client.call('stats').then(setStats, () => setStats(null));
  }, [client]);
  return (
    <section class="pl-about" aria-label="About Paper Lens">
      <p>
        <strong>{stats ? stats.papers : '…'}</strong> papers in the bundled corpus
        {stats?.newestDate ? (
          <>
            , the newest dated <strong>{stats.newestDate}</strong>
          </>
        ) : null}
        .
      </p>
      <p>
        Nothing leaves your browser. Paper Lens makes no network requests, has no account and no server; the corpus, the
        matching, the related work and your reading list all live in the extension and in your browser's own storage.
      </p>
      <p class="pl-hint">
        It reads arXiv and Hugging Face pages only, to show its badges on them; anywhere else it sees only the text you
        choose to look up.
      </p>
    </section>
  );
}
