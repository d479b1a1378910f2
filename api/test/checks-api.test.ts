/**
 * PR checks and API keys, the api's side (issue 16): keys are shown once, stored as a hash,
 * accepted as X-API-Key only with the route's scope and only while not revoked; a check is
 * requested by PR URL (the requester's own token must read the PR), stored once per head SHA,
 * and a newer head supersedes the older one. The worker is off: these are the api's answers.
 */
import { createHash } from 'node:crypto';
import { createLogger } from '@tamagitto/db';
import { afterEach, describe, expect, it } from 'vitest';
import { apiKeyBucket, createRateLimits, rateLimitedError } from '../src/http/rate-limit.ts';
import { sha, stackTargets, startStack, type Stack } from './support/index.ts';

const repo = { owner: 'octocat', name: 'checked', id: 8181001 };
const TOKEN = 'ghp_checksApiToken00000000000000000000001';
const OTHER = 'ghp_checksApiOther00000000000000000000002';
const PR = `https://github.com/${repo.owner}/${repo.name}/pull/7`;

interface KeyBody {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  lastUsedAt: string | null;
  key?: string;
}

for (const target of stackTargets()) {
  describe.skipIf(target.skip)(`checks and API keys on ${target.name}`, () => {
    let s: Stack | undefined;
    afterEach(async () => {
      await s?.close();
      s = undefined;
    });

    async function setUp() {
      s = await startStack(target, { worker: false });
      s.github.addUser({ login: 'octocat', id: 583231, token: TOKEN });
      s.github.addUser({ login: 'hubot', id: 583232, token: OTHER });
      s.github.addRepo(repo.owner, repo.name, { id: repo.id, language: 'TypeScript' });
      const session = (await s.signIn(TOKEN)).token;
      const other = (await s.signIn(OTHER)).token;
      const pet = await s.adopt(session, `${repo.owner}/${repo.name}`);
      return { s, session, other, pet };
    }

    it('an API key is shown once, stored as its hash, scoped, and stops working when revoked', async () => {
      const { s, session } = await setUp();
      const head = sha('k-head');
      const base = sha('k-base');
      s.github.addPull(repo.owner, repo.name, { number: 7, head, base });

      const created = await s.req('/api/keys', { method: 'POST', token: session, json: { name: 'CI', scopes: ['checks:write'] } });
      expect(created.status).toBe(201);
      const k = (await created.json()) as KeyBody;
      expect(k.key).toMatch(/^tg_[A-Za-z0-9_-]{40,}$/);
      expect(k.key!.startsWith(k.prefix)).toBe(true);
      const row = await s.db.db.selectFrom('api_keys').selectAll().where('id', '=', k.id).executeTakeFirstOrThrow();
      expect(row.hash).toBe(createHash('sha256').update(k.key!).digest('hex'));
      expect(JSON.stringify(row)).not.toContain(k.key!);

      const list = (await (await s.req('/api/keys', { token: session })).json()) as { keys: KeyBody[] };
      expect(list.keys.map((x) => x.id)).toEqual([k.id]);
      expect(list.keys[0]).not.toHaveProperty('key');
      expect(list.keys[0]!.lastUsedAt).toBeNull();

      // With the scope: a check is requested, and the key's use is recorded.
      const byKey = await s.req('/api/checks', { method: 'POST', headers: { 'X-API-Key': k.key! }, json: { pr: PR } });
      expect(byKey.status).toBe(202);
      const { id } = (await byKey.json()) as { id: string };
      expect((await s.req(`/api/checks/${id}`, { headers: { 'X-API-Key': k.key! } })).status).toBe(200);
      const used = (await (await s.req('/api/keys', { token: session })).json()) as { keys: KeyBody[] };
      expect(used.keys[0]!.lastUsedAt).not.toBeNull();

      // A key is not a session: other routes refuse it, and it cannot mint keys.
      expect((await s.req('/api/me', { headers: { 'X-API-Key': k.key! } })).status).toBe(401);
      expect((await s.req('/api/keys', { method: 'POST', headers: { 'X-API-Key': k.key! }, json: { name: 'x', scopes: ['checks:write'] } })).status).toBe(401);

      // A key without the scope.
      const readOnly = (await (await s.req('/api/keys', { method: 'POST', token: session, json: { name: 'read', scopes: ['pets:read'] } })).json()) as KeyBody;
      const refused = await s.req('/api/checks', { method: 'POST', headers: { 'X-API-Key': readOnly.key! }, json: { pr: PR } });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('forbidden');

      // pets:read lists the pets and their checks, and nothing else of theirs; checks:write cannot list them.
      const { pet } = { pet: ((await (await s.req('/api/pets', { token: session })).json()) as { items: { id: string }[] }).items[0]! };
      const pets = await s.req('/api/pets', { headers: { 'X-API-Key': readOnly.key! } });
      expect(pets.status).toBe(200);
      expect(((await pets.json()) as { items: { id: string }[] }).items.map((p) => p.id)).toEqual([pet.id]);
      const checks = await s.req(`/api/pets/${pet.id}/checks`, { headers: { 'X-API-Key': readOnly.key! } });
      expect(checks.status).toBe(200);
      expect(((await checks.json()) as { items: { id: string }[] }).items.map((c) => c.id)).toEqual([id]);
      expect((await s.req(`/api/pets/${pet.id}`, { headers: { 'X-API-Key': readOnly.key! } })).status).toBe(401);
      expect((await s.req(`/api/pets/${pet.id}/pulls`, { headers: { 'X-API-Key': readOnly.key! } })).status).toBe(401);
      expect((await s.req('/api/pets', { method: 'POST', headers: { 'X-API-Key': readOnly.key! }, json: { repo: 'a/b' } })).status).toBe(401);
      expect((await s.req('/api/pets', { headers: { 'X-API-Key': k.key! } })).status).toBe(403);

      // Unknown and revoked keys.
      expect((await s.req(`/api/checks/${id}`, { headers: { 'X-API-Key': `tg_${'A'.repeat(43)}` } })).status).toBe(401);
      expect((await s.req(`/api/keys/${k.id}`, { method: 'DELETE', token: session })).status).toBe(204);
      const revoked = await s.req(`/api/checks/${id}`, { headers: { 'X-API-Key': k.key! } });
      expect(revoked.status).toBe(401);
      expect(((await revoked.json()) as { error: { message: string } }).error.message).toMatch(/revoked/);
      expect((await s.req(`/api/keys/${k.id}`, { method: 'DELETE', token: session })).status).toBe(404);
      const after = (await (await s.req('/api/keys', { token: session })).json()) as { keys: KeyBody[] };
      expect(after.keys.map((x) => x.id)).toEqual([readOnly.id]);

      // A bad scope is a 400.
      expect((await s.req('/api/keys', { method: 'POST', token: session, json: { name: 'x', scopes: ['admin'] } })).status).toBe(400);

      // Key requests count per key (here 3 a minute): over it a 429 that says so, while the owner's session still passes.
      const inc = () => undefined;
      const original = s.api.deps.rateLimits;
      s.api.deps.rateLimits = createRateLimits({ env: { REDIS_URL: undefined, RATE_LIMITS: 0.01 }, log: s.api.deps.log, metrics: { rateLimited: { inc }, rateLimitErrors: { inc } } as never });
      for (let i = 0; i < 3; i++) expect((await s.req('/api/pets', { headers: { 'X-API-Key': readOnly.key! } })).status).toBe(200);
      const limited = await s.req('/api/pets', { headers: { 'X-API-Key': readOnly.key! } });
      expect(limited.status).toBe(429);
      expect(((await limited.json()) as { error: { message: string } }).error.message).toMatch(/per API key/);
      expect((await s.req('/api/pets', { token: session })).status).toBe(200);
      s.api.deps.rateLimits = original;
    });

    it('one check per head: a repeat is the same check (200), a new head supersedes, others cannot see it', async () => {
      const { s, session, other, pet } = await setUp();
      const base = sha('c-base');
      const head1 = sha('c-head-1');
      s.github.addPull(repo.owner, repo.name, { number: 7, head: head1, base });

      expect((await s.req('/api/checks', { method: 'POST', token: session, json: { pr: 'https://example.com/x/y/pull/1' } })).status).toBe(400);
      expect((await s.req('/api/checks', { method: 'POST', token: session, json: { pr: `https://github.com/${repo.owner}/${repo.name}/pull/99` } })).status).toBe(404);
      expect((await s.req('/api/checks', { method: 'POST', token: session, json: { pr: 'https://github.com/octocat/not-adopted/pull/7' } })).status).toBe(404);
      // hubot has not adopted the repository.
      expect((await s.req('/api/checks', { method: 'POST', token: other, json: { pr: PR } })).status).toBe(404);

      const first = await s.req('/api/checks', { method: 'POST', token: session, json: { pr: `${PR}/files` } });
      expect(first.status).toBe(202);
      const a = (await first.json()) as { id: string; status: string };
      expect(a.status).toBe('queued');
      const again = await s.req('/api/checks', { method: 'POST', token: session, json: { pr: PR } });
      expect(again.status).toBe(200);
      expect(((await again.json()) as { id: string }).id).toBe(a.id);

      const head2 = sha('c-head-2');
      s.github.addPull(repo.owner, repo.name, { number: 7, head: head2, base });
      const second = await s.req('/api/checks', { method: 'POST', token: session, json: { pr: PR } });
      expect(second.status).toBe(202);
      const b = (await second.json()) as { id: string };
      expect(b.id).not.toBe(a.id);

      const old = (await (await s.req(`/api/checks/${a.id}`, { token: session })).json()) as { status: string; headSha: string; pr: { number: number } };
      expect(old).toMatchObject({ status: 'superseded', headSha: head1, pr: { number: 7 } });
      expect((await s.req(`/api/checks/${a.id}`, { token: other })).status).toBe(404);

      const page1 = (await (await s.req(`/api/pets/${pet.id}/checks?limit=1`, { token: session })).json()) as { items: { id: string }[]; nextBefore: string | null };
      expect(page1.items.map((x) => x.id)).toEqual([b.id]);
      expect(page1.nextBefore).toBe(b.id);
      const page2 = (await (await s.req(`/api/pets/${pet.id}/checks?limit=1&before=${page1.nextBefore}`, { token: session })).json()) as { items: { id: string }[]; nextBefore: string | null };
      expect(page2.items.map((x) => x.id)).toEqual([a.id]);
      expect(page2.nextBefore).toBeNull();
      expect((await s.req(`/api/pets/${pet.id}/checks`, { token: other })).status).toBe(404);

      // The open PRs as the requester's token reads them, each with its newest check (#8 has none); GitHub failing is a 502.
      s.github.addPull(repo.owner, repo.name, { number: 8, head: sha('c-head-8'), base, title: 'Second' });
      const pulls = await s.req(`/api/pets/${pet.id}/pulls`, { token: session });
      expect(pulls.status).toBe(200);
      const open = (await pulls.json()) as { items: { number: number; title: string; headSha: string; check: { id: string; headSha: string } | null }[]; more: boolean };
      expect(open.items.map((p) => [p.number, p.title, p.headSha, p.check?.id ?? null])).toEqual([
        [8, 'Second', sha('c-head-8'), null],
        [7, 'PR 7', head2, b.id],
      ]);
      expect(open.more).toBe(false);
      expect(((await (await s.req(`/api/pets/${pet.id}/pulls?limit=1`, { token: session })).json()) as { items: unknown[]; more: boolean })).toMatchObject({ items: [expect.objectContaining({ number: 8 })], more: true });
      expect((await s.req(`/api/pets/${pet.id}/pulls?limit=0`, { token: session })).status).toBe(400);
      expect((await s.req(`/api/pets/${pet.id}/pulls`, { token: other })).status).toBe(404);
      s.github.failNext(/\/pulls$/, 502, 1);
      const down = await s.req(`/api/pets/${pet.id}/pulls`, { token: session });
      expect(down.status).toBe(502);
      expect(((await down.json()) as { error: { code: string } }).error.code).toBe('github_error');

      // A check that ended without a report (the dead letter) is queued afresh by a repeat: 202, the same id.
      await s.db.db.updateTable('checks').set({ status: 'failed', error: 'gave up', attempts: 4 }).where('id', '=', b.id).execute();
      const retried = await s.req('/api/checks', { method: 'POST', token: session, json: { pr: PR } });
      expect(retried.status).toBe(202);
      expect(await retried.json()).toEqual({ id: b.id, status: 'queued' });
      expect(await s.db.db.selectFrom('checks').select(['attempts', 'error']).where('id', '=', b.id).executeTakeFirstOrThrow()).toEqual({ attempts: 0, error: null });

      // The repository's PR-check thresholds: the defaults until an adopter changes them (PATCH /api/pets/:id); bad input is a 400 that changes nothing.
      type Thresholds = { failOnSecret: boolean; failAtDelta: number; warnBelowDelta: number; warnOnUntestedCode: boolean; custom: boolean };
      const thresholdsOf = async () => ((await (await s.req(`/api/pets/${pet.id}`, { token: session })).json()) as { checkThresholds: Thresholds }).checkThresholds;
      expect(await thresholdsOf()).toEqual({ failOnSecret: true, failAtDelta: -10, warnBelowDelta: 0, warnOnUntestedCode: true, custom: false });
      const patch = (body: unknown) => s!.req(`/api/pets/${pet.id}`, { method: 'PATCH', token: session, json: body });
      const set = await patch({ checkThresholds: { failAtDelta: -4, warnOnUntestedCode: false } });
      expect(set.status).toBe(200);
      expect(((await set.json()) as { checkThresholds: Thresholds }).checkThresholds).toEqual({ failOnSecret: true, failAtDelta: -4, warnBelowDelta: 0, warnOnUntestedCode: false, custom: true });
      const stored = async () => (await s!.db.db.selectFrom('repositories').select('check_thresholds').where('owner', '=', repo.owner).where('name', '=', repo.name).executeTakeFirstOrThrow()).check_thresholds;
      expect(await stored()).toEqual({ failAtDelta: -4, warnOnUntestedCode: false });
      for (const bad of [{ failAtDelta: 5 }, { failAtDelta: -200 }, { warnBelowDelta: 'x' }, { failOnSecret: 1 }, { maxComplexity: 3 }, []]) {
        const r = await patch({ checkThresholds: bad, name: 'renamed' });
        expect(r.status, JSON.stringify(bad)).toBe(400);
        expect(((await r.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
      }
      expect(await stored()).toEqual({ failAtDelta: -4, warnOnUntestedCode: false });
      expect(((await (await s.req(`/api/pets/${pet.id}`, { token: session })).json()) as { name: string }).name).not.toBe('renamed');
      expect((await patch({ checkThresholds: { failAtDelta: -4 } })).status).toBe(200);
      expect((await s.req(`/api/pets/${pet.id}`, { method: 'PATCH', token: other, json: { checkThresholds: null } })).status).toBe(404);
      expect((await patch({ checkThresholds: null })).status).toBe(200);
      expect(await stored()).toBeNull();
      expect((await thresholdsOf()).custom).toBe(false);

      // Lost access to the repository: its checks are 403 access_lost, like the pet's other data.
      await s.db.db.updateTable('entities').set({ access_lost_at: new Date() }).where('id', '=', pet.id).execute();
      const lost = await s.req(`/api/checks/${a.id}`, { token: session });
      expect(lost.status).toBe(403);
      expect(((await lost.json()) as { error: { code: string } }).error.code).toBe('access_lost');
      expect((await s.req(`/api/pets/${pet.id}/checks`, { token: session })).status).toBe(403);
      expect((await s.req(`/api/pets/${pet.id}/pulls`, { token: session })).status).toBe(403);
      expect((await s.req(`/api/pets/${pet.id}`, { method: 'PATCH', token: session, json: { checkThresholds: { failAtDelta: -1 } } })).status).toBe(403);
      await s.db.db.updateTable('entities').set({ access_lost_at: null }).where('id', '=', pet.id).execute();

      // The requester's own token must read the PR: GitHub's 404 for it is ours.
      s.github.repos.get(`${repo.owner}/${repo.name}`)!.private = true;
      s.github.repos.get(`${repo.owner}/${repo.name}`)!.__owners = new Set(['someone-else']);
      expect((await s.req('/api/checks', { method: 'POST', token: session, json: { pr: PR } })).status).toBe(404);
    });
  });
}

describe('API-key requests are rate-limited per key', () => {
  it('one key over its ceiling does not limit another key from the same address; the bucket is a hash prefix, never the key', async () => {
    const inc = () => undefined;
    const limits = createRateLimits({ env: { REDIS_URL: undefined, RATE_LIMITS: 0.01 }, log: createLogger({ level: 'silent', name: 'test' }), metrics: { rateLimited: { inc }, rateLimitErrors: { inc } } as never });
    const perKey = limits.points('apiKey')!;
    expect(perKey).toBe(3);
    expect(limits.points('ip')!).toBeGreaterThan(perKey * 1.5);
    const a = `tg_${'a'.repeat(43)}`;
    const b = `tg_${'b'.repeat(43)}`;
    expect(apiKeyBucket(a)).toMatch(/^[0-9a-f]{24}$/);
    expect(apiKeyBucket(a)).not.toBe(apiKeyBucket(b));
    expect(apiKeyBucket(undefined)).toBeNull();
    const req = (key: string) => limits.check({ method: 'POST', path: '/api/checks', ip: '203.0.113.40', userId: null, apiKey: apiKeyBucket(key) });
    for (let i = 0; i < perKey; i++) expect(await req(a)).toBeNull();
    const refused = await req(a);
    expect(refused?.tier).toBe('apiKey');
    expect(rateLimitedError(refused!).message).toMatch(/^too many requests \(limit per API key in a minute\): try again in \d+ s$/);
    expect(await req(b)).toBeNull();
    await limits.close();
  });
});
