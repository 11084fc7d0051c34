import { defineConfig } from 'vitest/config';

// End-to-end tests drive Debian's Chromium with the built extension; one browser at a time.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
