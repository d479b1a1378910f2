/**
 * The read path (issue 18): GET /api/pets/{id} on node:http (src/pets/fast-read.ts) answers what
 * the Hono route answers, and from the pet cache (src/pets/pet-cache.ts) — which never serves a pet
 * after it changed, was released, lost its owner's access, or after sign-out: on one process
 * (PGlite + in-process bus) and across two api instances (PostgreSQL + Redis), where the change is
 * made on the other instance or by the worker (a third bus connection). Each case first shows the
 * pet is cached: its row is changed behind the api's back and the api still answers the old pet,
 * so the fresh answer that follows comes from the cache being dropped, not from its deadline.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Writable } from 'node:stream';
import { CHANNELS, createLogger, insertEntity, MemoryBus, upsertRepository, upsertUser, type Bus, type DbHandle, type Entity } from '@tamagitto/db';
import { dbTargets } from '@tamagitto/db/testing';
import type { PetDto } from '@tamagitto/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../src/env.ts';
import { isPetReadRequest } from '../src/pets/fast-read.ts';
import { PetCache } from '../src/pets/pet-cache.ts';
import { buildDeps, startApiServer, type ApiServer } from '../src/server.ts';
import { startTwoInstances, twoInstancesSkip, type TwoInstances } from './support/two-instances.ts';

const [pglite] = dbTargets();
const secrets = { jwtSecret: randomBytes(32).toString('hex'), tokenEncryptionKey: randomBytes(32).toString('hex'), webhookSecret: randomBytes(20).toString('hex') };
const log = createLogger({ level: 'warn', name: 'test', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
const env = readEnv({ RATE_LIMITS: 'off', LOG_LEVEL: 'warn' });
let githubId = 97_000;

/** A user with one pet (on a repository of their own) and a live session on `api`. */
async function petOwner(db: DbHandle, api: ApiServer): Promise<{ userId: string; token: string; pet: Entity; repositoryId: string }> {
  const n = githubId++;
  const user = await upsertUser(db.db, { githubId: n, login: `reader${n}`, name: null, avatarUrl: null }, { encrypted: 'x', scopes: 'repo' });
  const repo = await upsertRepository(db.db, { githubId: n, owner: `reader${n}`, name: 'app', language: 'TypeScript', defaultBranch: 'main', private: false });
  const pet = await insertEntity(db.db, { user_id: user.id, repository_id: repo.id, name: 'Cachey', family: 'blob', species: 'slime' });
  const { token } = await api.deps.sessions.issueSession(user.id);
  return { userId: user.id, token, pet, repositoryId: repo.id };
}

