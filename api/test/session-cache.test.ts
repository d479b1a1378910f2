/**
 * The verification caches of SessionSigner (src/auth/session-signer.ts, session-cache.ts): a
 * cached token or session never outlives its expiry, and a sign-out is refused from the next
 * request on — in the process that signed it out, and on another instance that had the
 * session cached (told through the bus). Each case first shows that the entry is cached: the
 * row is changed behind the api's back and the api still accepts it, so the refusal that
 * follows comes from the cache being dropped, not from a fresh read.
 */
import { randomBytes } from 'node:crypto';
import { createSession, MemoryBus, upsertUser, type DbHandle } from '@tamagitto/db';
import { dbTargets } from '@tamagitto/db/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SessionSigner, type SessionClaims } from '../src/auth/session-signer.ts';
import { AppError } from '../src/http/errors.ts';
import type { ApiServer } from '../src/server.ts';
import { startTwoInstances, twoInstancesSkip, type TwoInstances } from './support/two-instances.ts';

const [pglite] = dbTargets();
const secrets = { jwtSecret: randomBytes(32).toString('hex'), tokenEncryptionKey: randomBytes(32).toString('hex'), webhookSecret: randomBytes(20).toString('hex') };
let githubId = 91_000;

/** A user with `n` live sessions. */
async function sessionsOf(db: DbHandle, n: number, expiresAt = new Date(Date.now() + 3600_000)): Promise<SessionClaims[]> {
  const user = await upsertUser(db.db, { githubId: githubId++, login: `cache${githubId}`, name: null, avatarUrl: null }, { encrypted: 'x', scopes: null });
  const out: SessionClaims[] = [];
  for (let i = 0; i < n; i++) out.push({ userId: user.id, sessionId: (await createSession(db.db, user.id, expiresAt)).id });
  return out;
}

/** 'ok', or the status and code of the AppError it rejects with. */
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return `${err.status} ${err.code}`;
    throw err;
  }
}

const revoke = (db: DbHandle, ids: string[]) => db.db.updateTable('sessions').set({ revoked_at: new Date() }).where('id', 'in', ids).execute();

describe('session verification cache (one process, PGlite + in-process bus)', () => {
  let db: DbHandle;
  let bus: MemoryBus;
  let signer: SessionSigner;
  beforeAll(async () => {
    db = await pglite!.create();
    bus = new MemoryBus();
    signer = new SessionSigner(secrets.jwtSecret, db.db, { bus });
    await signer.ready;
  });
  afterAll(async () => {
    await signer.close();
    await bus.close();
    await db.close();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refuses a token and a session once they expire, although both are cached', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    const [s] = (await sessionsOf(db, 1, new Date(start + 5_000))) as [SessionClaims];
    // Both expire within their cache deadlines (SESSION_CACHE_MS, TOKEN_CACHE_MS).
    const token = await signer.sign(s, new Date(start), 8);
    const claims = await signer.decodeSession(token);
    await signer.assertLive(claims);
    // Cached: the row is deleted behind the api's back, and the session still passes.
    await db.db.deleteFrom('sessions').where('id', '=', s.sessionId).execute();
    expect(await outcome(signer.assertLive(claims))).toBe('ok');
    vi.setSystemTime(start + 5_000);
    // From the cached row's expires_at (a fresh read would find no row: invalid_token).
    expect(await outcome(signer.assertLive(claims))).toBe('401 token_expired');
    expect(await outcome(signer.decodeSession(token))).toBe('ok');
    vi.setSystemTime(start + 8_000);
    expect(await outcome(signer.decodeSession(token))).toBe('401 token_expired');
  });

  it("drops a session at once when this process signs it out, and all of a user's when the bus says the account was deleted", async () => {
    const [s] = (await sessionsOf(db, 1)) as [SessionClaims];
    const [t1, t2] = (await sessionsOf(db, 2)) as [SessionClaims, SessionClaims];
    for (const x of [s, t1, t2]) await signer.assertLive(x);
    await revoke(db, [s.sessionId, t1.sessionId, t2.sessionId]);
    for (const x of [s, t1, t2]) expect(await outcome(signer.assertLive(x))).toBe('ok');
    signer.forget(s.sessionId);
    expect(await outcome(signer.assertLive(s))).toBe('401 invalid_token');
    expect(await outcome(signer.assertLive(t1))).toBe('ok');
    await bus.publish('user.deleted', { userId: t1.userId });
    await new Promise((r) => setImmediate(r));
    expect(await outcome(signer.assertLive(t1))).toBe('401 invalid_token');
    expect(await outcome(signer.assertLive(t2))).toBe('401 invalid_token');
  });

  it('caches no session row without a bus to hear revocations on', async () => {
    const bare = new SessionSigner(secrets.jwtSecret, db.db);
    const [s] = (await sessionsOf(db, 1)) as [SessionClaims];
    await bare.assertLive(s);
    await revoke(db, [s.sessionId]);
    expect(await outcome(bare.assertLive(s))).toBe('401 invalid_token');
  });
});

describe.skipIf(twoInstancesSkip !== null)('session verification cache across two api instances (PostgreSQL + Redis)', () => {
  let stack: TwoInstances;
  let db: DbHandle;
  let apis: ApiServer[];
  beforeAll(async () => {
    stack = await startTwoInstances({ secrets });
    ({ db, apis } = stack);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('a sign-out on one instance is refused at once by another that had the session cached', async () => {
    const [a, b] = apis as [ApiServer, ApiServer];
    const [s] = (await sessionsOf(db, 1)) as [SessionClaims];
    const token = await a.deps.sessions.sign(s);
    const me = (api: ApiServer) => fetch(`${api.url}/api/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
    expect(await me(b)).toBe(200);
    // Cached on b: the row is revoked behind its back, and b still accepts the token.
    await revoke(db, [s.sessionId]);
    expect(await me(b)).toBe(200);
    await db.db.updateTable('sessions').set({ revoked_at: null }).where('id', '=', s.sessionId).execute();
    const out = await fetch(`${a.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(out.status).toBe(204);
    // As soon as b has read the bus (the sign-out's publish is awaited before its answer, but a loaded b can read
    // the request first in the same turn): polled for up to 2 s, far below the cache's 10 s.
    await expect.poll(() => me(b), { timeout: 2_000, interval: 10 }).toBe(401);
    expect(await me(a)).toBe(401);
  });
});
