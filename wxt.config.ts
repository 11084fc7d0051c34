import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The extension pages (popup, background) load only their own scripts and styles, fetch only their own
// packaged files (the corpus), and embed, frame and submit nothing: no eval, no inline script, no
// request to any other host. `wxt dev` keeps WXT's own CSP, which lets the pages reach its dev server.
const EXTENSION_PAGES_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// The narrowest permissions that work: host access to the two sites Paper Lens reads (for its
// content script, and for the popup to read the URL and title of such a tab), storage for the
// reading list, contextMenus for "Look up in Paper Lens", and activeTab with scripting so the popup
// can read the page of any other site once, when the reader opens it there (neither warns at
// install). No tabs permission, no <all_urls>.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser, command }) => ({
    name: 'Paper Lens',
    permissions: ['storage', 'contextMenus', 'activeTab', 'scripting'],
    commands: {
      [browser === 'firefox' ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+P' },
        description: 'Open Paper Lens',
      },
    },
    host_permissions: ['https://arxiv.org/*', 'https://huggingface.co/*'],
    description:
      'Recognises ML papers on arXiv and Hugging Face, shows related work from a bundled corpus and keeps a local reading list. Fully offline.',
    ...(command === 'build'
      ? {
          content_security_policy:
            browser === 'firefox' ? EXTENSION_PAGES_CSP : { extension_pages: EXTENSION_PAGES_CSP },
        }
      : {}),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'paper-lens@example.org',
              // 140 (the ESR) and 142 on Android are the first to read data_collection_permissions.
              strict_min_version: '140.0',
              // Firefox's declaration that the extension collects and transmits no data at all.
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  // `wxt zip -b firefox` also writes the sources archive Mozilla's review asks for: everything needed to
  // rebuild the package with `npm ci && npm run build` (README), without build output or the tests.
  zip: {
    excludeSources: [
      'generated/**',
      'public/corpus/**',
      'tests/**',
      'bench/**',
      'coverage/**',
      '**/*.log',
      'vitest.*.ts',
    ],
  },
  vite: () => ({
    plugins: [preact()],
    // Vite's 500 kB chunk warning is about download time on the web; an extension's chunks load from
    // disk, and the lazily loaded import chunk (the BibTeX parser) is large by nature.
    build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
    // The import preview's worker (lib/reading-list/import-worker.ts) is a module worker, bundled
    // into the package like every other script (no blob: or remote code, so the pages' CSP holds).
    worker: { format: 'es' as const },
  }),
});
