/**
 * The account as a whole (issue 15): signing out closes that session's
 * sockets; exporting returns the user's rows and nobody else's, never the
 * token; deleting needs the login typed again, removes the webhooks
 * Tamagitto registered on repositories nobody else adopted (on the fake
 * GitHub) and then every row about the user; a pet whose repository its owner
 * can no longer read is listed but its data is 403 `access_lost` and its
 * updates stop; GitHub rejecting the stored token shows in GET /api/me;
 * releasing a repository's last pet removes its webhook. On the embedded
 * stack, and on PostgreSQL + Redis when set.
 */
import type { ServerResponse } from 'node:http';
import type { AccountDeletedDto, AccountExportDto, MeDto, PetDto, SessionDto } from '@tamagitto/domain';
import { CHANNELS } from '@tamagitto/db';
import type WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeRequest } from './support/fake-github.ts';
import { errorOf, stackTargets, startStack, until, type Stack } from './support/index.ts';

const ALICE = 'ghp_accountAlice0000000000000000000000001';
const BOB = 'ghp_accountBob000000000000000000000000002';
const PUBLIC_URL = 'https://tamagitto.example';
const HOOK_DELETE = /^\/repos\/([^/]+)\/([^/]+)\/hooks\/(\d+)$/;

const closed = (ws: WebSocket) => new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })));

/** The fake GitHub deletes hooks like GitHub does (204), recording each DELETE. */
function acceptHookDeletes(s: Stack): FakeRequest[] {
  const seen: FakeRequest[] = [];
  s.github.on('DELETE', HOOK_DELETE, (req, res: ServerResponse) => {
    seen.push(req);
    const [, owner, name, id] = req.path.match(HOOK_DELETE)!;
    const key = `${owner}/${name}`.toLowerCase();
    const hooks = s.github.hooks.get(key) ?? [];
    const left = hooks.filter((h) => String(h.id) !== id);
    s.github.hooks.set(key, left);
    res.writeHead(left.length < hooks.length ? 204 : 404).end();
  });
  return seen;
}

