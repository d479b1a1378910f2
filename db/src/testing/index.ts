/**
 * Test targets: every db suite runs on PGlite, and also on the real Postgres
 * when TEST_DATABASE_URL is set (each run in a fresh database it drops after).
 * Bus suites run in-process, and on Redis when TEST_REDIS_URL is set (under a
 * fresh key prefix it deletes after). What is skipped is printed once.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type DbHandle } from '../create-db.ts';
import { migrateToLatest } from '../migrate.ts';
import { MemoryBus } from '../bus/memory-bus.ts';
import { RedisBus } from '../bus/redis-bus.ts';
import type { Bus } from '../bus/types.ts';
import { testEnv } from './env.ts';
import { pgliteTemplate, templateKey } from './pglite-template.ts';

export { testEnv };
export { freePort } from './free-port.ts';
export { seedPgliteDataDir } from './pglite-template.ts';

export interface DbTarget {
  name: 'pglite' | 'postgres';
  /** Why this target is skipped, or null when it runs. */
  skip: string | null;
  /** A fresh, migrated database; `close()` also drops it. */
  create(): Promise<TestDb>;
}

export interface TestDb extends DbHandle {
  /** The URL of the fresh database (postgres target only), for child processes. */
  url?: string;
}

const reported = new Set<string>();
function report(what: string, why: string): void {
  if (reported.has(what)) return;
  reported.add(what);
  console.warn(`[tamagitto tests] skipping ${what} suites: ${why}`);
}

export function dbTargets(): DbTarget[] {
  const pgSkip = testEnv.databaseUrl ? null : 'TEST_DATABASE_URL is not set (set it to run them on a real PostgreSQL)';
  if (pgSkip) report('PostgreSQL', pgSkip);
  return [
    {
      name: 'pglite',
      skip: null,
      async create() {
        const h = await createDb({ dataDir: 'memory://', loadDataDir: await pgliteTemplate() });
        await migrateToLatest(h.db);
        return h;
      },
    },
    { name: 'postgres', skip: pgSkip, create: () => createPostgresTestDb(testEnv.databaseUrl!) },
  ];
}

/** Creates `tamagitto_test_<random>` on the server behind `adminUrl`, migrated. */
export async function createPostgresTestDb(adminUrl: string): Promise<TestDb> {
  const name = `tamagitto_test_${randomBytes(6).toString('hex')}`;
  const template = await postgresTemplate(adminUrl);
  await withAdmin(adminUrl, (admin) => admin.query(`create database ${name} template ${template}`));
  const url = databaseUrl(adminUrl, name);
  const h = await createDb({ databaseUrl: url, poolSize: 5 });
  await migrateToLatest(h.db);
  return {
    ...h,
    url,
    async close() {
      await h.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

function databaseUrl(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function withAdmin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

const TEMPLATE_PREFIX = 'tamagitto_tpl_';
const postgresTemplates = new Map<string, Promise<string>>();

/**
 * `tamagitto_tpl_<key>` on the server behind `adminUrl`: a migrated database each test database is copied
 * from (`create database … template`), so no test database replays the migrations. The key is the
 * migrations' (./pglite-template.ts); a template is made under a temporary name and renamed, so two
 * processes making it at once leave one.
 */
export function postgresTemplate(adminUrl: string): Promise<string> {
  let made = postgresTemplates.get(adminUrl);
  if (!made) {
    made = makePostgresTemplate(adminUrl).catch((err: unknown) => {
      postgresTemplates.delete(adminUrl);
      throw err;
    });
    postgresTemplates.set(adminUrl, made);
  }
  return made;
}

async function makePostgresTemplate(adminUrl: string): Promise<string> {
  const name = `${TEMPLATE_PREFIX}${await templateKey()}`;
  const exists = await withAdmin(adminUrl, async (c) => (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1);
  if (exists) return name;
  const tmp = `tamagitto_tplnew_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`create database ${tmp}`));
  const h = await createDb({ databaseUrl: databaseUrl(adminUrl, tmp), poolSize: 1 });
  try {
    await migrateToLatest(h.db);
  } finally {
    await h.close();
  }
  await withAdmin(adminUrl, async (c) => {
    try {
      await c.query(`alter database ${tmp} rename to ${name}`);
    } catch (err) {
      if ((err as { code?: string }).code !== '42P04') throw err;
      await c.query(`drop database if exists ${tmp} with (force)`);
    }
  });
  return name;
}

/** Drops templates of other migration keys (left by earlier checkouts); one in use is left for next time. */
export async function dropStalePostgresTemplates(adminUrl: string): Promise<void> {
  const keep = `${TEMPLATE_PREFIX}${await templateKey()}`;
  await withAdmin(adminUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>("select datname from pg_database where datname like 'tamagitto\\_tpl%'");
    for (const { datname } of rows) {
      if (datname === keep) continue;
      await c.query(`drop database if exists ${datname}`).catch(() => undefined);
    }
  });
}

export interface BusTarget {
  name: 'memory' | 'redis';
  skip: string | null;
  create(): Promise<{ bus: Bus; prefix?: string; url?: string; close(): Promise<void> }>;
}

export function busTargets(): BusTarget[] {
  const redisSkip = testEnv.redisUrl ? null : 'TEST_REDIS_URL is not set (set it to run them on a real Redis)';
  if (redisSkip) report('Redis', redisSkip);
  return [
    {
      name: 'memory',
      skip: null,
      async create() {
        const bus = new MemoryBus();
        return { bus, close: () => bus.close() };
      },
    },
    {
      name: 'redis',
      skip: redisSkip,
      async create() {
        const prefix = `tamagitto-test-${randomBytes(6).toString('hex')}:`;
        const bus = new RedisBus({ url: testEnv.redisUrl!, prefix });
        return {
          bus,
          prefix,
          url: testEnv.redisUrl!,
          async close() {
            await bus.purge();
            await bus.close();
          },
        };
      },
    },
  ];
}

/**
 * Terminates every other backend of the database at `url`, as a PostgreSQL
 * restart would (the shared test server itself cannot be restarted); returns how many.
 */
export async function terminateBackends(url: string): Promise<number> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const r = await admin.query<{ ok: boolean }>('select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    return r.rows.filter((x) => x.ok).length;
  } finally {
    await admin.end();
  }
}

/** Why a test that runs its own redis-server must be skipped here, or null when it can run. */
export const redisServerSkip: string | null =
  spawnSync('redis-server', ['--version']).status === 0 ? null : 'redis-server is not installed (apt-get install -y redis-server)';

/**
 * A throwaway redis-server on `port` (loopback, nothing kept on disk), for
 * tests where Redis is down first and comes up later. `stop()` waits for it to exit.
 */
export function startRedisServer(port: number): { stop(): Promise<void> } {
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  return {
    async stop() {
      if (server.exitCode !== null || server.signalCode !== null) return;
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    },
  };
}
