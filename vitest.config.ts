import { defineConfig } from 'vitest/config';

// One `vitest run` covers every workspace; each package keeps its own
// vitest.config.ts (name, environment, timeouts) so `npm test -w <pkg>` works too.
// The `workspaces` project is the repository-wide convention test (workspaces.test.ts).
export default defineConfig({
  test: {
    projects: ['db/domain', 'db', 'api', 'worker', 'browser-extension', 'site', { test: { name: 'workspaces', include: ['workspaces.test.ts'], environment: 'node' } }],
  },
});
