/**
 * Orphans (src/recover.ts): a delivery committed and answered 202 by an api
 * that was killed before its asynchronous enqueue is in Postgres and not in
 * the queue. recoverOrphans enqueues exactly those — never a delivery the
 * queue already holds, never a finished or retrying one — on the real Redis
 * bus (TEST_REDIS_URL), with the database on PGlite (or TEST_DATABASE_URL).
 */
import { insertDeliveries, type Bus, type DeliveryStatus } from '@tamagitto/db';
import { busTargets, dbTargets, type TestDb } from '@tamagitto/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoverOrphans } from '../src/recover.ts';

const redis = busTargets().find((t) => t.name === 'redis')!;
const dbTarget = dbTargets().find((t) => !t.skip && t.name !== 'pglite') ?? dbTargets()[0]!;

describe.skipIf(redis.skip)(`orphaned deliveries on the Redis bus (database: ${dbTarget.name})`, () => {
  let h: TestDb;
  let bus: Bus;
  let closeBus: () => Promise<void>;
  beforeAll(async () => {
    h = await dbTarget.create();
    const t = await redis.create();
    bus = t.bus;
    closeBus = t.close;
  });
  afterAll(async () => {
    await closeBus?.();
    await h?.close();
  });

  const row = (deliveryId: string, status: DeliveryStatus) => ({ deliveryId, event: 'push', action: null, repositoryGithubId: 7, repositoryFullName: 'o/r', payload: '{}', status });

  it('enqueues the accepted deliveries the queue does not hold, and only those', async () => {
    await insertDeliveries(h.db, [
      row('in-queue', 'queued'),
      row('orphan-1', 'queued'),
      row('orphan-2', 'received'),
      row('waiting-retry', 'retrying'),
      row('done', 'processed'),
    ]);
    await bus.enqueue([{ kind: 'delivery', ref: 'in-queue' }]);
    expect(await bus.queuedRefs!('delivery', 1000)).toEqual(new Set(['in-queue']));

    const future = new Date(Date.now() + 60_000);
    expect(await recoverOrphans(h.db, bus, future)).toBe(2);
    expect(await bus.queuedRefs!('delivery', 1000)).toEqual(new Set(['in-queue', 'orphan-1', 'orphan-2']));
    // A second round finds nothing new: the queue holds them all now.
    expect(await recoverOrphans(h.db, bus, future)).toBe(0);
    expect(await bus.depth()).toBe(3);
  });

  it('leaves young deliveries alone (their api may still be enqueueing them) and steps aside when the queue is too long to list', async () => {
    await insertDeliveries(h.db, [row('young', 'queued')]);
    expect(await recoverOrphans(h.db, bus, new Date(Date.now() - 60_000))).toBe(0);
    expect(await bus.queuedRefs!('delivery', 1)).toBeNull();
  });
});
