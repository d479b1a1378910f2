/**
 * Retries live in Postgres (issue 14), on PGlite and (when configured) PostgreSQL: a GitHub
 * failure leaves the delivery `retrying` with its next time, the due-retry loop enqueues it when
 * that time comes (the clock is driven through ctx.now), the budget ends in the dead letter with
 * the last error, a replay applies the commit exactly once, and the recovery sweep never
 * re-enqueues a scheduled row. GitHub is the worker's fake (test/support/fake-github.ts).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import {
  createDb,
  createLogger,
  insertDeliveries,
  MemoryBus,
  replayDeliveries,
  TokenCipher,
  type DeliveryErrorKind,
} from '@tamagitto/db';
import { dbTargets, type TestDb } from '@tamagitto/db/testing';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueueDueRetries } from '../src/due-retries.ts';
import { processDelivery, type DeliveryOutcome, type WorkerContext } from '../src/process-delivery.ts';
import { recoverDeliveries } from '../src/recover.ts';
import { GITHUB_MAX_ATTEMPTS, OTHER_MAX_ATTEMPTS } from '../src/retry-policy.ts';
import { startWorker } from '../src/worker.ts';
import { seedAdopter, seedRepo } from './support/adopters.ts';
import { WorkerFakeGithub } from './support/fake-github.ts';

const log = createLogger({ level: 'silent', name: 'test', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

class Clock {
  t = Date.parse('2026-12-06T12:00:00Z');
  now = (): Date => new Date(this.t);
}

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`retries in Postgres on ${target.name}`, () => {
    let h: TestDb;
    let gh: WorkerFakeGithub;
    let cipher: TokenCipher;
    const buses: MemoryBus[] = [];

    beforeAll(async () => {
      h = await target.create();
      gh = await new WorkerFakeGithub().start();
      cipher = new TokenCipher(randomBytes(32).toString('hex'));
    });
    afterAll(async () => {
      await gh?.close();
      await h?.close();
    });
    beforeEach(async () => {
      // Each test drives its own clock: nothing another test left scheduled may come due in it.
      await h.db.updateTable('webhook_deliveries').set({ status: 'ignored', next_attempt_at: null }).where('status', '=', 'retrying').execute();
    });
    afterEach(async () => {
      gh.outage = null;
      gh.failWhen = null;
      for (const b of buses.splice(0)) await b.close();
    });

    function context(clock: Clock, outcomes: [DeliveryOutcome, DeliveryErrorKind?][] = []): WorkerContext & { bus: MemoryBus } {
      const bus = new MemoryBus();
      buses.push(bus);
      return { db: h.db, bus, log, cipher, githubApiUrl: gh.url, now: clock.now, random: () => 0.5, onOutcome: (o, k) => outcomes.push([o, k]) };
    }

    /** A user with a token, an adopted repository with one pet, and a push delivery of `n` commits (stored, not enqueued). */
    async function pushed(n = 1): Promise<{ deliveryId: string; shas: string[]; petId: string }> {
      const { n: ghId, repo, fake } = await seedRepo(h.db, gh, 'r', ['mona']);
      const { petId } = await seedAdopter(h.db, gh, cipher, repo, 'mona');
      const shas = gh.push(fake, n);
      const deliveryId = randomUUID();
      const payload = { after: shas.at(-1), repository: { id: ghId, full_name: `octo/r${ghId}` }, commits: shas.map((id) => ({ id, message: 'm' })) };
      await insertDeliveries(h.db, [{ deliveryId, event: 'push', action: null, repositoryGithubId: ghId, repositoryFullName: `octo/r${ghId}`, payload: JSON.stringify(payload), status: 'queued' }]);
      return { deliveryId, shas, petId };
    }

    const row = (id: string) => h.db.selectFrom('webhook_deliveries').selectAll().where('delivery_id', '=', id).executeTakeFirstOrThrow();
    const applied = async (petId: string, sha: string) =>
      (await h.db.selectFrom('health_history').select('id').where('entity_id', '=', petId).where('sha', '=', sha).execute()).length;
    const until = async (what: string, fn: () => Promise<boolean>, ms = 20_000) => {
      const end = Date.now() + ms;
      while (!(await fn())) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    };

    it('a GitHub 502 leaves the delivery retrying with its next time; the due loop enqueues it when due and the worker applies it once', async () => {
      const clock = new Clock();
      const outcomes: [DeliveryOutcome, DeliveryErrorKind?][] = [];
      const ctx = context(clock, outcomes);
      const { deliveryId, shas, petId } = await pushed();
      gh.outage = 502;
      await processDelivery(ctx, deliveryId); // resolves: the failure is recorded, not thrown into the bus
      const r = await row(deliveryId);
      expect(r).toMatchObject({ status: 'retrying', error_kind: 'github', attempts: 1 });
      expect(r.error).toMatch(/502/);
      // First GitHub retry: between 15 and 30 s (0.5 draw: 22.5 s).
      expect(new Date(r.next_attempt_at!).getTime() - clock.t).toBe(22_500);
      expect(outcomes).toEqual([['retrying', 'github']]);
      expect(await ctx.bus.depth()).toBe(0);

      gh.outage = null;
      const worker = await startWorker(ctx, { name: 'w', concurrency: 1, claimIdleMs: 60_000, recoveryIntervalMs: 3_600_000, recoveryAgeMs: 3_600_000, schedulerIntervalMs: 0, pollIntervalMs: 0, nudgeIntervalMs: 0, dueRetryIntervalMs: 30 });
      try {
        await new Promise((res) => setTimeout(res, 300)); // several rounds of the loop: not due yet
        expect((await row(deliveryId)).status).toBe('retrying');
        clock.t += 22_500;
        await until('the retry processed', async () => (await row(deliveryId)).status === 'processed');
      } finally {
        await worker.stop();
      }
      expect(await row(deliveryId)).toMatchObject({ status: 'processed', error: null, error_kind: null, next_attempt_at: null, attempts: 2 });
      expect(await applied(petId, shas[0]!)).toBe(1);
      expect(outcomes).toEqual([['retrying', 'github'], ['processed', undefined]]);
    });

    it('a stale job for a scheduled delivery does nothing; the sweep never re-enqueues it', async () => {
      const clock = new Clock();
      const ctx = context(clock);
      const { deliveryId } = await pushed();
      gh.outage = 503;
      await processDelivery(ctx, deliveryId);
      expect((await row(deliveryId)).status).toBe('retrying');
      const requests = gh.requests.length;
      await processDelivery(ctx, deliveryId); // e.g. a duplicate job: the schedule stands
      expect(gh.requests.length).toBe(requests);
      expect(await row(deliveryId)).toMatchObject({ status: 'retrying', attempts: 1 });

      const queued = await pushed();
      const swept = new MemoryBus();
      buses.push(swept);
      const got: string[] = [];
      swept.consume(async (j) => void got.push(j.ref), { group: 'g', consumer: 'c' });
      const n = await recoverDeliveries(h.db, swept, new Date(Date.now() + 3_600_000));
      await until('the swept jobs consumed', async () => got.length === n);
      expect(got).toContain(queued.deliveryId);
      expect(got).not.toContain(deliveryId);
      expect((await row(deliveryId)).status).toBe('retrying');
    });

    it('GitHub failing past the budget: the dead letter, with the last error; a replay applies each commit exactly once', async () => {
      const clock = new Clock();
      const outcomes: [DeliveryOutcome, DeliveryErrorKind?][] = [];
      const ctx = context(clock, outcomes);
      const { deliveryId, shas, petId } = await pushed(2);
      // The first commit is applied, the second keeps failing (GitHub broken for it).
      gh.failWhen = (r) => (r.path.endsWith(`/commits/${shas[1]}`) ? 502 : null);
      await processDelivery(ctx, deliveryId);
      expect(await row(deliveryId)).toMatchObject({ status: 'retrying', attempts: 1 });
      expect(await applied(petId, shas[0]!)).toBe(1);
      // Skip ahead to the last two attempts of the budget.
      await h.db.updateTable('webhook_deliveries').set({ attempts: GITHUB_MAX_ATTEMPTS - 2 }).where('delivery_id', '=', deliveryId).execute();
      for (let i = 0; i < 2; i++) {
        const due = await row(deliveryId);
        clock.t = new Date(due.next_attempt_at!).getTime();
        expect(await enqueueDueRetries(ctx)).toBe(1);
        await processDelivery(ctx, deliveryId);
      }
      const dead = await row(deliveryId);
      expect(dead).toMatchObject({ status: 'failed', error_kind: 'github', attempts: GITHUB_MAX_ATTEMPTS, next_attempt_at: null });
      expect(dead.error).toMatch(new RegExp(`gave up after ${GITHUB_MAX_ATTEMPTS} attempts \\(github\\): 502`));
      expect(outcomes.at(-1)).toEqual(['dead_lettered', 'github']);
      // Dead-lettered: neither the due loop nor a job touches it.
      clock.t += 10 * 24 * 3600_000;
      expect(await enqueueDueRetries(ctx)).toBe(0);

      gh.failWhen = null;
      expect(await replayDeliveries(h.db, { ids: [deliveryId] }, { as: 'queued', now: clock.now() })).toEqual([deliveryId]);
      await processDelivery(ctx, deliveryId);
      expect(await row(deliveryId)).toMatchObject({ status: 'processed', attempts: 1, error: null });
      for (const sha of shas) expect(await applied(petId, sha)).toBe(1);
      // A second replay finds nothing to do: the delivery is no longer failed.
      expect(await replayDeliveries(h.db, { ids: [deliveryId] }, { as: 'queued', now: clock.now() })).toEqual([]);
      await processDelivery(ctx, deliveryId);
      for (const sha of shas) expect(await applied(petId, sha)).toBe(1);
    });

    it(`other failures (an unreadable payload) are dead-lettered after ${OTHER_MAX_ATTEMPTS} attempts`, async () => {
      const clock = new Clock();
      const outcomes: [DeliveryOutcome, DeliveryErrorKind?][] = [];
      const ctx = context(clock, outcomes);
      const deliveryId = randomUUID();
      await insertDeliveries(h.db, [{ deliveryId, event: 'push', action: null, repositoryGithubId: 1, repositoryFullName: 'o/r', payload: '{"commits": [', status: 'queued' }]);
      for (let i = 0; i < OTHER_MAX_ATTEMPTS; i++) {
        await processDelivery(ctx, deliveryId);
        const r = await row(deliveryId);
        if (r.status !== 'retrying') break;
        clock.t = new Date(r.next_attempt_at!).getTime();
        expect(await enqueueDueRetries(ctx)).toBe(1);
      }
      const r = await row(deliveryId);
      expect(r).toMatchObject({ status: 'failed', error_kind: 'other', attempts: OTHER_MAX_ATTEMPTS });
      expect(r.error).toMatch(/JSON/);
      expect(outcomes.map(([o]) => o)).toEqual([...Array(OTHER_MAX_ATTEMPTS - 1).fill('retrying'), 'dead_lettered']);
    });

    it('a due retry the queue refuses goes back to retrying, due now, and is taken by the next round', async () => {
      const clock = new Clock();
      const ctx = context(clock);
      const { deliveryId } = await pushed();
      gh.outage = 502;
      await processDelivery(ctx, deliveryId);
      clock.t += 3_600_000;
      await ctx.bus.close(); // enqueue now fails: "bus is closed"
      await expect(enqueueDueRetries(ctx)).rejects.toThrow(/closed/);
      const back = await row(deliveryId);
      expect(back.status).toBe('retrying');
      expect(new Date(back.next_attempt_at!).getTime()).toBe(clock.t);
      const next = context(clock);
      expect(await enqueueDueRetries(next)).toBe(1);
      expect(await next.bus.depth()).toBe(1);
    });

    it.skipIf(target.name !== 'postgres')('the database connection lost mid-delivery is transient: retried within seconds, the attempt given back', async () => {
      const clock = new Clock();
      const outcomes: [DeliveryOutcome, DeliveryErrorKind?][] = [];
      const ctx = context(clock, outcomes);
      const { deliveryId, petId } = await pushed();
      // Another connection holds the pet's row, so the worker waits on the lock mid-query (recording
      // the adopter's access, or in its transaction); its backend is then terminated, as a PostgreSQL
      // restart does.
      const other = await createDb({ databaseUrl: h.url!, poolSize: 2 });
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => (locked = r));
      const holder = other.db.transaction().execute(async (trx) => {
        await sql`select id from entities where id = ${petId} for update`.execute(trx);
        locked();
        await held;
      });
      try {
        await isLocked;
        const running = processDelivery(ctx, deliveryId);
        let killed = 0;
        await until('the worker waiting on the lock, terminated', async () => {
          const r = await sql<{ ok: boolean }>`select pg_terminate_backend(pid) as ok from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`.execute(other.db);
          killed += r.rows.filter((x) => x.ok).length;
          return killed > 0;
        });
        await running; // recorded, not thrown: the pool gave the write a fresh connection
      } finally {
        release();
        await holder.catch(() => {});
        await other.close();
      }
      const r = await row(deliveryId);
      expect(r).toMatchObject({ status: 'retrying', error_kind: 'transient', attempts: 0 });
      const delay = new Date(r.next_attempt_at!).getTime() - clock.t;
      expect(delay).toBeGreaterThan(0);
      expect(delay).toBeLessThanOrEqual(2_000);
      expect(outcomes).toEqual([['retrying', 'transient']]);
      // Due in seconds, then applied.
      clock.t += delay;
      expect(await enqueueDueRetries(ctx)).toBe(1);
      await processDelivery(ctx, deliveryId);
      expect(await row(deliveryId)).toMatchObject({ status: 'processed', attempts: 1 });
      expect(await applied(petId, (await row(deliveryId)).payload.match(/"after":"([0-9a-f]{40})"/)![1]!)).toBe(1);
    });
  });
}
