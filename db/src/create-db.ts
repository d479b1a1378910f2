/**
 * The data layer's one entry point: `DATABASE_URL` → a pg Pool; otherwise an
 * embedded PGlite persisted under `DATA_DIR`, so `npm start` needs no setup
 * (the root README, "Configuration").
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { PGliteDialect } from './pglite-dialect.ts';

export interface DbOptions {
  /** postgres://… ; absent → embedded PGlite. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files; `memory://` for a throwaway database. */
  dataDir?: string;
  /** pg pool size (default 10). */
  poolSize?: number;
}

export interface DbHandle {
  db: Kysely<Database>;
  kind: 'postgres' | 'pglite';
  /**
   * Postgres only: the pool behind `db`, for the few hot statements kysely cannot
   * run as named prepared statements (the webhook's batch insert, deliveries.ts).
   */
  pgPool?: pg.Pool;
  /** A cheap round trip, for readiness checks. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

const OID = { int8: 20, date: 1082 } as const;

/** bigint → number (GitHub ids fit in a double); date stays 'YYYY-MM-DD' text. */
function pgTypes(): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if (oid === OID.int8) return (v: string) => Number(v);
      if (oid === OID.date) return (v: string) => v;
      return pg.types.getTypeParser(oid, format);
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
}

/**
 * @example
 * const { db, close } = await createDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
 */
export async function createDb(opts: DbOptions): Promise<DbHandle> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      types: pgTypes(),
    });
    // An idle client's error (e.g. the server restarted) must not crash the process.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      pgPool: pool,
      ping: () => ping(db),
      close: () => db.destroy(),
    };
  }

  const { PGlite } = await import('@electric-sql/pglite');
  const dataDir = opts.dataDir ?? '.data';
  let location: string | undefined;
  if (dataDir !== 'memory://') {
    location = join(dataDir, 'pglite');
    mkdirSync(location, { recursive: true });
  }
  const pglite = await PGlite.create(location, {
    parsers: {
      [OID.int8]: (v: string) => Number(v),
      [OID.date]: (v: string) => v,
    },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    ping: () => ping(db),
    close: () => db.destroy(),
  };
}

async function ping(db: Kysely<Database>): Promise<boolean> {
  try {
    await db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
    return true;
  } catch {
    return false;
  }
}
