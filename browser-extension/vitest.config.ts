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
    // expect.poll waits 1 s by default: a click's effect in Chromium took longer than that on a
    // loaded CI machine (the picker list still open after Escape). A poll that passes returns as
    // soon as it does, so only a failing one waits the whole 10 s.
    expect: { poll: { timeout: 10_000 } },
  },
});
