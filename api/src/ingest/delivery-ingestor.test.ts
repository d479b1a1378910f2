import { createLogger, isDbUnavailable, MemoryBus, type IncomingDelivery } from '@tamagitto/db';
import { dbTargets, type TestDb } from '@tamagitto/db/testing';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { sign } from '@octokit/webhooks-methods';
import { DeliveryIngestor } from './delivery-ingestor.ts';
import { signatureMatches } from './handle-webhook.ts';

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

/** Hangs every enqueue while `down`; then records what it is given. */
class FlakyBus extends MemoryBus {
  down = true;
  attempts = 0;
  readonly accepted: string[][] = [];
  override async enqueue(jobs: { kind: string; ref: string }[]): Promise<void> {
    this.attempts++;
    if (this.down) return new Promise<void>(() => {});
    this.accepted.push(jobs.map((j) => j.ref));
    await super.enqueue(jobs);
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

  it('answers once the row is stored, without waiting for a hung enqueue; retries until the bus takes every id once', async () => {
    h = await dbTargets()[0]!.create();
    const bus = new FlakyBus();
    const ing = new DeliveryIngestor(h, bus, log, { busAttemptTimeoutMs: 50, busRetryMinMs: 10, busRetryMaxMs: 40 });
    const started = performance.now();
    const results = await Promise.all(['h1', 'h2', 'h3'].map((id) => ing.submit(delivery(id), true)));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(results).toEqual([{ duplicate: false }, { duplicate: false }, { duplicate: false }]);
    await ing.submit(delivery('h4'), true);
    expect(ing.backlog).toBe(4);
    await new Promise((r) => setTimeout(r, 300));
    expect(bus.attempts).toBeGreaterThan(2); // backed off and tried again
    bus.down = false;
    await new Promise((r) => setTimeout(r, 200));
    expect(ing.backlog).toBe(0);
    expect(bus.accepted.flat().sort()).toEqual(['h1', 'h2', 'h3', 'h4']);
    await ing.close(100);
  });

  it('close() waits for the bus only so long: what is left stays queued in the database', async () => {
    h = await dbTargets()[0]!.create();
    const bus = new FlakyBus();
    const ing = new DeliveryIngestor(h, bus, log, { busAttemptTimeoutMs: 50, busRetryMinMs: 10, busRetryMaxMs: 20 });
    await ing.submit(delivery('c1'), true);
    const started = performance.now();
    await ing.close(150);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(ing.backlog).toBe(1);
    const attempts = bus.attempts;
    await new Promise((r) => setTimeout(r, 100));
    expect(bus.attempts).toBe(attempts); // stopped retrying
    const row = await h.db.selectFrom('webhook_deliveries').select('status').where('delivery_id', '=', 'c1').executeTakeFirstOrThrow();
    expect(row.status).toBe('queued');
  });

  it('a database failure rejects every delivery of the batch (the client gets a 503 db_unavailable and GitHub can redeliver)', async () => {
    h = await dbTargets()[0]!.create();
    const ing = new DeliveryIngestor(h, new MemoryBus(), log);
    await h.close();
    await expect(ing.submit(delivery('y1'), true)).rejects.toSatisfy(isDbUnavailable);
    h = undefined;
  });
});

// On Postgres, where the batch's binary text[] parameter copies a Buffer's bytes as they are (every webhook test
// on the embedded stack already sends its body as a Buffer through PGlite's path).
describe.each(dbTargets().filter((t) => t.name === 'postgres'))('the raw body as a Buffer: $name', (target) => {
  it.skipIf(target.skip !== null)('is stored byte for byte, in one batch with text payloads', async () => {
    const h = await target.create();
    try {
      const ing = new DeliveryIngestor(h, new MemoryBus(), log);
      const bytes = Buffer.from(JSON.stringify({ name: 'Zoë 🐣 ünïcode', n: 1 }), 'utf8');
      await Promise.all([ing.submit({ ...delivery('b1'), payload: bytes }, false), ing.submit(delivery('s1'), false)]);
      const rows = await h.db.selectFrom('webhook_deliveries').select(['delivery_id', 'payload']).orderBy('delivery_id').execute();
      expect(rows.map((r) => [r.delivery_id, r.payload])).toEqual([
        ['b1', bytes.toString('utf8')],
        ['s1', JSON.stringify({ id: 's1' })],
      ]);
    } finally {
      await h.close();
    }
  });
});

describe('signatureMatches', () => {
  const secret = 'a-webhook-secret';
  const body = Buffer.from('{"zen":"Keep it logically awesome. ✓"}');
  it("accepts exactly GitHub's signature of the raw bytes", async () => {
    const good = await sign(secret, body.toString('utf8'));
    expect(signatureMatches(secret, body, good)).toBe(true);
    expect(signatureMatches('another-secret', body, good)).toBe(false);
    expect(signatureMatches(secret, Buffer.concat([body, Buffer.from(' ')]), good)).toBe(false);
    expect(signatureMatches(secret, body, good.toUpperCase().replace('SHA256', 'sha256'))).toBe(false);
    expect(signatureMatches(secret, body, `sha1=${good.slice(7, 47)}`)).toBe(false);
    expect(signatureMatches(secret, body, good.slice(0, -2))).toBe(false);
    expect(signatureMatches(secret, Buffer.alloc(0), good)).toBe(false);
  });
});
