import { createLogger, MemoryBus, type IncomingDelivery } from '@tamagitto/db';
import { dbTargets, type TestDb } from '@tamagitto/db/testing';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryIngestor } from './delivery-ingestor.ts';

const log = createLogger({ level: 'silent', name: 'test', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
const delivery = (id: string): IncomingDelivery => ({
  deliveryId: id,
  event: 'push',
  action: null,
  repositoryGithubId: 1,
  repositoryFullName: 'a/b',
  payload: JSON.stringify({ id }),
  status: 'queued',
});

class FailingBus extends MemoryBus {
  override async enqueue(): Promise<void> {
    throw new Error('redis down');
  }
}

describe('DeliveryIngestor', () => {
  let h: TestDb | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('stores and enqueues a burst in few round trips; repeats (also within one batch) are duplicates', async () => {
    h = await dbTargets()[0]!.create();
    const bus = new MemoryBus();
    const enqueued: string[] = [];
    const consumer = bus.consume(async (j) => void enqueued.push(j.ref), { group: 'g', consumer: 'c' });
    const ing = new DeliveryIngestor(h, bus, log);
    const ids = Array.from({ length: 200 }, (_, i) => `d${i}`);
    const results = await Promise.all([...ids, 'd1', 'd2'].map((id) => ing.submit(delivery(id), true)));
    expect(results.filter((r) => r.duplicate)).toHaveLength(2);
    const again = await ing.submit(delivery('d5'), true);
    expect(again.duplicate).toBe(true);
    const rows = await h.db.selectFrom('webhook_deliveries').select('delivery_id').execute();
    expect(rows).toHaveLength(200);
    await new Promise((r) => setTimeout(r, 100));
    await consumer.stop();
    expect(enqueued.sort()).toEqual([...ids].sort());
  });

  it('an enqueue failure still accepts the delivery: the row stays queued for the recovery sweep', async () => {
    h = await dbTargets()[0]!.create();
    const ing = new DeliveryIngestor(h, new FailingBus(), log);
    expect(await ing.submit(delivery('x1'), true)).toEqual({ duplicate: false });
    const row = await h.db.selectFrom('webhook_deliveries').select('status').where('delivery_id', '=', 'x1').executeTakeFirstOrThrow();
    expect(row.status).toBe('queued');
  });

  it('a database failure rejects every delivery of the batch (the client gets a 5xx and GitHub retries)', async () => {
    h = await dbTargets()[0]!.create();
    const ing = new DeliveryIngestor(h, new MemoryBus(), log);
    await h.close();
    await expect(ing.submit(delivery('y1'), true)).rejects.toThrow();
    h = undefined;
  });
});
