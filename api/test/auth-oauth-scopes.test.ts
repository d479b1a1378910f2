/**
 * GitHub OAuth asks for `gist` only when a client asks for it (the popup's
 * Share as Gist, issue 17): `GET /api/auth/github?scopes=gist` adds it to the
 * usual scopes, without it the authorize URL stays as it was, and a scope the
 * server does not offer is refused with a 400. On every stack target.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OAuthStartDto } from '@tamagitto/domain';
import { errorOf, stackTargets, startStack, type Stack } from './support/index.ts';

const CB = encodeURIComponent('https://ext.example/cb');

describe.each(stackTargets())('OAuth extra scopes ($name)', (target) => {
  let s: Stack;
  beforeAll(async () => {
    if (target.skip) return;
    s = await startStack(target, { worker: false, env: { GITHUB_CLIENT_ID: 'client-id-1', GITHUB_CLIENT_SECRET: 'client-secret-1' } });
  });
  afterAll(async () => s?.close());

  const scopeOf = async (query: string) => {
    const r = await s.req(`/api/auth/github?redirect_uri=${CB}${query}`);
    expect(r.status).toBe(200);
    return new URL(((await r.json()) as OAuthStartDto).url).searchParams.get('scope')?.split(' ');
  };

  it.skipIf(target.skip)('asks for gist only when the client asks for it', async () => {
    expect(await scopeOf('')).toEqual(['repo', 'admin:repo_hook', 'read:user']);
    expect(await scopeOf('&scopes=')).toEqual(['repo', 'admin:repo_hook', 'read:user']);
    expect(await scopeOf('&scopes=gist')).toEqual(['repo', 'admin:repo_hook', 'read:user', 'gist']);
    // Said twice, or with a comma: still once.
    expect(await scopeOf(`&scopes=${encodeURIComponent('gist, gist')}`)).toEqual(['repo', 'admin:repo_hook', 'read:user', 'gist']);
  });

  it.skipIf(target.skip)('refuses any scope it does not offer, naming the ones it does', async () => {
    for (const scopes of ['delete_repo', 'gist admin:org', 'user']) {
      const r = await s.req(`/api/auth/github?redirect_uri=${CB}&scopes=${encodeURIComponent(scopes)}`);
      expect(r.status, scopes).toBe(400);
      expect(await errorOf(r)).toEqual({ code: 'validation_failed', message: 'scopes: only these scopes can be asked for in addition: gist' });
    }
  });
});
