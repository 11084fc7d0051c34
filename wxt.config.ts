import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// No permissions yet: the popup and the background need none to search the bundled corpus.
// Each later feature adds only what it needs (host access to arxiv.org and huggingface.co at most).
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: 'Paper Lens',
    description:
      'Recognises ML papers on arXiv and Hugging Face, shows related work from a bundled corpus and keeps a local reading list. Fully offline.',
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'paper-lens@example.org', strict_min_version: '115.0' } } }
      : {}),
  }),
  vite: () => ({
    plugins: [preact()],
    build: { target: 'es2022' },
  }),
});
