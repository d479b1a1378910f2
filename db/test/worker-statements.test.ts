/**
 * The worker's one-statement reads-and-writes on a real database: claimDelivery (a job's attempt
 * counted and its row read together, never for a finished or scheduled delivery) and the access
 * record (recordAccessOk / recordAccessLost: which pets changed, the first loss kept, a recent
 * check left alone).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimDelivery, insertDeliveries, markDelivery, scheduleRetry } from '../src/repositories/deliveries.ts';
import { insertEntity, recordAccessLost, recordAccessOk } from '../src/repositories/entities.ts';
import { upsertRepository } from '../src/repositories/repositories.ts';
import { upsertUser } from '../src/repositories/users.ts';
import { dbTargets, type TestDb } from '../src/testing/index.ts';

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`the worker's one-statement updates on ${target.name}`, () => {
    let h: TestDb;
    beforeAll(async () => {
      h = await target.create();
    });
    afterAll(() => h?.close());

    it('claimDelivery counts the attempt and returns the row, only while the delivery is received or queued', async () => {
      await insertDeliveries(h.db, [
        { deliveryId: 'c-queued', event: 'push', action: null, repositoryGithubId: 1, repositoryFullName: 'o/r', payload: '{}', status: 'queued' },
        { deliveryId: 'c-done', event: 'push', action: null, repositoryGithubId: 1, repositoryFullName: 'o/r', payload: '{}', status: 'queued' },
        { deliveryId: 'c-later', event: 'push', action: null, repositoryGithubId: 1, repositoryFullName: 'o/r', payload: '{}', status: 'queued' },
      ]);
      const first = await claimDelivery(h.db, 'c-queued');
      expect(first).toMatchObject({ delivery_id: 'c-queued', event: 'push', status: 'queued', attempts: 1 });
      expect((await claimDelivery(h.db, 'c-queued'))?.attempts).toBe(2);

      await markDelivery(h.db, 'c-done', 'processed');
      await scheduleRetry(h.db, 'c-later', { at: new Date(Date.now() + 60_000), error: 'GitHub 502', kind: 'transient' });
      const attemptsOf = async (id: string) => (await h.db.selectFrom('webhook_deliveries').select('attempts').where('delivery_id', '=', id).executeTakeFirstOrThrow()).attempts;
      const before = [await attemptsOf('c-done'), await attemptsOf('c-later')];
      expect(await claimDelivery(h.db, 'c-done')).toBeUndefined();
      expect(await claimDelivery(h.db, 'c-later')).toBeUndefined();
      expect(await claimDelivery(h.db, 'c-missing')).toBeUndefined();
      // A stale duplicate job changes nothing.
      expect([await attemptsOf('c-done'), await attemptsOf('c-later')]).toEqual(before);
    });

    it('recordAccessLost / recordAccessOk: the pets that changed are returned, the first loss is kept, a recent check is left alone', async () => {
      const user = await upsertUser(h.db, { githubId: 77, login: 'mona', name: null, avatarUrl: null }, { encrypted: 'x', scopes: null });
      const other = await upsertUser(h.db, { githubId: 78, login: 'hubot', name: null, avatarUrl: null }, { encrypted: 'x', scopes: null });
      const repo = await upsertRepository(h.db, { githubId: 9001, owner: 'mona', name: 'lisa', language: 'Go', defaultBranch: 'main', private: true });
      const pet = await insertEntity(h.db, { user_id: user.id, repository_id: repo.id, name: 'Lisa', family: 'pet', species: 'cat' });
      const hers = await insertEntity(h.db, { user_id: other.id, repository_id: repo.id, name: 'Other', family: 'pet', species: 'dog' });
      const read = async (id = pet.id) => h.db.selectFrom('entities').select(['access_checked_at', 'access_lost_at']).where('id', '=', id).executeTakeFirstOrThrow();
      const at = (min: number) => new Date(Date.UTC(2026, 11, 7, 10, min));
      const p = { repositoryId: repo.id, userId: user.id };

      // Never checked: an OK is recorded, nothing came back.
      expect(await recordAccessOk(h.db, { ...p, at: at(0), recheckAfterMs: 30 * 60_000 })).toEqual([]);
      expect(await read()).toEqual({ access_checked_at: at(0), access_lost_at: null });
      // Checked 10 minutes ago, re-check after 30: left alone.
      expect(await recordAccessOk(h.db, { ...p, at: at(10), recheckAfterMs: 30 * 60_000 })).toEqual([]);
      expect((await read()).access_checked_at).toEqual(at(0));
      // Lost: returned once, and the first time it was seen is kept.
      expect(await recordAccessLost(h.db, { ...p, at: at(11) })).toEqual([pet.id]);
      expect(await recordAccessLost(h.db, { ...p, at: at(12) })).toEqual([]);
      expect(await read()).toEqual({ access_checked_at: at(12), access_lost_at: at(11) });
      // Back: returned, the loss cleared — a recent check does not hold a change back.
      expect(await recordAccessOk(h.db, { ...p, at: at(13), recheckAfterMs: 30 * 60_000 })).toEqual([pet.id]);
      expect(await read()).toEqual({ access_checked_at: at(13), access_lost_at: null });
      // Another adopter's pet of the same repository is never touched.
      expect(await read(hers.id)).toEqual({ access_checked_at: null, access_lost_at: null });
    });
  });
}
