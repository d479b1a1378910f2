import { defineConfig } from 'vitest/config';

// One `vitest run` covers every workspace; each package keeps its own
// vitest.config.ts (name, environment, timeouts) so `npm test -w <pkg>` works too.
// The `workspaces` project is the repository-wide convention test (workspaces.test.ts).
export default defineConfig({
  test: {
    // Vitest's default is one worker per CPU minus one: a single file at a time on a 2-core CI
    // machine, although most suites spend their time waiting on child processes (the fault
    // suite's private PostgreSQL, Redis and Caddy, Chromium, the topology). Two at a time
    // took a clean clone's npm test from 14.6 to 10.6 min here (vitest 806 → 567 s, all 136 files green).
    maxWorkers: 2,
    // The migrated PGlite every in-memory test database starts from, made once up front (db/src/testing/pglite-template.ts).
    globalSetup: ['db/src/testing/global-setup.ts'],
    projects: ['db/domain', 'db', 'api', 'worker', 'browser-extension', 'site', { test: { name: 'workspaces', include: ['workspaces.test.ts'], environment: 'node' } }],
  },
});
