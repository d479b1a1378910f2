/**
 * The lifecycle scheduler against real databases (PGlite always, PostgreSQL
 * when TEST_DATABASE_URL is set): decay, death and evolution are written to
 * entities + health_history and published; repeated and concurrent runs —
 * including two "workers" with their own connections — change each pet once.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import {
  CHANNELS,
  createDb,
  createLogger,
  insertEntity,
  MemoryBus,
  updateUserSettings,
  upsertRepository,
  upsertUser,
  type DbHandle,
  type Entity,
  type NewEntity,
} from '@tamagitto/db';
import { dbTargets, type TestDb } from '@tamagitto/db/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PetUpdatedEvent } from '@tamagitto/db';
import { runLifecycleOnce, startScheduler, type SchedulerContext } from '../../src/pet/scheduler.ts';

const H = 3600_000;
const D = 24 * H;
const log = createLogger({ level: 'silent', name: 'test', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

class FakeClock {
  constructor(private t: number) {}
  now = (): Date => new Date(this.t);
  set(iso: string): this {
    this.t = Date.parse(iso);
    return this;
  }
  advance(ms: number): this {
    this.t += ms;
    return this;
  }
}

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`lifecycle scheduler on ${target.name}`, () => {
    let h: TestDb;
    let bus: MemoryBus;
    let published: PetUpdatedEvent[];
    let userId: string;
    const clock = new FakeClock(Date.parse('2026-11-02T10:00:00Z'));
    const ctx = (): SchedulerContext => ({ db: h.db, bus, log, now: clock.now });

    beforeAll(async () => {
      h = await target.create();
    });
    afterAll(async () => {
      await h?.close();
    });
    beforeEach(async () => {
      await h.db.deleteFrom('jobs').execute();
      await h.db.deleteFrom('entities').execute();
      bus?.close();
      bus = new MemoryBus();
      published = [];
      await bus.subscribe(CHANNELS.petUpdated, (m) => published.push(m as PetUpdatedEvent));
      const user = await upsertUser(h.db, { githubId: Math.floor(Math.random() * 1e9), login: `u${randomUUID().slice(0, 6)}`, name: null, avatarUrl: null }, { encrypted: 'x', scopes: null });
      userId = user.id;
      clock.set('2026-11-02T10:00:00Z');
    });

    let repoSeq = 1;
    async function newPet(over: Partial<NewEntity> = {}): Promise<Entity> {
      const n = repoSeq++;
      const repo = await upsertRepository(h.db, { githubId: 900_000 + n + Math.floor(Math.random() * 1e6), owner: 'octo', name: `r${n}`, language: 'TypeScript', defaultBranch: 'main', private: false });
      return insertEntity(h.db, {
        user_id: userId,
        repository_id: repo.id,
        name: `r${n}`,
        family: 'pet',
        species: 'cat',
        health: 70,
        state: 'healthy',
        created_at: new Date('2026-11-02T09:00:00Z'),
        last_commit_at: new Date('2026-11-02T10:00:00Z'),
        ...over,
      });
    }
    const history = (petId: string) =>
      h.db.selectFrom('health_history').select(['reason', 'delta', 'health_after', 'state_after', 'day', 'note']).where('entity_id', '=', petId).orderBy('day').orderBy('created_at').execute();
    const row = (petId: string) => h.db.selectFrom('entities').selectAll().where('id', '=', petId).executeTakeFirstOrThrow();

    it('decays after the grace period, records each day once and publishes pet.updated', async () => {
      const pet = await newPet();
      clock.set('2026-11-06T00:30:00Z'); // Nov 2 commit day, Nov 3–5 grace
      expect((await runLifecycleOnce(ctx(), clock.now())).events).toEqual([]);
      expect((await row(pet.id)).last_decay_on).toBe('2026-11-05');

      clock.set('2026-11-08T00:30:00Z'); // Nov 6 and 7 decay
      const r = await runLifecycleOnce(ctx(), clock.now());
      expect(r.events.map((e) => [e.reason, e.delta, e.health, e.state])).toEqual([
        ['decay', -2, 68, 'healthy'],
        ['decay', -2, 66, 'healthy'],
      ]);
      expect(published).toEqual(r.events);
      expect(published[0]).toMatchObject({ type: 'pet.updated', petId: pet.id, userId, sha: null, stage: 'baby' });
      expect(await history(pet.id)).toEqual([
        { reason: 'decay', delta: -2, health_after: 68, state_after: 'healthy', day: '2026-11-06', note: '4 days without commits: −2' },
        { reason: 'decay', delta: -2, health_after: 66, state_after: 'healthy', day: '2026-11-07', note: '5 days without commits: −2' },
      ]);
      expect(await row(pet.id)).toMatchObject({ health: 66, state: 'healthy', last_decay_on: '2026-11-07' });

      // The same run again, later the same day: nothing more.
      const again = await runLifecycleOnce(ctx(), clock.advance(3 * H).now());
      expect(again).toMatchObject({ changed: 0, events: [] });
      expect(await history(pet.id)).toHaveLength(2);
    });

    it("honours the owner's rest days and timezone from the users row", async () => {
      await updateUserSettings(h.db, userId, { restDays: [0, 6], vacationUntil: null, timezone: 'Asia/Tokyo', notifyOnDecline: true });
      const pet = await newPet({ last_commit_at: new Date('2026-11-06T08:00:00Z'), created_at: new Date('2026-11-06T07:00:00Z') }); // Fri 17:00 in Tokyo
      clock.set('2026-11-12T16:00:00Z'); // Fri 01:00 in Tokyo: Sat+Sun rest, Mon–Wed grace, Thu decays
      const r = await runLifecycleOnce(ctx(), clock.now());
      expect(r.events.map((e) => e.health)).toEqual([68]);
      expect(await history(pet.id)).toMatchObject([{ reason: 'decay', day: '2026-11-12' }]);
    });

    it('kills a pet 24 h after it reached 0 and then leaves it alone', async () => {
      const pet = await newPet({ health: 3, state: 'dying' });
      clock.set('2026-11-08T00:30:00Z');
      await runLifecycleOnce(ctx(), clock.now());
      expect(await row(pet.id)).toMatchObject({ health: 0, state: 'dying', died_at: null });
      expect((await row(pet.id)).zero_health_since).toEqual(clock.now());

      await runLifecycleOnce(ctx(), clock.advance(23 * H).now());
      expect((await row(pet.id)).state).toBe('dying');

      const r = await runLifecycleOnce(ctx(), clock.advance(H).now());
      expect(r.events.map((e) => [e.reason, e.state])).toEqual([['death', 'dead']]);
      expect(await row(pet.id)).toMatchObject({ state: 'dead', health: 0 });
      expect((await row(pet.id)).died_at).toEqual(clock.now());
      expect((await history(pet.id)).at(-1)).toMatchObject({ reason: 'death', state_after: 'dead', day: '2026-11-09' });

      const later = await runLifecycleOnce(ctx(), clock.advance(10 * D).now());
      expect(later.checked).toBe(0); // dead pets are not even looked at
    });

    it('evolves a well-kept pet and shows the stage in pet.updated', async () => {
      const pet = await newPet({ health: 90, state: 'thriving', good_days: 6 });
      clock.set('2026-11-03T00:30:00Z'); // Nov 2 is the 7th good day
      const r = await runLifecycleOnce(ctx(), clock.now());
      expect(r.events).toMatchObject([{ reason: 'decay', delta: 0, stage: 'teen', health: 90 }]);
      expect(await row(pet.id)).toMatchObject({ stage: 'teen', good_days: 7 });
      expect(await history(pet.id)).toMatchObject([{ reason: 'decay', delta: 0, note: 'evolved: baby → teen', day: '2026-11-02' }]);
    });

    it('leaves eggs at their health but marks their days judged', async () => {
      const egg = await newPet({ state: 'egg', last_commit_at: null, created_at: new Date('2026-10-01T00:00:00Z') });
      const r = await runLifecycleOnce(ctx(), clock.set('2026-11-20T00:30:00Z').now());
      expect(r.events).toEqual([]);
      expect(await row(egg.id)).toMatchObject({ state: 'egg', health: 70, last_decay_on: '2026-11-19' });
      expect(await history(egg.id)).toEqual([]);
    });

    it('two workers sweeping at once apply each pet-day exactly once', async () => {
      const pets = await Promise.all(Array.from({ length: 12 }, (_, i) => newPet({ health: 10 + i })));
      // A second "worker": its own connection pool on Postgres; PGlite is one embedded instance, shared.
      let other: DbHandle | null = null;
      if (h.url) other = await createDb({ databaseUrl: h.url, poolSize: 5 });
      const otherBus = new MemoryBus();
      try {
        clock.set('2026-11-10T00:30:00Z'); // Nov 6..9: four decay days each
        const [a, b] = await Promise.all([
          runLifecycleOnce(ctx(), clock.now()),
          runLifecycleOnce({ db: other?.db ?? h.db, bus: otherBus, log, now: clock.now }, clock.now()),
        ]);
        expect(a.failed + b.failed).toBe(0);
        expect(a.changed + b.changed).toBe(pets.length);
        expect(a.events.length + b.events.length).toBe(pets.length * 4);
        for (const [i, p] of pets.entries()) {
          const rows = await history(p.id);
          expect(rows.map((x) => x.day)).toEqual(['2026-11-06', '2026-11-07', '2026-11-08', '2026-11-09']);
          expect((await row(p.id)).health).toBe(10 + i - 8);
        }
      } finally {
        await otherBus.close();
        await other?.close();
      }
    });

    it('two schedulers on one tick: one claims the sweep, the other skips, the pet changes once', async () => {
      const pet = await newPet();
      clock.set('2026-11-07T00:30:00Z');
      const c = ctx();
      // A long interval: only the explicit ticks below run (the immediate first tick is raced too).
      const s1 = startScheduler(c, { name: 's1', intervalMs: D });
      const s2 = startScheduler(c, { name: 's2', intervalMs: D });
      try {
        const [t1, t2] = await Promise.all([s1.tick(), s2.tick()]);
        expect([t1, t2].filter(Boolean).length).toBeLessThanOrEqual(1);
        const jobs = await h.db.selectFrom('jobs').select(['kind', 'key', 'status']).execute();
        expect(jobs).toEqual([{ kind: 'lifecycle', key: '2026-11-07T00:00:00.000Z', status: 'done' }]);
        expect(await history(pet.id)).toMatchObject([{ reason: 'decay', day: '2026-11-06' }]);
        expect(published.filter((e) => e.petId === pet.id)).toHaveLength(1);
        // The slot is done: another tick in the same slot does nothing.
        expect(await s1.tick()).toBe(false);
      } finally {
        await s1.stop();
        await s2.stop();
      }
    });

    it('a sweep whose lease expired is taken over; a live lease is respected', async () => {
      const { claimJob } = await import('@tamagitto/db');
      const now = clock.set('2026-11-07T00:30:00Z').now();
      expect(await claimJob(h.db, 'lifecycle', 'slot-x', now, 60_000)).toBe(true);
      expect(await claimJob(h.db, 'lifecycle', 'slot-x', new Date(now.getTime() + 30_000), 60_000)).toBe(false);
      expect(await claimJob(h.db, 'lifecycle', 'slot-x', new Date(now.getTime() + 61_000), 60_000)).toBe(true);
      const job = await h.db.selectFrom('jobs').select(['attempts', 'status']).where('key', '=', 'slot-x').executeTakeFirstOrThrow();
      expect(job).toEqual({ attempts: 2, status: 'running' });
    });
  });
}
