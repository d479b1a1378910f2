/**
 * The retry schedule's queries (db/src/repositories/deliveries.ts), on PGlite and PostgreSQL:
 * a racing worker's success is never overwritten by another's failure, due retries are claimed
 * once even by concurrent claimers (two connections on PostgreSQL), and replays touch only what
 * they should.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../src/create-db.ts';
import {
  claimDueRetries,
  deadLetter,
  insertDeliveries,
  listUnfinishedDeliveries,
  markDelivery,
  releaseDueRetries,
  replayDeliveries,
  scheduleRetry,
} from '../src/repositories/deliveries.ts';
import { dbTargets, type TestDb } from '../src/testing/index.ts';

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`delivery retries on ${target.name}`, () => {
    let h: TestDb;
    beforeAll(async () => {
      h = await target.create();
    });
    afterAll(() => h?.close());

    const add = async (n: number, repo = 1) => {
      const ids = Array.from({ length: n }, () => randomUUID());
      await insertDeliveries(h.db, ids.map((deliveryId) => ({ deliveryId, event: 'push', action: null, repositoryGithubId: repo, repositoryFullName: 'o/r', payload: '{}', status: 'queued' as const })));
      return ids;
    };
    const status = async (id: string) => (await h.db.selectFrom('webhook_deliveries').select('status').where('delivery_id', '=', id).executeTakeFirstOrThrow()).status;
    const t0 = new Date('2026-12-06T12:00:00Z');

    it('a failure never overwrites a delivery another worker finished', async () => {
      const [id] = await add(1);
      await markDelivery(h.db, id!, 'processed');
      expect(await scheduleRetry(h.db, id!, { at: t0, error: 'late failure', kind: 'github' })).toBe(false);
      expect(await deadLetter(h.db, id!, { error: 'late failure', kind: 'github' })).toBe(false);
      expect(await status(id!)).toBe('processed');
    });

    it('claims only what is due, each row once, even with concurrent claimers; the sweep never lists a scheduled row', async () => {
      await h.db.updateTable('webhook_deliveries').set({ status: 'ignored' }).where('status', 'in', ['retrying', 'queued']).execute();
      const ids = await add(40);
      for (const [i, id] of ids.entries()) await scheduleRetry(h.db, id, { at: new Date(t0.getTime() + (i < 30 ? -1000 : 60_000)), error: 'e', kind: 'github' });
      expect(await listUnfinishedDeliveries(h.db, { receivedBefore: new Date(Date.now() + 3_600_000), limit: 100 })).toEqual([]);
      const other = h.url ? await createDb({ databaseUrl: h.url, poolSize: 2 }) : null;
      try {
        const claims = await Promise.all([claimDueRetries(h.db, { now: t0, limit: 7 }), claimDueRetries((other ?? h).db, { now: t0, limit: 7 }), claimDueRetries(h.db, { now: t0, limit: 100 })]);
        const all = claims.flat();
        expect(new Set(all).size).toBe(all.length);
        // Everything due was claimed by someone (a claimer may skip rows another has locked, never lose them).
        const rest = await claimDueRetries(h.db, { now: t0, limit: 100 });
        expect([...all, ...rest].sort()).toEqual(ids.slice(0, 30).sort());
      } finally {
        await other?.close();
      }
      for (const id of ids.slice(0, 30)) expect(await status(id)).toBe('queued');
      for (const id of ids.slice(30)) expect(await status(id)).toBe('retrying');
      // Given back (the queue refused them): due at once.
      expect(await releaseDueRetries(h.db, ids.slice(0, 5), t0)).toBe(5);
      expect((await claimDueRetries(h.db, { now: t0, limit: 100 })).sort()).toEqual(ids.slice(0, 5).sort());
    });

    it('replays only failed (or, by id, scheduled) deliveries, of the repository asked', async () => {
      const [a, b, c, d] = await add(4, 77);
      const [e] = await add(1, 78);
      for (const id of [a!, b!, e!]) await deadLetter(h.db, id, { error: 'x', kind: 'other' });
      await scheduleRetry(h.db, c!, { at: t0, error: 'y', kind: 'github' });
      expect((await replayDeliveries(h.db, { allFailed: true, repositoryGithubId: 77 }, { as: 'queued', now: t0 })).sort()).toEqual([a!, b!].sort());
      expect(await status(e!)).toBe('failed');
      expect(await replayDeliveries(h.db, { ids: [c!, d!] }, { as: 'due', now: t0 })).toEqual([c!]);
      const row = await h.db.selectFrom('webhook_deliveries').selectAll().where('delivery_id', '=', c!).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'retrying', attempts: 0, error: null, error_kind: null });
      expect(new Date(row.next_attempt_at!).getTime()).toBe(t0.getTime());
      expect(await status(d!)).toBe('queued');
    });
  });
}
