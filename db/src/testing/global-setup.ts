/**
 * Vitest's global setup (vitest.config.ts): makes the migrated PGlite template
 * (./pglite-template.ts), and the PostgreSQL one when TEST_DATABASE_URL is set, once, before any test file starts, so no test's own
 * timeout pays for initdb, and parallel workers do not each make one.
 */
import { dropStalePostgresTemplates, postgresTemplate, testEnv } from './index.ts';
import { pgliteTemplate } from './pglite-template.ts';

export default async function setup(): Promise<void> {
  const t0 = performance.now();
  const made = await pgliteTemplate();
  console.info(`[tamagitto tests] PGlite template ready (${(made.size / 1e6).toFixed(0)} MB) in ${Math.round(performance.now() - t0)} ms`);
  if (testEnv.databaseUrl) {
    await dropStalePostgresTemplates(testEnv.databaseUrl);
    console.info(`[tamagitto tests] PostgreSQL template ${await postgresTemplate(testEnv.databaseUrl)} ready`);
  }
}
