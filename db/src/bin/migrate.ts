/** `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded PGlite) and exits non-zero on failure. */
import { createDb } from '../create-db.ts';
import { migrateToLatest, MigrationError } from '../migrate.ts';

const handle = await createDb({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR || '.data' });
try {
  const results = await migrateToLatest(handle.db);
  for (const r of results) console.log(JSON.stringify({ msg: 'migration', name: r.migrationName, status: r.status }));
  console.log(JSON.stringify({ msg: 'migrations up to date', database: handle.kind, applied: results.length }));
} catch (err) {
  const results = err instanceof MigrationError ? err.results : undefined;
  for (const r of results ?? []) console.error(JSON.stringify({ msg: 'migration', name: r.migrationName, status: r.status }));
  console.error(JSON.stringify({ msg: 'migration failed', error: (err as Error).message }));
  process.exitCode = 1;
} finally {
  await handle.close();
}
