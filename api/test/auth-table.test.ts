/**
 * The auth table (issue 15), as tests: every way a session token, a
 * WebSocket ticket or another user's id can be presented, and the status it
 * gets. Session tokens: 401 for anything not signed by us with HS256, for the
 * issuer and audience, expiry (of the JWT or of its session row), a revoked
 * session and a token without `sid`. Tickets: 401 when reused, expired, or
 * asked for by a session that signed out since. Another user's pet, vet
 * report, day session or puzzle attempt: 404 (indistinguishable from a
 * missing one). On the embedded stack, and on PostgreSQL + Redis when set.
 */
import { randomUUID } from 'node:crypto';
import type { PetDto, SessionDto } from '@tamagitto/domain';
import { generateKeyPair, SignJWT } from 'jose';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, stackTargets, startStack, type Stack } from './support/index.ts';

const ALICE = 'ghp_authTableAlice000000000000000000000001';
const BOB = 'ghp_authTableBob00000000000000000000000002';
const H = 3600_000;

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
/** The session id a session JWT names. */
const sidOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sid: string }).sid;

/** Opens `GET /api/ws?ticket=`: 'open' when the upgrade succeeded, otherwise the refusal's status and error code. */
function upgrade(url: string, ticket: string): Promise<'open' | { status: number; code: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/api/ws?ticket=${encodeURIComponent(ticket)}`);
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += String(d)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, code: (JSON.parse(body) as { error: { code: string } }).error.code }));
    });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('error', reject);
  });
}

describe.each(stackTargets())('the auth table: $name', (target) => {
  let s: Stack;
  let alice: SessionDto;
  let bob: SessionDto;
  let bobPet: PetDto;
  let alicePet: PetDto;
  let bobAnalysisId: string;
  let key: Uint8Array;
  const sign = (payload: Record<string, unknown>, o: { aud?: string; iss?: string; exp?: number; alg?: string } = {}) => {
    const iat = Math.floor(Date.now() / 1000);
    return new SignJWT(payload)
      .setProtectedHeader({ alg: o.alg ?? 'HS256' })
      .setSubject(alice.user.id)
      .setIssuer(o.iss ?? 'tamagitto')
      .setAudience(o.aud ?? 'tamagitto-api')
      .setIssuedAt(iat)
      .setExpirationTime(o.exp ?? iat + 3600)
      .sign(key);
  };

  beforeAll(async () => {
    if (target.skip) return;
    s = await startStack(target, { worker: false, env: { RATE_LIMITS: 'off' } });
    key = new TextEncoder().encode(s.secrets.jwtSecret);
    s.github.addUser({ login: 'alice', id: 7001, token: ALICE });
    s.github.addUser({ login: 'bob', id: 7002, token: BOB });
    s.github.addRepo('alice', 'app', { id: 8001, language: 'TypeScript' });
    s.github.addRepo('bob', 'lib', { id: 8002, language: 'Go', private: true });
    alice = await s.signIn(ALICE);
    bob = await s.signIn(BOB);
    alicePet = await s.adopt(alice.token, 'alice/app');
    bobPet = await s.adopt(bob.token, 'bob/lib');
    const repo = await s.db.db.selectFrom('repositories').select('id').where('github_id', '=', 8002).executeTakeFirstOrThrow();
    const a = await s.db.db
      .insertInto('commit_analyses')
      .values({ repository_id: repo.id, sha: 'b'.repeat(40), message: 'secret plans', files_changed: 1, additions: 1, deletions: 0, metrics: JSON.stringify({}), findings: JSON.stringify([]), delta: 1, engine_version: 'test' })
      .returning('id')
      .executeTakeFirstOrThrow();
    bobAnalysisId = a.id;
  });
  afterAll(async () => s?.close());

  describe.skipIf(target.skip)('session tokens', () => {
    it('a live session reads; every forged, foreign or stale token is 401 with its code', async () => {
      expect((await s.req('/api/pets', { token: alice.token })).status).toBe(200);
      const sid = sidOf(alice.token);
      const [header, payload, signature] = alice.token.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      const { privateKey } = await generateKeyPair('RS256');
      const iat = Math.floor(Date.now() / 1000);
      const rs256 = await new SignJWT({ sid }).setProtectedHeader({ alg: 'RS256' }).setSubject(alice.user.id).setIssuer('tamagitto').setAudience('tamagitto-api').setIssuedAt(iat).setExpirationTime(iat + 600).sign(privateKey);

      const table: [string, string | undefined, string][] = [
        ['no Authorization header', undefined, 'unauthorized'],
        ['not a JWT', 'not-a-jwt', 'invalid_token'],
        ['alg: none', `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`, 'invalid_token'],
        ['alg: none, signature kept', `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.${signature}`, 'invalid_token'],
        ['HS512 with the right secret', await sign({ sid }, { alg: 'HS512' }), 'invalid_token'],
        ['RS256 with some key', rs256, 'invalid_token'],
        ['tampered payload (sub → bob)', `${header}.${b64({ ...claims, sub: bob.user.id })}.${signature}`, 'invalid_token'],
        ['expired JWT', await sign({ sid }, { exp: Math.floor(Date.now() / 1000) - 60 }), 'token_expired'],
        ['wrong audience (a ticket as a session)', await sign({ sid }, { aud: 'tamagitto-ws' }), 'invalid_token'],
        ['wrong issuer', await sign({ sid }, { iss: 'someone-else' }), 'invalid_token'],
        ['no sid (issued before sessions were revocable)', await sign({}), 'invalid_token'],
        ['sid that is not a uuid', await sign({ sid: 'x' }), 'invalid_token'],
        ['sid of no session', await sign({ sid: randomUUID() }), 'invalid_token'],
        ["sid of bob's session, sub alice", await sign({ sid: sidOf(bob.token) }), 'invalid_token'],
      ];
      for (const [what, token, code] of table) {
        const r = await s.req('/api/pets', token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });
        expect(r.status, what).toBe(401);
        expect((await errorOf(r)).code, what).toBe(code);
      }
    });

    it('a session whose row expired is refused although its JWT is still valid', async () => {
      const session = await s.signIn(ALICE);
      // Changed in the database before the token's first use: a live row, once read, is trusted for
      // SESSION_CACHE_MS (auth/session-signer.ts); a cached row's expiry is tested in session-cache.test.ts.
      await s.db.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - H) }).where('id', '=', sidOf(session.token)).execute();
      const r = await s.req('/api/me', { token: session.token });
      expect(r.status).toBe(401);
      expect((await errorOf(r)).code).toBe('token_expired');
    });

    it('after sign-out the token is 401 (on every route) and a second sign-out too; another session of the same user stays', async () => {
      const one = await s.signIn(ALICE);
      const two = await s.signIn(ALICE);
      const out = await s.req('/api/auth/logout', { method: 'POST', token: one.token });
      expect(out.status).toBe(204);
      for (const path of ['/api/me', '/api/pets', `/api/pets/${alicePet.id}`, '/api/me/export']) {
        const r = await s.req(path, { token: one.token });
        expect(r.status, path).toBe(401);
        expect(await errorOf(r), path).toEqual({ code: 'invalid_token', message: 'this session was signed out: sign in again' });
      }
      expect((await s.req('/api/auth/logout', { method: 'POST', token: one.token })).status).toBe(401);
      expect((await s.req('/api/ws/ticket', { method: 'POST', token: one.token })).status).toBe(401);
      expect((await s.req('/api/me', { token: two.token })).status).toBe(200);
    });
  });

  describe.skipIf(target.skip)('WebSocket tickets', () => {
    const ticketOf = async (token: string) => ((await (await s.req('/api/ws/ticket', { method: 'POST', token })).json()) as { ticket: string }).ticket;

    it('a ticket opens the socket once; the second use is 401', async () => {
      const t = await ticketOf(alice.token);
      expect(await upgrade(s.url, t)).toBe('open');
      expect(await upgrade(s.url, t)).toEqual({ status: 401, code: 'invalid_token' });
    });

    it('an expired ticket, a ticket without sid, a session token as a ticket and a ticket of another audience are 401', async () => {
      const sid = sidOf(alice.token);
      const iat = Math.floor(Date.now() / 1000) - 120;
      const expired = await new SignJWT({ sid }).setProtectedHeader({ alg: 'HS256' }).setSubject(alice.user.id).setIssuer('tamagitto').setAudience('tamagitto-ws').setJti(randomUUID()).setIssuedAt(iat).setExpirationTime(iat + 30).sign(key);
      expect(await upgrade(s.url, expired)).toEqual({ status: 401, code: 'token_expired' });
      const noSid = await sign({ jti: randomUUID() }, { aud: 'tamagitto-ws' });
      expect(await upgrade(s.url, noSid)).toEqual({ status: 401, code: 'invalid_token' });
      expect(await upgrade(s.url, alice.token)).toEqual({ status: 401, code: 'invalid_token' });
      expect(await upgrade(s.url, await sign({ sid, jti: randomUUID() }, { aud: 'tamagitto-api' }))).toEqual({ status: 401, code: 'invalid_token' });
    });

    it("a ticket whose session signed out before it was used is 401", async () => {
      const session = await s.signIn(ALICE);
      const t = await ticketOf(session.token);
      expect((await s.req('/api/auth/logout', { method: 'POST', token: session.token })).status).toBe(204);
      expect(await upgrade(s.url, t)).toEqual({ status: 401, code: 'invalid_token' });
    });
  });

  describe.skipIf(target.skip)("another user's data", () => {
    it("another user's pet, its history, reports, portrait, revival and release are 404 (and nothing changes)", async () => {
      for (const [method, path] of [
        ['GET', `/api/pets/${bobPet.id}`],
        ['GET', `/api/pets/${bobPet.id}/history`],
        ['GET', `/api/pets/${bobPet.id}/analyses`],
        ['GET', `/api/pets/${bobPet.id}/portrait`],
        ['GET', `/api/analyses/${bobAnalysisId}`],
        ['GET', '/api/pets/by-repo/bob/lib'],
        ['POST', `/api/pets/${bobPet.id}/revive`],
        ['DELETE', `/api/pets/${bobPet.id}`],
      ] as const) {
        const r = await s.req(path, { method, token: alice.token });
        expect(r.status, `${method} ${path}`).toBe(404);
        expect((await errorOf(r)).code, `${method} ${path}`).toBe('not_found');
      }
      expect((await s.req(`/api/pets/${bobPet.id}`, { token: bob.token })).status).toBe(200);
      expect((await s.req(`/api/analyses/${bobAnalysisId}`, { token: bob.token })).status).toBe(200);
    });

    it("another user's day session is 404 for its blocks and its end", async () => {
      const started = await s.req('/api/sessions/start', { method: 'POST', token: bob.token });
      expect(started.status).toBe(201);
      const { id } = (await started.json()) as { id: string };
      for (const path of [`/api/sessions/${id}/blocks/start`, `/api/sessions/${id}/blocks/end`, `/api/sessions/${id}/end`]) {
        const r = await s.req(path, { method: 'POST', token: alice.token });
        expect(r.status, path).toBe(404);
      }
      const today = (await (await s.req('/api/sessions/today', { token: alice.token })).json()) as { session: unknown };
      expect(today.session).toBeNull();
    });

    it("another user's puzzle attempt is theirs: alice still answers today, and does not see bob's answer", async () => {
      const today = (await (await s.req('/api/puzzle/today', { token: bob.token })).json()) as { puzzle: { id: string } };
      const bobs = await s.req('/api/puzzle/submit', { method: 'POST', token: bob.token, json: { puzzleId: today.puzzle.id, answer: 0 } });
      expect(bobs.status).toBe(200);
      const before = (await (await s.req('/api/puzzle/today', { token: alice.token })).json()) as { result: unknown };
      expect(before.result).toBeNull();
      const alices = await s.req('/api/puzzle/submit', { method: 'POST', token: alice.token, json: { puzzleId: today.puzzle.id, answer: 1 } });
      expect(alices.status).toBe(200);
    });

    it('a uuid that is nobody’s and a malformed id are 404 too', async () => {
      for (const path of [`/api/pets/${randomUUID()}`, '/api/pets/not-a-uuid/history', `/api/analyses/${randomUUID()}`]) {
        expect((await s.req(path, { token: alice.token })).status, path).toBe(404);
      }
    });
  });
});
