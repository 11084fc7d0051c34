import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit and component tests; the fake browser comes from WxtVitest, preact() is added because
// WxtVitest does not apply wxt.config.ts's vite plugins.
export default defineConfig({
  plugins: [WxtVitest(), preact()],
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/components/**/*.test.tsx'],
    testTimeout: 30_000,
  },
});
