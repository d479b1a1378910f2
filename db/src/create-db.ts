/**
 * The data layer's one entry point: `DATABASE_URL` → a pg Pool; otherwise an
 * embedded PGlite persisted under `DATA_DIR`, so `npm start` needs no setup
 * (the root README, "Configuration").
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, PostgresDialect, PostgresDriver, type DatabaseConnection, type Driver, type PostgresDialectConfig } from 'kysely';
import pg from 'pg';
import type { Logger } from './logger.ts';
import { isDbUnavailable } from './pg-errors.ts';
import type { Database } from './schema.ts';
import { PGliteDialect } from './pglite-dialect.ts';

export interface DbOptions {
  /** postgres://… ; absent → embedded PGlite. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files; `memory://` for a throwaway database. */
  dataDir?: string;
  /**
   * PGlite only, with `memory://`: start from this data directory (a tarball from PGlite's
   * `dumpDataDir`) instead of running initdb — the tests' migrated template (./testing).
   */
  loadDataDir?: Blob;
  /** pg pool size (default 10). */
  poolSize?: number;
  /** Where a lost connection is reported (a Postgres restart, a terminated backend); silent without. */
  log?: Logger;
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
    watchConnections(pool, opts.log);
    const db = new Kysely<Database>({ dialect: new ResilientPostgresDialect({ pool }) });
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
    ...(opts.loadDataDir && !location ? { loadDataDir: opts.loadDataDir } : {}),
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

/**
 * A connection that dies (Postgres restarted, the backend terminated) makes its
 * pg Client emit 'error'. pg-pool listens only while a client is idle; a
 * checked-out one (a kysely transaction between two queries, a query in
 * flight) has no listener, so the event would be thrown and the process would
 * exit. Every client gets its own listener for its whole life: the queries on
 * it are rejected anyway (callers see the error, the api answers 503
 * db_unavailable, a worker job is retried), the pool drops the broken client
 * when it is released, and the next query opens a new connection.
 */
function watchConnections(pool: pg.Pool, log: Logger | undefined): void {
  pool.on('connect', (client) => {
    client.on('error', (err) => {
      log?.warn({ err: { message: err.message, code: (err as { code?: string }).code } }, 'database connection lost; the pool reconnects on the next query');
    });
  });
  // An idle client's error reaches the pool too; the client's own listener above has reported it.
  pool.on('error', () => {});
}

/**
 * kysely's PostgresDialect, except that a transaction whose connection died
 * fails with the error that killed it: kysely rolls back on the same client,
 * and that rollback would throw "not queryable" instead, hiding the cause. The
 * server has already aborted the transaction with the connection.
 */
class ResilientPostgresDialect extends PostgresDialect {
  readonly #config: PostgresDialectConfig;
  constructor(config: PostgresDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ResilientPostgresDriver(this.#config);
  }
}

class ResilientPostgresDriver extends PostgresDriver {
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.rollbackTransaction(connection);
    } catch (err) {
      if (!isDbUnavailable(err)) throw err;
    }
  }
}

async function ping(db: Kysely<Database>): Promise<boolean> {
  try {
    await db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
    return true;
  } catch {
    return false;
  }
}
