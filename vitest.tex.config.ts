import { defineConfig } from 'vitest/config';

// The BibTeX export compiled by real TeX (pdfLaTeX with BibTeX and with biblatex + biber);
// scripts/ensure-tex.mjs installs the Debian packages first when they are missing.
export default defineConfig({
  test: {
    include: ['tests/tex/**/*.tex.test.ts'],
    globalSetup: ['tests/tex/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
