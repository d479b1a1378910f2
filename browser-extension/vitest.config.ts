import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'browser-extension',
    environment: 'node',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    // t() in English where chrome.i18n is missing.
    setupFiles: ['test/i18n-setup.ts'],
    // e2e tests build the extension and drive real Chromium: slow on 2 shared cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
