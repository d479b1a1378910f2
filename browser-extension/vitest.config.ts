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
    // After every other project (vitest.config.ts at the root runs three files at a time): the
    // Chromium suites, two or three at once, beside the fault suite's bursts through its topology
    // starved one another on 2 cores — a clean run lost a nudge and a rate-limit notice while the
    // fault suite's kill -9 scenario took 32 s to recover (5 s alone).
    sequence: { groupOrder: 1 },
  },
});
