import { defineConfig } from 'vitest/config';

// The Firefox end-to-end suite drives Debian's Firefox ESR with the built Firefox extension; one browser
// at a time, and apart from the Chromium suite so each gets its own closing line.
export default defineConfig({
  test: {
    include: ['tests/firefox/**/*.firefox.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
