import { defineConfig } from 'vitest/config';

// One `vitest run` covers every workspace; each package keeps its own
// vitest.config.ts (name, environment, timeouts) so `npm test -w <pkg>` works too.
export default defineConfig({
  test: {
    projects: ['db/domain', 'db', 'api', 'worker', 'browser-extension', 'site'],
  },
});
