import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// One `vitest run` covers every workspace; each package keeps its own
// vitest.config.ts (name, environment, timeouts) so `npm test -w <pkg>` works too.
// The `workspaces` project is the repository-wide convention test (workspaces.test.ts).
export default defineConfig({
  test: {
    // Vitest's default is one worker per CPU minus one: a single file at a time on a 2-core CI
    // machine, although most suites spend their time waiting on child processes (the fault
    // suite's private PostgreSQL, Redis and Caddy, Chromium, the topology). Two at a time
    // took a clean clone's npm test from 14.6 to 10.6 min here. Three at a time, with the
    // typecheck as one program (scripts/typecheck.mjs): 5.9 min, all green, the CPU still 23 %
    // idle on average (two at a time had been 10.7 min before that typecheck change; the three
    // runs were on an idle machine). At least three, one per CPU on bigger machines.
    maxWorkers: Math.max(3, availableParallelism()),
    // The migrated PGlite every in-memory test database starts from, made once up front (db/src/testing/pglite-template.ts).
    globalSetup: ['db/src/testing/global-setup.ts'],
    projects: ['db/domain', 'db', 'api', 'worker', 'browser-extension', 'site', { test: { name: 'workspaces', include: ['workspaces.test.ts'], environment: 'node' } }],
  },
});
