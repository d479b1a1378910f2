/**
 * The database unreachable (issue 14): every request that needs it answers
 * 503 `db_unavailable` with Retry-After, never a 500 and never a crash — the
 * webhook's raw fast path and the Hono routes alike. Readiness says 503
 * `unavailable`; liveness stays 200 (the process itself works). Two ways in:
 * PostgreSQL refusing connections (a pool pointed at a port where nothing
 * listens: what a stopped or restarting server looks like) and the embedded
 * PGlite closed under the api (a request racing shutdown).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { sign } from '@octokit/webhooks-methods';
import { createDb, createLogger, MemoryBus, type DbHandle } from '@tamagitto/db';
import { dbTargets, freePort } from '@tamagitto/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { readEnv } from '../src/env.ts';
import { buildDeps, startApiServer, type ApiServer } from '../src/server.ts';
import { pushPayload, sha } from './support/index.ts';

const targets: { name: string; open(): Promise<DbHandle> }[] = [
  {
    name: 'PostgreSQL refusing connections',
    open: async () => createDb({ databaseUrl: `postgres://postgres@127.0.0.1:${await freePort()}/tamagitto`, poolSize: 2 }),
  },
  {
    name: 'embedded PGlite closed under the api',
    open: async () => {
      const db = await dbTargets()[0]!.create();
      await db.close();
      return db;
    },
  },
];

describe.each(targets)('the database unreachable: $name', ({ open }) => {
  let api: ApiServer | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('webhooks and API routes answer 503 db_unavailable with Retry-After, readiness 503, liveness 200; nothing logged as a bug', async () => {
    const db = await open();
    const logs: string[] = [];
    const log = createLogger({ level: 'debug', name: 'test', destination: new Writable({ write: (c, _e, cb) => (logs.push(String(c)), cb()) }) });
    const secrets = { jwtSecret: randomBytes(32).toString('hex'), tokenEncryptionKey: randomBytes(32).toString('hex'), webhookSecret: randomBytes(20).toString('hex') };
    const bus = new MemoryBus();
    api = await startApiServer(buildDeps({ env: readEnv({ LOG_LEVEL: 'debug' }), secrets, db, bus, log }), { port: 0, host: '127.0.0.1' }, { checkResponses: true });

    const body = JSON.stringify(pushPayload({ owner: 'octocat', name: 'offline', id: 9191001 }, [{ sha: sha('offline'), message: 'offline' }]));
    const headers = {
      'content-type': 'application/json',
      'x-github-event': 'push',
      'x-hub-signature-256': await sign(secrets.webhookSecret, body),
    };
    const expectDbUnavailable = async (r: Response, what: string) => {
      expect(r.status, `${what}: ${await r.clone().text()}`).toBe(503);
      expect(r.headers.get('retry-after'), what).toBe('5');
      expect(await r.json(), what).toEqual({ error: { code: 'db_unavailable', message: expect.any(String) } });
    };

    // The raw fast path (POST /api/webhook/github exactly) and the Hono route (any other form of the URL).
    for (const path of ['/api/webhook/github', '/api/webhook/github?via=hono']) {
      const started = performance.now();
      const r = await fetch(`${api.url}${path}`, { method: 'POST', headers: { ...headers, 'x-github-delivery': randomUUID() }, body });
      await expectDbUnavailable(r, `POST ${path}`);
      expect(performance.now() - started, 'a refused connection fails fast').toBeLessThan(5_000);
    }
    const session = await api.deps.sessions.sign({ userId: randomUUID(), sessionId: randomUUID() });
    for (const path of ['/api/pets', '/api/me']) {
      await expectDbUnavailable(await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${session}` } }), `GET ${path}`);
    }

    const ready = await fetch(`${api.url}/api/health/ready`);
    expect(ready.status, await ready.clone().text()).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable', checks: { db: 'down', bus: 'ok' } });
    expect((await fetch(`${api.url}/api/health/live`)).status).toBe(200);

    const text = logs.join('');
    expect(text).toContain('request failed: database unavailable');
    expect(text).not.toContain('unhandled error');
    expect(text).not.toContain('webhook failed');
    expect(text).not.toContain('contract_violation');
    await bus.close();
  });
});
