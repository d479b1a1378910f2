/**
 * Database faults (issue 14): a Postgres restart or a terminated backend must
 * not crash the process. Every error it causes is recognised as "database
 * unavailable" (the api answers 503 db_unavailable, a worker job is retried),
 * and the pool reconnects by itself. On real Postgres the backends of the test
 * database are terminated, which is what a fast shutdown does to every open
 * connection (57P01, then the socket ends: "Connection terminated
 * unexpectedly"); a refused connection needs no server at all.
 */
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../src/create-db.ts';
import { createLogger } from '../src/logger.ts';
import { isDbUnavailable } from '../src/pg-errors.ts';
import { dbTargets, freePort, terminateBackends, type TestDb } from '../src/testing/index.ts';

function capture() {
  const lines: string[] = [];
  const log = createLogger({
    level: 'debug',
    name: 'test',
    destination: new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    }),
  });
  return { log, lines };
}

async function until<T>(fn: () => Promise<T | undefined>, ms = 5_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`no success within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const error = (message: string, props: Record<string, unknown> = {}) => Object.assign(new Error(message), props);

describe('isDbUnavailable', () => {
  const refusedTwice = Object.assign(new AggregateError([error('connect ECONNREFUSED ::1:5432', { code: 'ECONNREFUSED' }), error('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' })], ''), { code: 'ECONNREFUSED' });
  it.each([
    ['a refused connection', error('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED', errno: -111, syscall: 'connect' })],
    ['a refused connection to every address of localhost (AggregateError)', refusedTwice],
    ['a reset connection', error('read ECONNRESET', { code: 'ECONNRESET' })],
    ['the socket ending mid-query', error('Connection terminated unexpectedly')],
    ["pg-pool's connect timeout", error('Connection terminated due to connection timeout', { cause: error('Connection terminated unexpectedly') })],
    ['waiting too long for a pooled client', error('timeout exceeded when trying to connect')],
    ['a client broken by an earlier connection error', error('Client has encountered a connection error and is not queryable')],
    ['57P01 admin_shutdown (fast shutdown, pg_terminate_backend)', error('terminating connection due to administrator command', { code: '57P01', severity: 'FATAL' })],
    ['57P02 crash_shutdown', error('terminating connection because of crash of another server process', { code: '57P02' })],
    ['57P03 cannot_connect_now', error('the database system is starting up', { code: '57P03' })],
    ['08006 connection_failure', error('connection failure', { code: '08006' })],
    ['08001 sqlclient_unable_to_establish_sqlconnection', error('could not connect', { code: '08001' })],
    ['a pool used after close (a request racing shutdown)', error('Cannot use a pool after calling end on the pool')],
    ['PGlite used after close', error('PGlite is closed')],
    ['kysely used after destroy()', error('driver has already been destroyed')],
    ['a wrapped cause', new Error('loading the pet failed', { cause: error('x', { code: '57P01' }) })],
  ])('true for %s', (_what, err) => {
    expect(isDbUnavailable(err)).toBe(true);
  });

  it.each([
    ['a unique violation', error('duplicate key value violates unique constraint', { code: '23505' })],
    ['a syntax error', error('syntax error at or near "selec"', { code: '42601' })],
    ['a missing column', error('column "nope" does not exist', { code: '42703' })],
    ['a serialization failure', error('could not serialize access', { code: '40001' })],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error', 'Connection terminated unexpectedly'],
    ['nothing', undefined],
  ])('false for %s', (_what, err) => {
    expect(isDbUnavailable(err)).toBe(false);
  });
});

describe('database unreachable', () => {
  let h: DbHandle | undefined;
  afterEach(async () => {
    await h?.close().catch(() => {});
    h = undefined;
  });

  it('Postgres refusing connections: queries fail fast as db-unavailable, ping is false, nothing crashes', async () => {
    const { log } = capture();
    h = await createDb({ databaseUrl: `postgres://postgres@127.0.0.1:${await freePort()}/nothing`, poolSize: 2, log });
    const started = performance.now();
    const results = await Promise.allSettled([sql`select 1`.execute(h.db), h.db.transaction().execute((tx) => sql`select 1`.execute(tx))]);
    expect(performance.now() - started).toBeLessThan(5_000);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      expect(isDbUnavailable((r as PromiseRejectedResult).reason), String((r as PromiseRejectedResult).reason)).toBe(true);
    }
    expect(await h.ping()).toBe(false);
  });

  it('PGlite after close: a query fails as db-unavailable (a request racing shutdown), ping is false', async () => {
    const db = await dbTargets()[0]!.create();
    await db.close();
    const err = await sql`select 1`.execute(db.db).then(() => null, (e: unknown) => e);
    expect(err, 'the query should have failed').not.toBeNull();
    expect(isDbUnavailable(err), String(err)).toBe(true);
    expect(await db.ping()).toBe(false);
  });
});

const postgres = dbTargets()[1]!;
describe.skipIf(postgres.skip)('Postgres backends terminated (a restart, as the open connections see it)', () => {
  let test: TestDb | undefined;
  let h: DbHandle | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
    await test?.close();
    test = undefined;
  });


  it('mid-query, mid-transaction and idle: each error is db-unavailable, the process survives, the pool reconnects', async () => {
    test = await postgres.create();
    const { log, lines } = capture();
    h = await createDb({ databaseUrl: test.url!, poolSize: 6, log });
    // The operator saw the crash 4 times in 5: do it 5 times.
    for (let round = 0; round < 5; round++) {
      // Idle clients in the pool, one query running, one transaction between two statements.
      await Promise.all([1, 2, 3].map(() => sql`select 1`.execute(h!.db)));
      let inTx!: () => void;
      const entered = new Promise<void>((r) => (inTx = r));
      const query = sql`select pg_sleep(10)`.execute(h.db).then(() => null, (e: unknown) => e);
      const tx = h.db
        .transaction()
        .execute(async (trx) => {
          await sql`select 1`.execute(trx);
          inTx();
          await sql`select pg_sleep(10)`.execute(trx);
        })
        .then(() => null, (e: unknown) => e);
      await entered;
      await new Promise((r) => setTimeout(r, 100));
      expect(await terminateBackends(test.url!)).toBeGreaterThanOrEqual(2);

      for (const err of [await query, await tx]) {
        expect(err, 'the statement should have been cut off').not.toBeNull();
        // The error that killed the connection, not kysely's failed rollback ("not queryable").
        expect(isDbUnavailable(err), String(err)).toBe(true);
      }
      // The pool drops the dead clients and connects anew. pg_terminate_backend only signals:
      // a backend may still be exiting, so a query may meet it and fail too — as db-unavailable.
      const seen: unknown[] = [];
      const n = await until(async () => {
        try {
          return (await sql<{ n: number }>`select 41 + 1 as n`.execute(h!.db)).rows[0]?.n;
        } catch (err) {
          seen.push(err);
          return undefined;
        }
      });
      expect(n).toBe(42);
      expect(seen.filter((e) => !isDbUnavailable(e)).map(String)).toEqual([]);
      expect(await h.ping()).toBe(true);
    }
    expect(lines.join('')).toContain('database connection lost');
  }, 60_000);
});
