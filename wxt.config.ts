import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The narrowest permissions that work: host access to the two sites Paper Lens reads (for its
// content script, and for the popup to read the URL and title of such a tab), storage for the
// reading list, and contextMenus for "Look up in Paper Lens". No tabs permission, no <all_urls>.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: 'Paper Lens',
    permissions: ['storage', 'contextMenus'],
    commands: {
      [browser === 'firefox' ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+P' },
        description: 'Open Paper Lens',
      },
    },
    host_permissions: ['https://arxiv.org/*', 'https://huggingface.co/*'],
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
