import { Migrator, type Kysely, type MigrationResult } from 'kysely';
import { migrations } from './migrations/index.ts';

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly results: MigrationResult[] | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

function migrator(db: Kysely<unknown>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/** Applies every pending migration; throws `MigrationError` (with the results) on failure. */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<MigrationResult[]> {
  const { error, results } = await migrator(db as Kysely<unknown>).migrateToLatest();
  if (error) throw new MigrationError(`migration failed: ${(error as Error).message ?? String(error)}`, results, { cause: error });
  return results ?? [];
}

/** Reverts every migration (tests prove each one is reversible). */
export async function migrateDownAll<DB>(db: Kysely<DB>): Promise<void> {
  const m = migrator(db as Kysely<unknown>);
  for (;;) {
    const { error, results } = await m.migrateDown();
    if (error) throw new MigrationError(`migration down failed: ${String(error)}`, results, { cause: error });
    if (!results || results.length === 0) return;
  }
}
