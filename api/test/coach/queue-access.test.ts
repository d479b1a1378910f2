/**
 * Access re-checked when GitHub refuses the user's own token (issue 15): a PR
 * of an adopted repository that the work queue can no longer read makes the api
 * ask GitHub about the repository itself — a 404 there marks the pet's access
 * lost (its reports then answer 403 access_lost); a PR that is merely gone
 * changes nothing; readable again, the mark is cleared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackTargets } from '../support/index.ts';
import { coachStack, DAY, installQueueFake, type CoachStack, type QueueWorld } from './support/index.ts';

for (const target of stackTargets()) {
  describe.skipIf(target.skip)(`access re-checked from the work queue on ${target.name}`, () => {
    let s: CoachStack;
    let world: QueueWorld;
    beforeAll(async () => {
      s = await coachStack(target);
      world = installQueueFake(s.github, s.login);
      world.now = () => s.clock.t;
      world.own.push({ repo: s.repo.fullName, number: 20, title: 'Add rate limiter', author: s.login, createdAt: new Date(s.clock.t - DAY).toISOString(), additions: 10, deletions: 1, ci: 'success' });
    });
    afterAll(async () => s?.close());

    const accessLostAt = async () => (await s.db.db.selectFrom('entities').select('access_lost_at').where('id', '=', s.petId).executeTakeFirstOrThrow()).access_lost_at;
    const queue = async () => expect((await s.req('/api/github/queue', { token: s.session })).status).toBe(200);

    it('a PR that is gone while the repository is readable is not lost access', async () => {
      s.github.failNext(new RegExp(`/repos/${s.repo.fullName}/pulls/20$`), 404, 1);
      await queue();
      expect(await accessLostAt()).toBeNull();
    });

    it('the repository itself answering 404 marks the pet; its reports are refused; readable again clears it', async () => {
      s.github.addRepo(s.repo.owner, s.repo.name, { id: s.repo.id, language: 'TypeScript', private: true, visibleTo: ['someone-else'] });
      s.github.failNext(new RegExp(`/repos/${s.repo.fullName}/pulls/20$`), 404, 1);
      await queue();
      expect(await accessLostAt()).not.toBeNull();
      const refused = await s.req(`/api/pets/${s.petId}/history`, { token: s.session });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('access_lost');

      s.github.addRepo(s.repo.owner, s.repo.name, { id: s.repo.id, language: 'TypeScript' });
      s.github.failNext(new RegExp(`/repos/${s.repo.fullName}/pulls/20$`), 404, 1);
      await queue();
      expect(await accessLostAt()).toBeNull();
    });
  });
}
