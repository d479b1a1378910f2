/**
 * Two api instances scaled out as in production: one PostgreSQL database reached through two
 * pools, and two Redis connections under one key prefix — what a change on one instance must
 * reach the other through (the session cache, test/session-cache.test.ts; the pet cache,
 * test/pet-read-cache.test.ts). Each instance's session-revocation subscriptions are confirmed
 * before it is handed out. Needs TEST_DATABASE_URL and TEST_REDIS_URL: `twoInstancesSkip`.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { createDb, createLogger, RedisBus, type DbHandle, type Logger } from '@tamagitto/db';
import { dbTargets, testEnv, type DbTarget, type TestDb } from '@tamagitto/db/testing';
import { readEnv, type ApiEnv, type Secrets } from '../../src/env.ts';
import { buildDeps, startApiServer, type ApiServer, type ServerOptions } from '../../src/server.ts';

const postgres = dbTargets()[1] as DbTarget;

/** Why the two instances cannot be started here, or null: for `describe.skipIf`. */
export const twoInstancesSkip: string | null = postgres.skip ?? (testEnv.redisUrl ? null : 'TEST_REDIS_URL is not set');

export interface TwoInstances {
  /** The database both instances use (the first one's pool). */
  db: TestDb;
  apis: [ApiServer, ApiServer];
  /** A further connection on the instances' bus, as the worker has: closed with them. */
  connectBus(): RedisBus;
  /** Stops both instances, drops the bus keys and the database. */
  close(): Promise<void>;
}

/** `env` defaults to no rate limits, `log` to a silent logger, `server` to startApiServer's defaults. */
export async function startTwoInstances(opts: { secrets: Secrets; env?: Readonly<ApiEnv>; log?: Logger; server?: ServerOptions }): Promise<TwoInstances> {
  const env = opts.env ?? readEnv({ RATE_LIMITS: 'off', LOG_LEVEL: 'warn' });
  const log = opts.log ?? createLogger({ level: 'warn', name: 'test', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
  const prefix = `tamagitto-test-${randomBytes(6).toString('hex')}:`;
  const apis: ApiServer[] = [];
  const buses: RedisBus[] = [];
  const handles: DbHandle[] = [];
  const close = async () => {
    for (const a of apis.splice(0)) await a.close();
    await buses[0]?.purge();
    for (const b of buses.splice(0)) await b.close();
    // The second pool first: the first one's close drops the database.
    for (const h of handles.splice(0).reverse()) await h.close();
  };
  const connectBus = () => {
    const bus = new RedisBus({ url: testEnv.redisUrl!, prefix });
    buses.push(bus);
    return bus;
  };
  try {
    const db = await postgres.create();
    handles.push(db);
    // Each instance its own pool and its own Redis connections.
    handles.push(await createDb({ databaseUrl: db.url!, poolSize: 2 }));
    for (const handle of handles) {
      const api = await startApiServer(buildDeps({ env, secrets: opts.secrets, db: handle, bus: connectBus(), log }), { port: 0, host: '127.0.0.1' }, opts.server);
      apis.push(api);
      await api.deps.sessions.ready;
    }
    return { db, apis: apis as [ApiServer, ApiServer], connectBus, close };
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
}