describe.each(stackTargets())('the account: $name', (target) => {
  let s: Stack;
  let alice: SessionDto;
  let bob: SessionDto;
  let hookDeletes: FakeRequest[];

  beforeEach(async () => {
    if (target.skip) return;
    s = await startStack(target, { worker: false, env: { PUBLIC_URL, RATE_LIMITS: 'off' } });
    s.github.addUser({ login: 'Alice', id: 9001, token: ALICE });
    s.github.addUser({ login: 'bob', id: 9002, token: BOB });
    s.github.addRepo('Alice', 'solo', { id: 9101, language: 'TypeScript' });
    s.github.addRepo('Alice', 'shared', { id: 9102, language: 'Python', visibleTo: ['Alice', 'bob'] });
    s.github.addRepo('bob', 'own', { id: 9103, language: 'Go' });
    alice = await s.signIn(ALICE);
    bob = await s.signIn(BOB);
    hookDeletes = acceptHookDeletes(s);
  });
  afterEach(async () => s?.close());

  describe.skipIf(target.skip)('sign-out', () => {
    it("closes that session's sockets with 4401 (not the other session's) and the token is refused after", async () => {
      const other = await s.signIn(ALICE);
      const mine = await s.openSocket(alice.token);
      const theirs = await s.openSocket(other.token);
      const mineClosed = closed(mine.ws);
      expect((await s.req('/api/auth/logout', { method: 'POST', token: alice.token })).status).toBe(204);
      expect(await mineClosed).toEqual({ code: 4401, reason: 'signed out: sign in again' });
      expect(theirs.ws.readyState).toBe(theirs.ws.OPEN);
      expect((await s.req('/api/me', { token: alice.token })).status).toBe(401);
      expect((await s.req('/api/me', { token: other.token })).status).toBe(200);
      const row = await s.db.db.selectFrom('sessions').select('revoked_at').where('user_id', '=', alice.user.id).where('revoked_at', 'is not', null).execute();
      expect(row).toHaveLength(1);
    });
  });

  describe.skipIf(target.skip)('export', () => {
    it("holds the user's rows, none of another user's, and never the token", async () => {
      const solo = await s.adopt(alice.token, 'Alice/solo');
      await s.adopt(bob.token, 'bob/own');
      await s.db.db
        .insertInto('conversations')
        .values([
          { user_id: alice.user.id, role: 'user', content: 'alice asks about tests', source: null },
          { user_id: bob.user.id, role: 'user', content: 'bob asks something private', source: null },
        ])
        .execute();
      await s.db.db.insertInto('llm_usage').values({ user_id: alice.user.id, provider: 'anthropic', model: 'm', purpose: 'chat', tokens_in: 10, tokens_out: 5, latency_ms: 100, cost_usd: 0.001, ok: true }).execute();
      expect((await s.req('/api/sessions/start', { method: 'POST', token: alice.token })).status).toBe(201);
      const key = (await (await s.req('/api/keys', { method: 'POST', token: alice.token, json: { name: 'CI', scopes: ['checks:write'] } })).json()) as { key: string };
      const soloRepo = await s.db.db.selectFrom('entities').select('repository_id').where('id', '=', solo.id).executeTakeFirstOrThrow();
      await s.db.db.insertInto('checks').values({ repository_id: soloRepo.repository_id, pr_number: 3, head_sha: 'a'.repeat(40), base_sha: 'b'.repeat(40), requested_by: alice.user.id }).execute();

      const r = await s.req('/api/me/export', { token: alice.token });
      expect(r.status).toBe(200);
      expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="tamagitto-export-Alice-\d{4}-\d{2}-\d{2}\.json"$/);
      const text = await r.text();
      expect(text).not.toContain(ALICE);
      const stored = await s.db.db.selectFrom('users').select('token_encrypted').where('id', '=', alice.user.id).executeTakeFirstOrThrow();
      expect(text).not.toContain(stored.token_encrypted!);
      expect(text).not.toContain('bob');
      const x = JSON.parse(text) as AccountExportDto;
      expect(x.user).toMatchObject({ id: alice.user.id, login: 'Alice', githubToken: 'stored encrypted; not exported' });
      expect(x.pets.map((p) => p.id)).toEqual([solo.id]);
      expect(x.pets[0]!.history.map((h) => h.reason)).toEqual(['adopt']);
      expect(x.conversations.map((c) => c.content)).toEqual(['alice asks about tests']);
      expect(x.llmUsage).toHaveLength(1);
      expect(x.daySessions).toHaveLength(1);
      expect(x.sessions.filter((v) => v.current)).toHaveLength(1);
      expect(x.settings.timezone).toBe('UTC');
      // API keys by name and prefix, never the key or its hash; the PR checks Alice asked for.
      expect(x.apiKeys.map((k) => [k.name, k.scopes])).toEqual([['CI', ['checks:write']]]);
      expect(text).not.toContain(key.key);
      const hash = (await s.db.db.selectFrom('api_keys').select('hash').where('user_id', '=', alice.user.id).executeTakeFirstOrThrow()).hash;
      expect(text).not.toContain(hash);
      expect(x.checks.map((c) => [c.repository, c.pr, c.status])).toEqual([['Alice/solo', 3, 'queued']]);
    });
  });

  describe.skipIf(target.skip)('deletion', () => {
    const countsOf = async (userId: string) => {
      const n = async (table: 'entities' | 'sessions' | 'conversations' | 'day_sessions' | 'llm_usage') =>
        Number((await s.db.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow()).n);
      const users = Number((await s.db.db.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).where('id', '=', userId).executeTakeFirstOrThrow()).n);
      return { users, pets: await n('entities'), sessions: await n('sessions'), conversations: await n('conversations'), daySessions: await n('day_sessions'), llm: await n('llm_usage') };
    };

    it('a login that does not match is 400 confirm_mismatch and changes nothing', async () => {
      await s.adopt(alice.token, 'Alice/solo');
      const before = await countsOf(alice.user.id);
      for (const confirm of ['bob', '', 'Alice2']) {
        const r = await s.req('/api/me', { method: 'DELETE', token: alice.token, json: { confirm } });
        expect(r.status, confirm).toBe(400);
        expect((await errorOf(r)).code).toBe('confirm_mismatch');
      }
      expect((await s.req('/api/me', { method: 'DELETE', token: alice.token, json: {} })).status).toBe(400);
      expect(await countsOf(alice.user.id)).toEqual(before);
      expect(hookDeletes).toHaveLength(0);
    });

    it("removes the hooks of repositories nobody else adopted, then every row about the user; bob's data stays", async () => {
      const solo = await s.adopt(alice.token, 'Alice/solo');
      await s.adopt(alice.token, 'Alice/shared');
      const bobsShared = await s.adopt(bob.token, 'Alice/shared');
      expect(solo.webhook.registered).toBe(true);
      const soloRepo = await s.db.db.selectFrom('repositories').selectAll().where('github_id', '=', 9101).executeTakeFirstOrThrow();
      await s.db.db
        .insertInto('commit_analyses')
        .values({ repository_id: soloRepo.id, sha: 'a'.repeat(40), message: 'm', files_changed: 1, additions: 1, deletions: 0, metrics: JSON.stringify({}), findings: JSON.stringify([]), delta: 1, engine_version: 't' })
        .execute();
      await s.db.db
        .insertInto('webhook_deliveries')
        .values({ delivery_id: 'd-solo-1', event: 'push', repository_github_id: 9101, repository_full_name: 'alice/solo', payload: '{}' })
        .execute();
      await s.db.db.insertInto('conversations').values({ user_id: alice.user.id, role: 'user', content: 'hi', source: null }).execute();
      await s.db.db.insertInto('llm_usage').values({ user_id: alice.user.id, provider: 'anthropic', model: 'm', purpose: 'chat', tokens_in: 1, tokens_out: 1, latency_ms: 1, cost_usd: 0, ok: true }).execute();
      expect((await s.req('/api/sessions/start', { method: 'POST', token: alice.token })).status).toBe(201);
      const socket = await s.openSocket(alice.token);
      const socketClosed = closed(socket.ws);

      const r = await s.req('/api/me', { method: 'DELETE', token: alice.token, json: { confirm: ' alice ' } });
      expect(r.status, await r.clone().text()).toBe(200);
      const body = (await r.json()) as AccountDeletedDto;
      expect(body.webhooks).toEqual([{ repository: 'Alice/solo', removed: true }]);
      expect(body.deleted).toMatchObject({ users: 1, pets: 2, repositories: 1, vetReports: 1, webhookDeliveries: 1, conversations: 1, llmUsage: 1, daySessions: 1 });
      expect(body.deleted.sessions).toBeGreaterThanOrEqual(1);
      expect(hookDeletes.map((h) => h.path)).toEqual([`/repos/Alice/solo/hooks/${soloRepo.webhook_id}`]);
      expect(hookDeletes[0]!.headers.authorization).toMatch(new RegExp(`${ALICE}$`));

      expect(await countsOf(alice.user.id)).toEqual({ users: 0, pets: 0, sessions: 0, conversations: 0, daySessions: 0, llm: 0 });
      expect(await s.db.db.selectFrom('repositories').select('id').where('github_id', '=', 9101).execute()).toHaveLength(0);
      expect(await s.db.db.selectFrom('commit_analyses').select('id').where('repository_id', '=', soloRepo.id).execute()).toHaveLength(0);
      expect(await s.db.db.selectFrom('webhook_deliveries').select('delivery_id').where('repository_github_id', '=', 9101).execute()).toHaveLength(0);
      expect(await s.db.db.selectFrom('repositories').select('id').where('github_id', '=', 9102).execute()).toHaveLength(1);
      expect((await s.req(`/api/pets/${bobsShared.id}`, { token: bob.token })).status).toBe(200);
      expect(await socketClosed).toEqual({ code: 4401, reason: 'account deleted' });
      expect((await s.req('/api/me', { token: alice.token })).status).toBe(401);
    });

    it('reports a webhook GitHub would not remove, and deletes the account anyway', async () => {
      await s.adopt(alice.token, 'Alice/solo');
      s.github.failNext(HOOK_DELETE, 403);
      const r = await s.req('/api/me', { method: 'DELETE', token: alice.token, json: { confirm: 'Alice' } });
      expect(r.status).toBe(200);
      const body = (await r.json()) as AccountDeletedDto;
      expect(body.webhooks).toEqual([{ repository: 'Alice/solo', removed: false, error: expect.stringContaining('GitHub answered 403') }]);
      expect((await countsOf(alice.user.id)).users).toBe(0);
    });
  });

  describe.skipIf(target.skip)('access and the token', () => {
    it('a pet whose repository its owner can no longer read is listed with accessLostAt; its data is 403 and its updates stop, until access returns', async () => {
      const solo = await s.adopt(alice.token, 'Alice/solo');
      const shared = await s.adopt(alice.token, 'Alice/shared');
      const repo = await s.db.db.selectFrom('repositories').select('id').where('github_id', '=', 9102).executeTakeFirstOrThrow();
      const a = await s.db.db
        .insertInto('commit_analyses')
        .values({ repository_id: repo.id, sha: 'c'.repeat(40), message: 'm', files_changed: 1, additions: 1, deletions: 0, metrics: JSON.stringify({}), findings: JSON.stringify([]), delta: 1, engine_version: 't' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const socket = await s.openSocket(alice.token);

      // Alice loses access to Alice/shared: GitHub now answers 404 to her token, and adopting it again finds out.
      const ghRepo = s.github.repos.get('alice/shared')!;
      ghRepo.private = true;
      ghRepo.__owners.delete('Alice');
      expect((await s.req('/api/pets', { method: 'POST', token: alice.token, json: { repo: 'Alice/shared' } })).status).toBe(404);

      const pets = ((await (await s.req('/api/pets', { token: alice.token })).json()) as { items: PetDto[] }).items;
      expect(pets.find((p) => p.id === shared.id)!.accessLostAt).toEqual(expect.any(String));
      expect(pets.find((p) => p.id === solo.id)!.accessLostAt).toBeNull();
      for (const path of [`/api/pets/${shared.id}/history`, `/api/pets/${shared.id}/analyses`, `/api/analyses/${a.id}`]) {
        const r = await s.req(path, { token: alice.token });
        expect(r.status, path).toBe(403);
        expect(await errorOf(r), path).toEqual({
          code: 'access_lost',
          message: 'You no longer have access to Alice/shared on GitHub; ask for access again or release this pet',
        });
      }
      expect((await s.req(`/api/pets/${solo.id}/history`, { token: alice.token })).status).toBe(200);

      // Live: an update of the lost pet is not relayed, one of the other pet is.
      const update = (petId: string, health: number) => ({ type: 'pet.updated', userId: alice.user.id, petId, health, state: 'healthy', stage: 'baby', delta: 1, reason: 'commit', sha: null, at: new Date().toISOString() });
      await s.bus.publish(CHANNELS.petUpdated, update(shared.id, 61));
      await s.bus.publish(CHANNELS.petUpdated, update(solo.id, 62));
      await socket.next((m) => m.type === 'pet.updated' && m.petId === solo.id);
      expect(socket.messages.some((m) => m.type === 'pet.updated' && m.petId === shared.id)).toBe(false);

      // Access comes back: adopting again restores it, and updates flow again.
      ghRepo.__owners.add('Alice');
      const again = await s.req('/api/pets', { method: 'POST', token: alice.token, json: { repo: 'Alice/shared' } });
      expect(again.status).toBe(200);
      expect(((await again.json()) as PetDto).accessLostAt).toBeNull();
      expect((await s.req(`/api/pets/${shared.id}/history`, { token: alice.token })).status).toBe(200);
      await until(async () => {
        await s.bus.publish(CHANNELS.petUpdated, update(shared.id, 63));
        return socket.messages.some((m) => m.type === 'pet.updated' && m.petId === shared.id);
      }, 10_000, 'the restored pet’s update');
    });

    it('GitHub rejecting the stored token during a request shows in GET /api/me until the next sign-in', async () => {
      const ok = (await (await s.req('/api/me', { token: alice.token })).json()) as MeDto;
      expect(ok.token).toEqual({ status: 'ok', reason: null, rejectedAt: null });
      const user = s.github.users.get(ALICE)!;
      s.github.users.delete(ALICE);
      const r = await s.req('/api/repos', { token: alice.token });
      expect(r.status).toBe(401);
      expect((await errorOf(r)).code).toBe('github_unauthorized');
      const me = (await (await s.req('/api/me', { token: alice.token })).json()) as MeDto;
      expect(me.token).toEqual({ status: 'rejected', reason: expect.stringContaining('GitHub rejected'), rejectedAt: expect.any(String) });
      s.github.users.set(ALICE, user);
      const again = await s.signIn(ALICE);
      expect(((await (await s.req('/api/me', { token: again.token })).json()) as MeDto).token.status).toBe('ok');
    });

    it("releasing a repository's last pet removes its webhook and the repository's rows; releasing one of two pets does not", async () => {
      const solo = await s.adopt(alice.token, 'Alice/solo');
      const shared = await s.adopt(alice.token, 'Alice/shared');
      await s.adopt(bob.token, 'Alice/shared');
      expect((await s.req(`/api/pets/${shared.id}`, { method: 'DELETE', token: alice.token })).status).toBe(204);
      expect(hookDeletes).toHaveLength(0);
      expect((await s.req(`/api/pets/${solo.id}`, { method: 'DELETE', token: alice.token })).status).toBe(204);
      expect(hookDeletes.map((h) => h.path)).toEqual([expect.stringMatching(/^\/repos\/Alice\/solo\/hooks\/\d+$/)]);
      expect(s.github.hooks.get('alice/solo')).toEqual([]);
      // Nothing about the repository nobody adopts stays behind; the shared one stays for bob.
      expect(await s.db.db.selectFrom('repositories').select('id').where('github_id', '=', 9101).execute()).toHaveLength(0);
      expect(await s.db.db.selectFrom('repositories').select('id').where('github_id', '=', 9102).execute()).toHaveLength(1);
      expect(s.logs.join('')).toContain('last pet released: webhook removed');
    });
  });
});
