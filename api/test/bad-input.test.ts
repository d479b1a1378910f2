/**
 * Bad input gets a clear 4xx JSON error and changes nothing (issue #2).
 * Runs on the embedded stack; the same routes run on Postgres + Redis in e2e.
 */
import { randomBytes } from 'node:crypto';
import { sign } from '@octokit/webhooks-methods';
import { SignJWT, base64url } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PetDto } from '@tamagitto/domain';
import { pushPayload, sha, socketOf, stackTargets, startStack, type Stack } from './support/index.ts';
import WebSocket from 'ws';

const target = stackTargets()[0]!;
const repo = { owner: 'octocat', name: 'guarded', id: 5151001 };

describe('bad input changes nothing', () => {
  let s: Stack;
  let alice: string;
  let bob: string;
  let alicePet: PetDto;

  const counts = async () => ({
    deliveries: Number((await s.db.db.selectFrom('webhook_deliveries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    history: Number((await s.db.db.selectFrom('health_history').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    pets: Number((await s.db.db.selectFrom('entities').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  });
  const expectError = async (res: Response, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(5);
    expect(JSON.stringify(body)).not.toMatch(/at .+\.ts:\d+/); // no stack trace
  };

  beforeAll(async () => {
    s = await startStack(target);
    s.github.addUser({ login: 'octocat', id: 583231, token: 'ghp_aliceToken00000000000000000000000001' });
    s.github.addUser({ login: 'hubot', id: 583232, token: 'ghp_bobToken0000000000000000000000000002' });
    s.github.addRepo(repo.owner, repo.name, { id: repo.id, language: 'Go' });
    alice = (await s.signIn('ghp_aliceToken00000000000000000000000001')).token;
    bob = (await s.signIn('ghp_bobToken0000000000000000000000000002')).token;
    alicePet = await s.adopt(alice, 'octocat/guarded');
  });
  afterAll(async () => s?.close());

  describe('webhook', () => {
    const body = () => JSON.stringify(pushPayload(repo, [{ sha: sha('bad'), message: 'm' }]));
    const post = (headers: Record<string, string>, payload: string) =>
      fetch(`${s.url}/api/webhook/github`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: payload });

    it('unsigned → 401', async () => {
      const before = await counts();
      await expectError(await post({ 'x-github-event': 'push', 'x-github-delivery': 'u1' }, body()), 401, 'bad_signature');
      expect(await counts()).toEqual(before);
    });
    it('wrongly signed → 401, and the log says which setting to fix', async () => {
      const before = await counts();
      const b = body();
      await expectError(await post({ 'x-github-event': 'push', 'x-github-delivery': 'w1', 'x-hub-signature-256': await sign('not-the-secret', b) }, b), 401, 'bad_signature');
      expect(await counts()).toEqual(before);
      expect(s.logs.join('')).toContain('GITHUB_WEBHOOK_SECRET');
    });
    it('signed but tampered body → 401', async () => {
      const b = body();
      const sig = await sign(s.secrets.webhookSecret, b);
      await expectError(await post({ 'x-github-event': 'push', 'x-github-delivery': 't1', 'x-hub-signature-256': sig }, b.replace('main', 'evil')), 401, 'bad_signature');
    });
    it('malformed JSON (correctly signed) → 400', async () => {
      const before = await counts();
      const b = '{"ref": "refs/heads/main", oops';
      await expectError(await post({ 'x-github-event': 'push', 'x-github-delivery': 'm1', 'x-hub-signature-256': await sign(s.secrets.webhookSecret, b) }, b), 400, 'bad_request');
      expect(await counts()).toEqual(before);
    });
    it('unknown event → 400', async () => {
      const before = await counts();
      const b = body();
      await expectError(await post({ 'x-github-event': 'not_an_event', 'x-github-delivery': 'e1', 'x-hub-signature-256': await sign(s.secrets.webhookSecret, b) }, b), 400, 'unknown_event');
      expect(await counts()).toEqual(before);
    });
    it('missing delivery id → 400', async () => {
      const b = body();
      await expectError(await post({ 'x-github-event': 'push', 'x-hub-signature-256': await sign(s.secrets.webhookSecret, b) }, b), 400, 'bad_request');
    });
    it('over 25 MB → 413 before the body is read', async () => {
      const before = await counts();
      const big = `{"pad":"${'x'.repeat(25 * 1024 * 1024 + 10)}"}`;
      await expectError(await post({ 'x-github-event': 'push', 'x-github-delivery': 'big1', 'x-hub-signature-256': 'sha256=00' }, big), 413, 'payload_too_large');
      expect(await counts()).toEqual(before);
    });
    it('a form-encoded delivery → 415 with the setting to change', async () => {
      const b = `payload=${encodeURIComponent(body())}`;
      const res = await fetch(`${s.url}/api/webhook/github`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-github-event': 'push', 'x-github-delivery': 'f1', 'x-hub-signature-256': await sign(s.secrets.webhookSecret, b) },
        body: b,
      });
      await expectError(res, 415, 'unsupported_media_type');
    });
  });

  it('the Hono route (app.request, used in-process) answers exactly like the raw fast path', async () => {
    const { createApp } = await import('../src/app.ts');
    const app = createApp(s.api.deps);
    const b = JSON.stringify(pushPayload(repo, [{ sha: sha('hono-path'), message: 'm' }]));
    const unsigned = await app.request('/api/webhook/github', { method: 'POST', headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': 'h0' }, body: b });
    await expectError(unsigned, 401, 'bad_signature');
    const headers = { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': 'hono-1', 'x-hub-signature-256': await sign(s.secrets.webhookSecret, b) };
    const ok = await app.request('/api/webhook/github', { method: 'POST', headers, body: b });
    expect(ok.status).toBe(202);
    expect(await ok.json()).toEqual({ accepted: true, duplicate: false, queued: true });
    const again = await app.request('/api/webhook/github', { method: 'POST', headers, body: b });
    expect(await again.json()).toEqual({ accepted: true, duplicate: true, queued: false });
  });

  describe('session tokens', () => {
    const key = () => new TextEncoder().encode(s.secrets.jwtSecret);
    const claims = (userId: string) => ({ sub: userId, iss: 'tamagitto', aud: 'tamagitto-api' });

    it('missing → 401 unauthorized', async () => {
      await expectError(await s.req('/api/pets'), 401, 'unauthorized');
    });
    it('expired → 401 token_expired', async () => {
      const old = Math.floor(Date.now() / 1000) - 3 * 24 * 3600;
      const t = await new SignJWT(claims(alicePet.id)).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(old).setExpirationTime(old + 3600).sign(key());
      await expectError(await s.req('/api/pets', { token: t }), 401, 'token_expired');
    });
    it('forged with another secret → 401 invalid_token', async () => {
      const t = await new SignJWT(claims('x')).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('1h').sign(randomBytes(32));
      await expectError(await s.req('/api/pets', { token: t }), 401, 'invalid_token');
    });
    it('alg:none → 401 invalid_token', async () => {
      const now = Math.floor(Date.now() / 1000);
      const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
      const payload = base64url.encode(JSON.stringify({ ...claims('x'), iat: now, exp: now + 3600 }));
      await expectError(await s.req('/api/pets', { token: `${header}.${payload}.` }), 401, 'invalid_token');
    });
    it('without exp → 401 invalid_token', async () => {
      const t = await new SignJWT(claims('x')).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().sign(key());
      await expectError(await s.req('/api/pets', { token: t }), 401, 'invalid_token');
    });
    it('a WebSocket ticket is not a session token', async () => {
      const r = await s.req('/api/ws/ticket', { method: 'POST', token: alice });
      const { ticket } = (await r.json()) as { ticket: string };
      await expectError(await s.req('/api/pets', { token: ticket }), 401, 'invalid_token');
    });
  });

  describe('ownership and validation', () => {
    it("another user's pet → 404, identical to a missing one, and cannot be deleted", async () => {
      const before = await counts();
      await expectError(await s.req(`/api/pets/${alicePet.id}`, { token: bob }), 404, 'not_found');
      await expectError(await s.req(`/api/pets/${alicePet.id}/history`, { token: bob }), 404, 'not_found');
      await expectError(await s.req(`/api/pets/${alicePet.id}`, { method: 'DELETE', token: bob }), 404, 'not_found');
      await expectError(await s.req('/api/pets/by-repo/octocat/guarded', { token: bob }), 404, 'not_found');
      await expectError(await s.req('/api/pets/00000000-0000-0000-0000-000000000000', { token: bob }), 404, 'not_found');
      await expectError(await s.req('/api/pets/not-a-uuid', { token: bob }), 404, 'not_found');
      expect(await counts()).toEqual(before);
    });
    it('adopt: bad repo names, malformed JSON, unknown repo, twice', async () => {
      const before = await counts();
      await expectError(await s.req('/api/pets', { method: 'POST', token: alice, json: { repo: 'no-slash' } }), 400, 'validation_failed');
      await expectError(await s.req('/api/pets', { method: 'POST', token: alice, json: {} }), 400, 'validation_failed');
      await expectError(await s.req('/api/pets', { method: 'POST', token: alice, headers: { 'content-type': 'application/json' }, body: '{"repo":' }), 400, 'bad_request');
      await expectError(await s.req('/api/pets', { method: 'POST', token: alice, json: { repo: 'octocat/does-not-exist' } }), 404, 'not_found');
      await expectError(await s.req('/api/pets', { method: 'POST', token: alice, json: { repo: 'octocat/guarded' } }), 409, 'conflict');
      expect(await counts()).toEqual(before);
    });
    it('sign-in with a token GitHub rejects → 401 and no user is created', async () => {
      const users = (await s.db.db.selectFrom('users').select('id').execute()).length;
      await expectError(await s.req('/api/auth/pat', { method: 'POST', json: { token: 'ghp_wrongwrongwrongwrongwrong' } }), 401, 'github_unauthorized');
      expect((await s.db.db.selectFrom('users').select('id').execute()).length).toBe(users);
    });
    it('a GitHub 404 behind an existing feature is a 502, never our 404 (which means "no such route")', async () => {
      // This fake GitHub has no search endpoint: the queue cannot be built.
      await expectError(await s.req('/api/github/queue', { token: alice }), 502, 'github_error');
      await expectError(await s.req('/api/analytics/velocity', { token: alice }), 502, 'github_error');
    });
    it('unknown route → 404 JSON', async () => {
      await expectError(await s.req('/api/nope'), 404, 'not_found');
    });
    it('revive a living pet → 409', async () => {
      await expectError(await s.req(`/api/pets/${alicePet.id}/revive`, { method: 'POST', token: alice }), 409, 'conflict');
    });
  });

  describe('WebSocket tickets', () => {
    const upgrade = (query: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`${s.url.replace('http', 'ws')}/api/ws${query}`);
        ws.on('unexpected-response', (_req, res) => {
          resolve(res.statusCode ?? 0);
          ws.terminate();
        });
        ws.on('open', () => {
          resolve(101);
          ws.close();
        });
        ws.on('error', () => {});
      });

    it('missing, garbage, or session-token tickets are refused with 401', async () => {
      expect(await upgrade('')).toBe(401);
      expect(await upgrade('?ticket=garbage')).toBe(401);
      expect(await upgrade(`?ticket=${alice}`)).toBe(401);
    });
    it('a ticket works once; reusing it is refused', async () => {
      const r = await s.req('/api/ws/ticket', { method: 'POST', token: alice });
      expect(r.status).toBe(201);
      const { ticket } = (await r.json()) as { ticket: string };
      const first = await socketOf(new WebSocket(`${s.url.replace('http', 'ws')}/api/ws?ticket=${ticket}`));
      expect((await first.next((m) => m.type === 'hello')).type).toBe('hello');
      first.close();
      expect(await upgrade(`?ticket=${ticket}`)).toBe(401);
    });
    it('an upgrade on another path gets a 404, not a hanging socket', async () => {
      const status = await new Promise<number>((resolve) => {
        const ws = new WebSocket(`${s.url.replace('http', 'ws')}/api/elsewhere`);
        ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
        ws.on('error', () => resolve(-1));
      });
      expect(status).toBe(404);
    });
    it('only the owner receives updates about a pet', async () => {
      const aliceWs = await s.openSocket(alice);
      const bobWs = await s.openSocket(bob);
      await Promise.all([aliceWs.next((m) => m.type === 'hello'), bobWs.next((m) => m.type === 'hello')]);
      await s.bus.publish('pet.updated', { type: 'pet.updated', userId: (await (await s.req('/api/me', { token: alice })).json() as { id: string }).id, petId: alicePet.id, health: 1, state: 'dying', stage: 'baby', delta: 0, reason: 'decay', sha: null, at: new Date().toISOString() });
      const got = await aliceWs.next((m) => m.type === 'pet.updated');
      expect(got).not.toHaveProperty('userId');
      await new Promise((r) => setTimeout(r, 200));
      expect(bobWs.messages.filter((m) => m.type === 'pet.updated')).toEqual([]);
      // Keepalive from the client is answered.
      aliceWs.ws.send(JSON.stringify({ type: 'ping' }));
      expect((await aliceWs.next((m) => m.type === 'pong')).type).toBe('pong');
    });
  });

  describe('CORS', () => {
    it('allows chrome-extension origins and refuses others', async () => {
      const ok = await s.req('/api/pets', { method: 'OPTIONS', headers: { origin: 'chrome-extension://abcdefghijklmnop', 'access-control-request-method': 'GET' } });
      expect(ok.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnop');
      const no = await s.req('/api/pets', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
      expect(no.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});
