/**
 * The user's view of failed analyses (issue 14): `GET /api/pets/:id/failed` lists the dead-lettered
 * deliveries of the pet's repository with their cause, `POST /api/pets/:id/retry-failed` queues
 * them again and each commit is applied once. On the embedded stack and on PostgreSQL + Redis;
 * the worker's due-retry loop runs on its real timer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryDto } from '@tamagitto/domain';
import { pushPayload, sha, stackTargets, startStack, until, type Stack } from './support/index.ts';

const repo = { owner: 'octocat', name: 'deadletter', id: 7272001 };
const TOKEN = 'ghp_deadLetterToken0000000000000000000001';
const OTHER = 'ghp_deadLetterOther0000000000000000000002';
const GITHUB_MAX_ATTEMPTS = 34; // worker/src/retry-policy.ts

interface FailedBody {
  failed: { deliveryId: string; event: string; receivedAt: string; attempts: number; error: string | null; errorKind: string | null; commits: number; headSha: string | null }[];
}

for (const target of stackTargets()) {
  describe.skipIf(target.skip)(`failed analyses on ${target.name}`, () => {
    let s: Stack | undefined;
    afterEach(async () => {
      await s?.close();
      s = undefined;
    });

    it('a delivery GitHub keeps failing is listed with its cause, retried on request, and applied once', async () => {
      s = await startStack(target);
      s.github.addUser({ login: 'octocat', id: 583231, token: TOKEN });
      s.github.addUser({ login: 'hubot', id: 583232, token: OTHER });
      s.github.addRepo(repo.owner, repo.name, { id: repo.id, language: 'Go' });
      const session = (await s.signIn(TOKEN)).token;
      const other = (await s.signIn(OTHER)).token;
      const pet = await s.adopt(session, `${repo.owner}/${repo.name}`);
      const c = sha('deadletter-1');
      s.github.addCommit(repo.owner, repo.name, { sha: c, message: 'one', files: [{ filename: 'main.go', after: 'package main\n\nfunc main() {}\n' }] });

      const db = s.db.db;
      const row = () => db.selectFrom('webhook_deliveries').selectAll().where('delivery_id', '=', 'dead-1').executeTakeFirstOrThrow();
      s.github.failNext(/\/commits\//, 502, 2);
      expect((await s.deliver('push', pushPayload(repo, [{ sha: c, message: 'one' }]), { deliveryId: 'dead-1' })).status).toBe(202);
      await until(async () => (await row()).status === 'retrying', 20_000, 'the first failure scheduled');
      expect((await (await s.req(`/api/pets/${pet.id}/failed`, { token: session })).json()) as FailedBody).toEqual({ failed: [] });

      // The last attempt of the budget, due now: the worker's due-retry loop takes it, GitHub fails again.
      await db.updateTable('webhook_deliveries').set({ attempts: GITHUB_MAX_ATTEMPTS - 1, next_attempt_at: new Date(Date.now() - 1000) }).where('delivery_id', '=', 'dead-1').execute();
      await until(async () => (await row()).status === 'failed', 20_000, 'the delivery dead-lettered');

      const listed = await s.req(`/api/pets/${pet.id}/failed`, { token: session });
      expect(listed.status).toBe(200);
      const body = (await listed.json()) as FailedBody;
      expect(body.failed).toHaveLength(1);
      expect(body.failed[0]).toMatchObject({ deliveryId: 'dead-1', event: 'push', attempts: GITHUB_MAX_ATTEMPTS, errorKind: 'github', commits: 1, headSha: c });
      expect(body.failed[0]!.error).toMatch(/502/);

      // Another user's view of the pet: 404, and their retry does nothing.
      expect((await s.req(`/api/pets/${pet.id}/failed`, { token: other })).status).toBe(404);
      expect((await s.req(`/api/pets/${pet.id}/retry-failed`, { method: 'POST', token: other })).status).toBe(404);
      expect((await row()).status).toBe('failed');

      const retried = await s.req(`/api/pets/${pet.id}/retry-failed`, { method: 'POST', token: session });
      expect(retried.status).toBe(202);
      expect(await retried.json()).toEqual({ retried: 1 });
      await until(async () => (await row()).status === 'processed', 20_000, 'the retried delivery processed');
      const h = (await (await s.req(`/api/pets/${pet.id}/history`, { token: session })).json()) as HistoryDto;
      expect(h.items.filter((e) => e.sha === c)).toHaveLength(1);
      expect((await (await s.req(`/api/pets/${pet.id}/failed`, { token: session })).json()) as FailedBody).toEqual({ failed: [] });
      // Nothing left to retry.
      expect(await (await s.req(`/api/pets/${pet.id}/retry-failed`, { method: 'POST', token: session })).json()).toEqual({ retried: 0 });
    }, 90_000);
  });
}
