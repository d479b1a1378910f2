/**
 * Signing in: with a token, and with GitHub OAuth when the server has an
 * OAuth app (501 `not_configured` when it has none, whatever the request
 * holds). The answers are checked against their documented schemas by the
 * test stack. On the embedded stack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OAuthStartDto, SessionDto, UserDto } from '@tamagitto/domain';
import { errorOf, stackTargets, startStack, type Stack } from './support/index.ts';

const target = stackTargets()[0]!;
const TOKEN = 'ghp_oauthUser000000000000000000000000001';

describe('sign-in with a token', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack(target, { worker: false });
    s.github.addUser({ login: 'octocat', id: 583231, token: TOKEN });
  });
  afterAll(async () => s?.close());

  it('returns a session whose token reads back the user at /api/me; the GitHub token is not in it', async () => {
    const r = await s.req('/api/auth/pat', { method: 'POST', json: { token: TOKEN } });
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(text).not.toContain(TOKEN);
    const session = JSON.parse(text) as SessionDto;
    expect(session.user.login).toBe('octocat');
    const me = await s.req('/api/me', { token: session.token });
    expect(me.status).toBe(200);
    expect(((await me.json()) as UserDto).id).toBe(session.user.id);
  });

  it('refuses a token that is too short or not JSON, naming the problem', async () => {
    const short = await s.req('/api/auth/pat', { method: 'POST', json: { token: 'ghp_short' } });
    expect(short.status).toBe(400);
    expect(await errorOf(short)).toEqual({ code: 'validation_failed', message: 'token: token looks too short' });
    const form = await s.req('/api/auth/pat', { method: 'POST', body: `token=${TOKEN}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
  });

  it('without an OAuth app, both OAuth routes answer 501 not_configured, even to a request that is otherwise wrong', async () => {
    for (const r of [
      await s.req('/api/auth/github?redirect_uri=https%3A%2F%2Fext.example%2Fcb'),
      await s.req('/api/auth/github'),
      await s.req('/api/auth/github/exchange', { method: 'POST', json: { code: 'code-for-octocat', redirect_uri: 'https://ext.example/cb' } }),
      await s.req('/api/auth/github/exchange', { method: 'POST', json: {} }),
    ]) {
      expect(r.status).toBe(501);
      expect((await errorOf(r)).code).toBe('not_configured');
    }
  });
});

describe('sign-in with GitHub OAuth', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack(target, { worker: false, env: { GITHUB_CLIENT_ID: 'client-id-1', GITHUB_CLIENT_SECRET: 'client-secret-1' } });
    s.github.addUser({ login: 'octocat', id: 583231, token: TOKEN });
  });
  afterAll(async () => s?.close());

  it('starts: the authorize URL carries the client id, the redirect URL and a fresh state', async () => {
    const r = await s.req(`/api/auth/github?redirect_uri=${encodeURIComponent('https://ext.example/cb')}`);
    expect(r.status).toBe(200);
    const start = (await r.json()) as OAuthStartDto;
    const u = new URL(start.url);
    expect(u.pathname).toBe('/login/oauth/authorize');
    expect(u.searchParams.get('client_id')).toBe('client-id-1');
    expect(u.searchParams.get('redirect_uri')).toBe('https://ext.example/cb');
    expect(u.searchParams.get('state')).toBe(start.state);
    expect(start.url).not.toContain('client-secret-1');
  });

  it('needs a redirect URL', async () => {
    for (const q of ['', '?redirect_uri=not%20a%20url']) {
      const r = await s.req(`/api/auth/github${q}`);
      expect(r.status).toBe(400);
      expect(await errorOf(r)).toEqual({ code: 'validation_failed', message: 'redirect_uri: a URL is required' });
    }
  });

  it("trades GitHub's code for a session; a code GitHub refuses is a 400", async () => {
    const ok = await s.req('/api/auth/github/exchange', { method: 'POST', json: { code: 'code-for-octocat', redirect_uri: 'https://ext.example/cb' } });
    expect(ok.status).toBe(200);
    const session = (await ok.json()) as SessionDto;
    expect(session.user.login).toBe('octocat');
    expect((await s.req('/api/me', { token: session.token })).status).toBe(200);

    const bad = await s.req('/api/auth/github/exchange', { method: 'POST', json: { code: 'nope', redirect_uri: 'https://ext.example/cb' } });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toEqual({ code: 'bad_request', message: 'GitHub refused the sign-in code (bad_verification_code)' });

    const invalid = await s.req('/api/auth/github/exchange', { method: 'POST', json: { code: 'x', redirect_uri: 'not a url' } });
    expect(invalid.status).toBe(400);
    expect((await errorOf(invalid)).code).toBe('validation_failed');
  });
});
