/**
 * The Redis bus while Redis is down (issue 14): callers on a request path fail
 * within about a second instead of waiting in the client's offline queue for
 * its retries (that made webhooks take > 10 s); a process can start without it
 * (subscribe returns, the consumer keeps retrying — no unhandled rejection);
 * and once a redis-server comes up on the port, the subscription made while it
 * was down receives messages and the consumer receives jobs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RedisBus } from '../src/bus/redis-bus.ts';
import type { Job } from '../src/bus/types.ts';
import { freePort, redisServerSkip, startRedisServer } from '../src/testing/index.ts';

const skip = redisServerSkip;
if (skip) console.warn(`[tamagitto tests] skipping the Redis-down bus test: ${skip}`);

async function until(cond: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function timed(p: Promise<unknown>): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  const ok = await p.then(
    () => true,
    () => false,
  );
  return { ms: performance.now() - started, ok };
}

describe.skipIf(skip)('Redis bus with Redis down, then up', () => {
  let server: { stop(): Promise<void> } | undefined;
  let bus: RedisBus | undefined;
  afterEach(async () => {
    await bus?.close();
    bus = undefined;
    await server?.stop();
    server = undefined;
  });

  it('fails fast while down, starts anyway, and works once Redis is up', async () => {
    const port = await freePort();
    bus = new RedisBus({ url: `redis://127.0.0.1:${port}`, prefix: 'tamagitto-down-test:' });

    for (const [what, call] of [
      ['enqueue', () => bus!.enqueue([{ kind: 'delivery', ref: 'early' }])],
      ['publish', () => bus!.publish('pet.updated', { n: 0 })],
      ['claimOnce', () => bus!.claimOnce('k', 1_000)],
    ] as const) {
      const r = await timed(call());
      expect(r.ok, `${what} should fail while Redis is down`).toBe(false);
      expect(r.ms, `${what} failed after ${Math.round(r.ms)} ms`).toBeLessThan(3_000);
    }
    const ping = performance.now();
    expect(await bus.ping()).toBe(false);
    expect(performance.now() - ping).toBeLessThan(3_000);

    // What a process does at start-up: subscribe and consume. Neither blocks nor throws.
    const received: unknown[] = [];
    const sub = await timed(bus.subscribe('pet.updated', (m) => received.push(m)));
    expect(sub.ok).toBe(true);
    expect(sub.ms).toBeLessThan(5_000);
    const jobs: Job[] = [];
    const consumer = bus.consume(async (j) => void jobs.push(j), { group: 'g', consumer: 'c', claimIdleMs: 1_000 });
    await new Promise((r) => setTimeout(r, 700)); // the consumer loop meets the outage (and must not reject)

    server = startRedisServer(port);
    await until(() => bus!.ping());
    await bus.enqueue([{ kind: 'delivery', ref: 'after' }]);
    await until(() => jobs.some((j) => j.ref === 'after'));
    // The subscription made while Redis was down is in place now.
    await until(async () => {
      await bus!.publish('pet.updated', { n: 1 });
      return received.length > 0;
    });
    expect(received[0]).toEqual({ n: 1 });
    await consumer.stop();
  }, 60_000);
});