const get = (api: ApiServer, id: string, token: string, headers: Record<string, string> = {}) =>
  fetch(`${api.url}/api/pets/${id}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
const petOf = async (api: ApiServer, id: string, token: string): Promise<PetDto> => {
  const r = await get(api, id, token);
  expect(r.status).toBe(200);
  return (await r.json()) as PetDto;
};
const rename = (db: DbHandle, id: string, name: string) => db.db.updateTable('entities').set({ name }).where('id', '=', id).execute();

describe('GET /api/pets/:id on node:http: which requests it serves', () => {
  const req = (method: string, url: string, headers: Record<string, string> = { authorization: 'Bearer t' }) => ({ method, url, headers }) as unknown as IncomingMessage;
  const id = '0b7c4a52-1111-4222-8333-444455556666';
  it('takes only a GET of /api/pets/<uuid> with a bearer token, no API key and no body', () => {
    expect(isPetReadRequest(req('GET', `/api/pets/${id}`))).toBe(true);
    expect(isPetReadRequest(req('GET', `/api/pets/${id.toUpperCase()}`))).toBe(true);
    for (const [method, url, headers] of [
      ['HEAD', `/api/pets/${id}`],
      ['PATCH', `/api/pets/${id}`],
      ['GET', `/api/pets/${id}?x=1`],
      ['GET', `/api/pets/${id}/`],
      ['GET', `/api/pets/${id.slice(0, -1)}z`],
      ['GET', '/api/pets/by-repo/a/b'],
      ['GET', `/api/pets/${id}`, {}],
      ['GET', `/api/pets/${id}`, { authorization: 'Bearer t', 'x-api-key': 'k' }],
      ['GET', `/api/pets/${id}`, { authorization: 'Bearer t', 'content-length': '2' }],
      ['GET', `/api/pets/${id}`, { authorization: 'Bearer t', 'transfer-encoding': 'chunked' }],
    ] as [string, string, Record<string, string>?][]) {
      expect(isPetReadRequest(req(method, url, headers)), `${method} ${url} ${JSON.stringify(headers)}`).toBe(false);
    }
  });
});

describe('the pet cache', () => {
  const pet = { id: 'p1', user_id: 'u1', repository_id: 'r1' } as Parameters<PetCache['set']>[0];
  const dto = { id: 'p1' } as PetDto;
  it('keeps no pet read while a change arrived, none without a bus, and none past its deadline', async () => {
    const bus = new MemoryBus();
    const cache = new PetCache(bus, { ttlMs: 1_000 });
    await cache.ready;
    const before = cache.generation;
    cache.forgetPet('another pet');
    cache.set(pet, dto, before, 0);
    expect(cache.get('u1', 'p1', 0)).toBeUndefined();
    cache.set(pet, dto, cache.generation, 0);
    expect(cache.get('u1', 'p1', 999)?.json).toBe('{"id":"p1"}');
    expect(cache.get('u2', 'p1', 999)).toBeUndefined();
    expect(cache.get('u1', 'p1', 1_000)).toBeUndefined();
    // Each message drops what it names.
    for (const [channel, message] of [
      [CHANNELS.petUpdated, { type: 'pet.updated', petId: 'p1', userId: 'u1' }],
      [CHANNELS.petUpdated, { type: 'pet.deleted', petId: 'p1', userId: 'u1' }],
      [CHANNELS.accessChanged, { entityId: 'p1', userId: 'u1', lost: true }],
      [CHANNELS.userDeleted, { userId: 'u1' }],
      ['pet.changed', { repositoryId: 'r1' }],
      ['pet.changed', { userId: 'u1' }],
    ] as const) {
      cache.set(pet, dto, cache.generation, 0);
      expect(cache.get('u1', 'p1', 0), channel).toBeDefined();
      await bus.publish(channel, message);
      await new Promise((r) => setImmediate(r));
      expect(cache.get('u1', 'p1', 0), `${channel} ${JSON.stringify(message)}`).toBeUndefined();
    }
    await cache.close();
    await bus.close();
    const bare = new PetCache(null);
    bare.set(pet, dto, bare.generation, 0);
    expect(bare.get('u1', 'p1', 0)).toBeUndefined();
  });
});

describe('GET /api/pets/:id from the cache, one process (PGlite + in-process bus)', () => {
  let db: DbHandle;
  let bus: MemoryBus;
  let fast: ApiServer;
  let hono: ApiServer;
  beforeAll(async () => {
    db = await pglite!.create();
    bus = new MemoryBus();
    fast = await startApiServer(buildDeps({ env, secrets, db, bus, log }), { port: 0, host: '127.0.0.1' }, { checkResponses: true });
    hono = await startApiServer(buildDeps({ env, secrets, db, bus, log }), { port: 0, host: '127.0.0.1' }, { checkResponses: true, fastReads: false });
    await fast.deps.sessions.ready;
    await hono.deps.sessions.ready;
  });
  afterAll(async () => {
    await fast?.close();
    await hono?.close();
    await bus?.close();
    await db?.close();
  });

  it('answers what the Hono route answers: body, status, error envelope, request id and CORS headers', async () => {
    const alice = await petOwner(db, fast);
    const bob = await petOwner(db, fast);
    const revoked = await fast.deps.sessions.issueSession(alice.userId);
    await db.db.updateTable('sessions').set({ revoked_at: new Date() }).where('id', '=', revoked.sessionId).execute();
    const expired = await fast.deps.sessions.sign({ userId: alice.userId, sessionId: revoked.sessionId }, new Date(Date.now() - 7200_000), 60);
    const cases: [string, string, Record<string, string>?][] = [
      [alice.pet.id, alice.token],
      [alice.pet.id, alice.token, { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'x-request-id': 'caller-id_1=' }],
      [alice.pet.id, alice.token, { origin: 'https://evil.example', 'x-request-id': 'not a valid id' }],
      [bob.pet.id, alice.token],
      ['00000000-0000-4000-8000-000000000000', alice.token],
      [alice.pet.id, 'not.a.jwt'],
      [alice.pet.id, revoked.token],
      [alice.pet.id, expired],
    ];
    for (const [id, token, headers] of cases) {
      // Twice: the first fills the caches, the second is answered from them.
      for (let i = 0; i < 2; i++) {
        const [a, b] = await Promise.all([get(fast, id, token, headers), get(hono, id, token, headers)]);
        const what = `${id} ${token.slice(0, 12)} ${JSON.stringify(headers)} #${i}`;
        expect(a.status, what).toBe(b.status);
        expect(await a.text(), what).toBe(await b.text());
        const shown = (r: Response) =>
          Object.fromEntries([...r.headers].filter(([k]) => k !== 'date' && k !== 'keep-alive' && !(k === 'x-request-id' && headers?.['x-request-id'] !== 'caller-id_1=')));
        expect(shown(a), what).toEqual(shown(b));
        expect(a.headers.get('x-request-id'), what).toMatch(headers?.['x-request-id'] === 'caller-id_1=' ? /^caller-id_1=$/ : /^[0-9a-f-]{36}$/);
      }
    }
  });

  it('serves a cached pet until it changes, and never after: edit, pet.updated, access lost, release, sign-out', async () => {
    const a = await petOwner(db, fast);
    const id = a.pet.id;
    expect((await petOf(fast, id, a.token)).name).toBe('Cachey');
    // Cached: renamed behind the api's back, still the old name.
    await rename(db, id, 'Behind');
    expect((await petOf(fast, id, a.token)).name).toBe('Cachey');

    // The owner's edit, on this process.
    const patched = await fetch(`${fast.url}/api/pets/${id}`, { method: 'PATCH', headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' }, body: '{"name":"Edited"}' });
    expect(patched.status).toBe(200);
    expect((await petOf(fast, id, a.token)).name).toBe('Edited');

    // The worker's health change: the row, then pet.updated on the bus.
    await rename(db, id, 'Cached again');
    expect((await petOf(fast, id, a.token)).name).toBe('Edited');
    await db.db.updateTable('entities').set({ health: 12 }).where('id', '=', id).execute();
    await bus.publish(CHANNELS.petUpdated, { type: 'pet.updated', petId: id, userId: a.userId });
    expect(await petOf(fast, id, a.token)).toMatchObject({ name: 'Cached again', health: 12 });

    // The worker's access check: access_lost_at, then access.changed.
    await db.db.updateTable('entities').set({ access_lost_at: new Date() }).where('id', '=', id).execute();
    expect((await petOf(fast, id, a.token)).accessLostAt).toBeNull();
    await bus.publish(CHANNELS.accessChanged, { userId: a.userId, entityId: id, lost: true });
    expect((await petOf(fast, id, a.token)).accessLostAt).not.toBeNull();
    const history = await fetch(`${fast.url}/api/pets/${id}/history`, { headers: { authorization: `Bearer ${a.token}` } });
    expect(history.status).toBe(403);
    expect(((await history.json()) as { error: { code: string } }).error.code).toBe('access_lost');
    await db.db.updateTable('entities').set({ access_lost_at: null }).where('id', '=', id).execute();
    await bus.publish(CHANNELS.accessChanged, { userId: a.userId, entityId: id, lost: false });
    expect((await petOf(fast, id, a.token)).accessLostAt).toBeNull();

    // The repository's fields (every adopter's pet shows them): thresholds edited by the owner.
    await db.db.updateTable('repositories').set({ language: 'Rust' }).where('id', '=', a.repositoryId).execute();
    expect((await petOf(fast, id, a.token)).repo.language).toBe('TypeScript');
    const thresholds = await fetch(`${fast.url}/api/pets/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' },
      body: '{"checkThresholds":{"failOnSecret":false}}',
    });
    expect(thresholds.status).toBe(200);
    expect(await petOf(fast, id, a.token)).toMatchObject({ repo: { language: 'Rust' }, checkThresholds: { failOnSecret: false } });

    // Released: 404 at once.
    const released = await fetch(`${fast.url}/api/pets/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${a.token}` } });
    expect(released.status).toBe(204);
    expect((await get(fast, id, a.token)).status).toBe(404);

    // Signed out: 401 at once, although the pet was cached.
    const b = await petOwner(db, fast);
    expect((await petOf(fast, b.pet.id, b.token)).name).toBe('Cachey');
    const out = await fetch(`${fast.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${b.token}` } });
    expect(out.status).toBe(204);
    const refused = await get(fast, b.pet.id, b.token);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('invalid_token');
  });
});

describe('GET /api/pets/:id on node:http under the rate limits (in memory)', () => {
  let db: DbHandle;
  let bus: MemoryBus;
  let fast: ApiServer;
  let hono: ApiServer;
  // 1/100 of the limits: 3 requests a minute per user, 6 per address.
  const limited = readEnv({ RATE_LIMITS: '0.01', LOG_LEVEL: 'warn' });
  beforeAll(async () => {
    db = await pglite!.create();
    bus = new MemoryBus();
    fast = await startApiServer(buildDeps({ env: limited, secrets, db, bus, log }), { port: 0, host: '127.0.0.1' }, { checkResponses: true });
    hono = await startApiServer(buildDeps({ env: limited, secrets, db, bus, log }), { port: 0, host: '127.0.0.1' }, { checkResponses: true, fastReads: false });
  });
  afterAll(async () => {
    await fast?.close();
    await hono?.close();
    await bus?.close();
    await db?.close();
  });

  it('counts each read against its user, then answers the same 429 as the Hono route', async () => {
    const a = await petOwner(db, fast);
    const statuses = async (api: ApiServer) => {
      const out: string[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await get(api, a.pet.id, a.token);
        out.push(r.status === 429 ? `429 ${r.headers.get('retry-after') ? 'Retry-After' : '-'} ${((await r.json()) as { error: { code: string; message: string } }).error.message}` : String(r.status));
      }
      return out;
    };
    const [viaFast, viaHono] = [await statuses(fast), await statuses(hono)];
    expect(viaFast.slice(0, 3)).toEqual(['200', '200', '200']);
    expect(viaFast[3]).toMatch(/^429 Retry-After too many requests \(limit per user in a minute\)/);
    expect(viaFast.map((s) => s.replace(/\d+ s$/, 'N s'))).toEqual(viaHono.map((s) => s.replace(/\d+ s$/, 'N s')));
  });
});

describe.skipIf(twoInstancesSkip !== null)('GET /api/pets/:id from the cache, two api instances (PostgreSQL + Redis)', () => {
  let stack: TwoInstances;
  let db: DbHandle;
  let apis: ApiServer[];
  let worker: Bus;
  beforeAll(async () => {
    stack = await startTwoInstances({ secrets, env, log, server: { checkResponses: true } });
    ({ db, apis } = stack);
    // What the worker publishes on.
    worker = stack.connectBus();
  });
  afterAll(async () => {
    await stack?.close();
  });

  // "At once": as soon as the other instance has read the bus. The change's publish is awaited before
  // its answer, so the message is in that instance's socket before the client asks — but a loaded
  // instance can read the client's request first in the same turn (a clean-clone run saw it once).
  // Polled for up to 2 s: far below the entries' 10 s lifetime, so a change not heard still fails.
  const soon = { timeout: 2_000, interval: 10 };

  it("a change made on one instance or by the worker is served at once by the other, which had the pet cached", async () => {
    const [a, b] = apis as [ApiServer, ApiServer];
    const o = await petOwner(db, a);
    const id = o.pet.id;
    const cachedOnB = async (name: string) => {
      await rename(db, id, `${name} (behind)`);
      expect((await petOf(b, id, o.token)).name).toBe(name);
    };
    expect((await petOf(b, id, o.token)).name).toBe('Cachey');
    await cachedOnB('Cachey');

    const patched = await fetch(`${a.url}/api/pets/${id}`, { method: 'PATCH', headers: { authorization: `Bearer ${o.token}`, 'content-type': 'application/json' }, body: '{"name":"From A"}' });
    expect(patched.status).toBe(200);
    await expect.poll(async () => (await petOf(b, id, o.token)).name, soon).toBe('From A');

    await cachedOnB('From A');
    await db.db.updateTable('entities').set({ health: 3 }).where('id', '=', id).execute();
    await worker.publish(CHANNELS.petUpdated, { type: 'pet.updated', petId: id, userId: o.userId });
    await expect.poll(() => petOf(b, id, o.token), soon).toMatchObject({ name: 'From A (behind)', health: 3 });

    await cachedOnB('From A (behind)');
    await db.db.updateTable('entities').set({ access_lost_at: new Date() }).where('id', '=', id).execute();
    await worker.publish(CHANNELS.accessChanged, { userId: o.userId, entityId: id, lost: true });
    await expect.poll(async () => (await petOf(b, id, o.token)).accessLostAt, soon).not.toBeNull();

    await cachedOnB('From A (behind) (behind)');
    const released = await fetch(`${a.url}/api/pets/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${o.token}` } });
    expect(released.status).toBe(204);
    await expect.poll(async () => (await get(b, id, o.token)).status, soon).toBe(404);
  });

  it('a sign-out on one instance is refused at once by the other, which had the session and the pet cached', async () => {
    const [a, b] = apis as [ApiServer, ApiServer];
    const o = await petOwner(db, a);
    expect((await petOf(b, o.pet.id, o.token)).name).toBe('Cachey');
    expect((await petOf(b, o.pet.id, o.token)).name).toBe('Cachey');
    const out = await fetch(`${a.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${o.token}` } });
    expect(out.status).toBe(204);
    await expect.poll(async () => (await get(b, o.pet.id, o.token)).status, soon).toBe(401);
  });
});
