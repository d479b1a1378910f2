import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bus, Job } from '../src/bus/types.ts';
import { busTargets } from '../src/testing/index.ts';

const until = async (cond: () => boolean | Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

for (const target of busTargets()) {
  describe.skipIf(target.skip)(`bus contract on ${target.name}`, () => {
    let cleanup: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await cleanup?.();
      cleanup = undefined;
    });
    const open = async (): Promise<Bus> => {
      const t = await target.create();
      cleanup = t.close;
      return t.bus;
    };

    it('delivers every job once to a group of consumers and acks it', async () => {
      const bus = await open();
      const seen: string[] = [];
      const handler = async (j: Job) => {
        seen.push(j.ref);
      };
      const a = bus.consume(handler, { group: 'g', consumer: 'a', concurrency: 3 });
      const b = bus.consume(handler, { group: 'g', consumer: 'b', concurrency: 3 });
      await bus.enqueue(Array.from({ length: 50 }, (_, i) => ({ kind: 'delivery', ref: `r${i}` })));
      await until(() => seen.length >= 50);
      await new Promise((r) => setTimeout(r, 200));
      await Promise.all([a.stop(), b.stop()]);
      expect(seen.sort()).toEqual(Array.from({ length: 50 }, (_, i) => `r${i}`).sort());
    });

    it('keeps jobs enqueued before any consumer started', async () => {
      const bus = await open();
      await bus.enqueue([{ kind: 'delivery', ref: 'early' }]);
      const seen: string[] = [];
      const c = bus.consume(async (j) => void seen.push(j.ref), { group: 'g2', consumer: 'a' });
      await until(() => seen.length === 1);
      await c.stop();
      expect(seen).toEqual(['early']);
    });

    it('redelivers a job whose handler failed, with a higher attempt number', async () => {
      const bus = await open();
      const attempts: number[] = [];
      const c = bus.consume(
        async (j) => {
          attempts.push(j.attempt);
          if (j.attempt < 2) throw new Error('transient');
        },
        { group: 'g3', consumer: 'a', claimIdleMs: 150 },
      );
      await bus.enqueue([{ kind: 'delivery', ref: 'flaky' }]);
      await until(() => attempts.length >= 2);
      await c.stop();
      expect(attempts.slice(0, 2)).toEqual([1, 2]);
    });

    it('stop() waits for in-flight handlers', async () => {
      const bus = await open();
      let finished = false;
      let started = false;
      const c = bus.consume(
        async () => {
          started = true;
          await new Promise((r) => setTimeout(r, 300));
          finished = true;
        },
        { group: 'g4', consumer: 'a' },
      );
      await bus.enqueue([{ kind: 'delivery', ref: 'slow' }]);
      await until(() => started);
      await c.stop();
      expect(finished).toBe(true);
    });

    it('depth() counts jobs until they are acked: waiting, in flight and failed ones alike', async () => {
      const bus = await open();
      expect(await bus.depth()).toBe(0);
      await bus.enqueue(Array.from({ length: 5 }, (_, i) => ({ kind: 'delivery', ref: `d${i}` })));
      expect(await bus.depth()).toBe(5);
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const started: string[] = [];
      const done: string[] = [];
      const c = bus.consume(
        async (j) => {
          started.push(j.ref);
          if (j.ref === 'd0' && j.attempt === 1) throw new Error('transient');
          await gate;
          done.push(j.ref);
        },
        { group: 'gd', consumer: 'a', concurrency: 2, claimIdleMs: 200 },
      );
      await until(() => started.length >= 2);
      // Two taken (one of them failed and waits for its retry), none acked.
      expect(await bus.depth()).toBe(5);
      release();
      await until(() => done.length === 5);
      await until(async () => (await bus.depth()) === 0); // the last handler's ack
      await c.stop();
      expect(await bus.depth()).toBe(0);
    });

    it('fans out published events to every subscriber until unsubscribed', async () => {
      const bus = await open();
      const got1: unknown[] = [];
      const got2: unknown[] = [];
      const un1 = await bus.subscribe('pet.updated', (m) => got1.push(m));
      await bus.subscribe('pet.updated', (m) => got2.push(m));
      await bus.publish('pet.updated', { petId: 'p', health: 71 });
      await until(() => got1.length === 1 && got2.length === 1);
      await un1();
      await bus.publish('pet.updated', { petId: 'p', health: 72 });
      await until(() => got2.length === 2);
      expect(got1).toEqual([{ petId: 'p', health: 71 }]);
      expect(got2).toEqual([{ petId: 'p', health: 71 }, { petId: 'p', health: 72 }]);
      expect(await bus.ping()).toBe(true);
    });
  });
}

if (busTargets()[1]!.skip === null) {
  describe('redis bus: emptied under a running consumer', () => {
    it('calls onReset once the group is gone (a restart without persistence), then consumes new jobs', async () => {
      const t = await busTargets()[1]!.create();
      const admin = new Redis(t.url!, { lazyConnect: false });
      try {
        const seen: string[] = [];
        let resets = 0;
        const consumer = t.bus.consume(async (j) => void seen.push(j.ref), { group: 'gr', consumer: 'c1', onReset: () => resets++ });
        await t.bus.enqueue([{ kind: 'delivery', ref: 'before' }]);
        await until(() => seen.length === 1);
        expect(resets).toBe(0);
        // What a Redis restart without persistence leaves: no stream, no group.
        await admin.del(`${t.prefix!}jobs`);
        await until(() => resets === 1);
        await t.bus.enqueue([{ kind: 'delivery', ref: 'after' }]);
        await until(() => seen.length === 2);
        await consumer.stop();
        expect(seen).toEqual(['before', 'after']);
        expect(resets).toBe(1);
      } finally {
        admin.disconnect();
        await t.close();
      }
    });
  });
}

if (busTargets()[1]!.skip === null) {
  describe('redis bus: a dead consumer', () => {
    it('leaves its job pending and another consumer re-claims it after the idle timeout', async () => {
      const t = await busTargets()[1]!.create();
      try {
        const seen: { consumer: string; attempt: number }[] = [];
        // Consumer "dead" takes the job and never finishes (its process died).
        const dead = t.bus.consume(() => new Promise<void>(() => {}).then(() => {}), { group: 'gx', consumer: 'dead', concurrency: 1 });
        await t.bus.enqueue([{ kind: 'delivery', ref: 'orphan' }]);
        await new Promise((r) => setTimeout(r, 500));
        void dead; // never stopped: it is dead
        const alive = t.bus.consume(async (j) => void seen.push({ consumer: 'alive', attempt: j.attempt }), {
          group: 'gx',
          consumer: 'alive',
          claimIdleMs: 300,
        });
        await until(() => seen.length === 1);
        await alive.stop();
        expect(seen[0]).toEqual({ consumer: 'alive', attempt: 2 });
      } finally {
        await t.close();
      }
    });
  });
}

for (const target of busTargets()) {
  describe.skipIf(target.skip)(`claimOnce on ${target.name}`, () => {
    it('grants a key once until it expires', async () => {
      const t = await target.create();
      try {
        expect(await t.bus.claimOnce('k1', 300)).toBe(true);
        expect(await t.bus.claimOnce('k1', 300)).toBe(false);
        expect(await t.bus.claimOnce('k2', 300)).toBe(true);
        await new Promise((r) => setTimeout(r, 400));
        expect(await t.bus.claimOnce('k1', 300)).toBe(true);
      } finally {
        await t.close();
      }
    });
  });
}
