import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'site',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The browser test builds the site and drives real Chromium on 2 shared cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
