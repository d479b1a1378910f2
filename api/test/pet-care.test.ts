/**
 * Pet care (issue 17): the owner renames, favourites and reorders their pets
 * (PATCH /api/pets/{id}; GET /api/pets in that order), another user's pet is
 * a 404; the README badge answers without a session only while the owner has
 * it on, escapes the name, and is cached (ETag → 304); "Register again"
 * registers the webhook on the fake GitHub, or says why not. On the embedded
 * stack, and on PostgreSQL + Redis when set.
 */
import type { PetDto, SessionDto } from '@tamagitto/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, stackTargets, startStack, type Stack } from './support/index.ts';

const ALICE = 'ghp_petCareAlice000000000000000000000001';
const BOB = 'ghp_petCareBob00000000000000000000000002';
const PUBLIC_URL = 'https://tamagitto.example';


describe.each(stackTargets())('pet care: $name', (target) => {
  let s: Stack;
  let alice: SessionDto;
  let bob: SessionDto;
  let pets: PetDto[];

  const patch = (id: string, json: unknown, token = alice.token) => s.req(`/api/pets/${id}`, { method: 'PATCH', token, json });
  const listNames = async () => ((await (await s.req('/api/pets', { token: alice.token })).json()) as { items: PetDto[] }).items.map((p) => p.name);

  beforeEach(async () => {
    if (target.skip) return;
    s = await startStack(target, { worker: false, env: { PUBLIC_URL, RATE_LIMITS: 'off' } });
    s.github.addUser({ login: 'alice', id: 9201, token: ALICE });
    s.github.addUser({ login: 'bob', id: 9202, token: BOB });
    s.github.addRepo('alice', 'one', { id: 9301, language: 'TypeScript' });
    s.github.addRepo('alice', 'two', { id: 9302, language: 'Python' });
    s.github.addRepo('alice', 'three', { id: 9303, language: 'Go', hooksAllowed: false });
    alice = await s.signIn(ALICE);
    bob = await s.signIn(BOB);
    pets = [];
    for (const r of ['one', 'two', 'three']) pets.push(await s.adopt(alice.token, `alice/${r}`));
  });
  afterEach(async () => s?.close());

  describe.skipIf(target.skip)('PATCH /api/pets/:id', () => {
    it('renames (trimmed), favourites and reorders; GET /api/pets lists favourites first, then by position, then oldest', async () => {
      const [one, two, three] = pets as [PetDto, PetDto, PetDto];
      expect(await listNames()).toEqual(['one', 'two', 'three']);
      const renamed = await patch(one.id, { name: '  Mona  ' });
      expect(renamed.status).toBe(200);
      expect(await renamed.json()).toMatchObject({ id: one.id, name: 'Mona', favourite: false, position: null, badgePublic: false });

      expect((await patch(three.id, { position: 0 })).status).toBe(200);
      expect(await listNames()).toEqual(['three', 'Mona', 'two']);
      expect((await patch(two.id, { favourite: true })).status).toBe(200);
      expect(await listNames()).toEqual(['two', 'three', 'Mona']);
      expect((await patch(one.id, { position: 0 })).status).toBe(200);
      expect((await patch(three.id, { position: 1 })).status).toBe(200);
      expect(await listNames()).toEqual(['two', 'Mona', 'three']);
      expect((await patch(two.id, { favourite: false, position: null })).status).toBe(200);
      expect(await listNames()).toEqual(['Mona', 'three', 'two']);
    });

    it('refuses an empty or over-long name, an unknown field and an empty body (400), and another user\'s pet is a 404', async () => {
      const id = pets[0]!.id;
      for (const body of [{ name: '   ' }, { name: 'x'.repeat(41) }, { colour: 'red' }, {}, { position: -1 }, { favourite: 'yes' }]) {
        const r = await patch(id, body);
        expect(r.status, JSON.stringify(body)).toBe(400);
        expect((await errorOf(r)).code).toBe('validation_failed');
      }
      expect((await patch(id, { name: 'x'.repeat(40) })).status).toBe(200);
      const theirs = await patch(id, { name: 'mine now' }, bob.token);
      expect(theirs.status).toBe(404);
      expect((await errorOf(theirs)).code).toBe('not_found');
      expect((await s.req(`/api/pets/${id}`, { token: alice.token }).then((r) => r.json())) as PetDto).toMatchObject({ name: 'x'.repeat(40) });
      expect((await patch('00000000-0000-4000-8000-000000000000', { favourite: true })).status).toBe(404);
      expect((await s.req(`/api/pets/${id}`, { method: 'PATCH', json: { favourite: true } })).status).toBe(401);
    });
  });

  describe.skipIf(target.skip)('GET /api/pets/:id/badge.svg', () => {
    it('is 404 JSON until the owner turns it on, then a public SVG with cache headers, and 404 again when off', async () => {
      const id = pets[0]!.id;
      const before = await s.req(`/api/pets/${id}/badge.svg`);
      expect(before.status).toBe(404);
      expect(before.headers.get('content-type')).toMatch(/application\/json/);
      expect((await errorOf(before)).code).toBe('not_found');
      // Even the owner's session does not make a private badge public.
      expect((await s.req(`/api/pets/${id}/badge.svg`, { token: alice.token })).status).toBe(404);

      expect(await (await patch(id, { badgePublic: true })).json()).toMatchObject({ badgePublic: true });
      const on = await s.req(`/api/pets/${id}/badge.svg`);
      expect(on.status).toBe(200);
      expect(on.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
      expect(on.headers.get('cache-control')).toBe('public, max-age=300');
      const svg = await on.text();
      expect(svg).toMatch(/^<svg [^>]*role="img"/);
      expect(svg).toContain('>tamagitto<');
      expect(svg).toContain('>one · egg<');

      expect((await patch(id, { badgePublic: false })).status).toBe(200);
      expect((await s.req(`/api/pets/${id}/badge.svg`)).status).toBe(404);
      expect((await s.req('/api/pets/not-a-uuid/badge.svg')).status).toBe(404);
    });

    it('escapes the name, and answers 304 to its ETag until the pet changes', async () => {
      const id = pets[1]!.id;
      await patch(id, { badgePublic: true, name: '<b>"Tom" & \'Jerry\'</b>' });
      const r = await s.req(`/api/pets/${id}/badge.svg`);
      const svg = await r.text();
      expect(svg).not.toContain('<b>');
      expect(svg).toContain('&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;');
      const etag = r.headers.get('etag')!;
      expect(etag).toMatch(/^"[\w-]+"$/);

      const again = await s.req(`/api/pets/${id}/badge.svg`, { headers: { 'If-None-Match': `W/${etag}, "other"` } });
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect(await again.text()).toBe('');

      await patch(id, { name: 'Tom' });
      const changed = await s.req(`/api/pets/${id}/badge.svg`, { headers: { 'If-None-Match': etag } });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(etag);
    });
  });

  describe.skipIf(target.skip)('POST /api/pets/:id/webhook', () => {
    it('says why the token could not add it (403), then registers it once GitHub allows (200), on the fake GitHub', async () => {
      const three = pets[2]!;
      expect(three.webhook).toMatchObject({ registered: false, error: expect.stringMatching(/no permission/) });
      const refused = await s.req(`/api/pets/${three.id}/webhook`, { method: 'POST', token: alice.token });
      expect(refused.status).toBe(403);
      expect((await errorOf(refused)).message).toMatch(/admin:repo_hook/);
      expect(s.github.hooks.get('alice/three') ?? []).toHaveLength(0);

      s.github.repos.get('alice/three')!.__hooksAllowed = true;
      const ok = await s.req(`/api/pets/${three.id}/webhook`, { method: 'POST', token: alice.token });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as PetDto).webhook).toEqual({ registered: true, error: null });
      const hooks = s.github.hooks.get('alice/three') ?? [];
      expect(hooks).toHaveLength(1);
      expect(hooks[0]).toMatchObject({ events: ['push', 'pull_request'], config: { url: `${PUBLIC_URL}/api/webhook/github`, content_type: 'json' } });
      expect(((await (await s.req(`/api/pets/${three.id}`, { token: alice.token })).json()) as PetDto).webhook.registered).toBe(true);
      // Bob cannot poke Alice's pet.
      expect((await s.req(`/api/pets/${three.id}/webhook`, { method: 'POST', token: bob.token })).status).toBe(404);
    });
  });

  describe.skipIf(target.skip)('POST /api/pets/:id/webhook without PUBLIC_URL', () => {
    it('is 501 not_configured and registers nothing', async () => {
      const local = await startStack(target, { worker: false, env: { RATE_LIMITS: 'off' } });
      try {
        local.github.addUser({ login: 'alice', id: 9201, token: ALICE });
        local.github.addRepo('alice', 'one', { id: 9301, language: 'TypeScript' });
        const session = await local.signIn(ALICE);
        const pet = await local.adopt(session.token, 'alice/one');
        const r = await local.req(`/api/pets/${pet.id}/webhook`, { method: 'POST', token: session.token });
        expect(r.status).toBe(501);
        const e = await errorOf(r);
        expect(e.code).toBe('not_configured');
        expect(e.message).toMatch(/PUBLIC_URL/);
        expect(local.github.hooks.get('alice/one') ?? []).toHaveLength(0);
      } finally {
        await local.close();
      }
    });
  });
});
