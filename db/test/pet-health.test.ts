/**
 * The pet-health service on a real database: random sequences of changes
 * (fast-check) applied through petHealthTransaction, then the stored pet, its
 * history and the published events are checked against the invariants.
 */
import { HEALTH_REASONS, INITIAL_HEALTH, MAX_HEALTH, STAGES, stateForHealth, type HealthChange, type PetUpdatedEvent } from '@tamagitto/domain';
import fc from 'fast-check';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../src/bus/types.ts';
import { MemoryBus } from '../src/bus/memory-bus.ts';
import { createLogger } from '../src/logger.ts';
import { petHealthTransaction, type PetHealthContext } from '../src/pets/pet-health.ts';
import { getEntityForUpdate } from '../src/repositories/entities.ts';
import { upsertRepository } from '../src/repositories/repositories.ts';
import { upsertUser } from '../src/repositories/users.ts';
import { dbTargets, type TestDb } from '../src/testing/index.ts';

const delta = fc.integer({ min: -6000, max: 6000 }).map((n) => n / 100);
const change: fc.Arbitrary<HealthChange> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ reason: fc.constantFrom('commit' as const, 'poor_commit' as const), delta }) },
  { weight: 2, arbitrary: fc.record({ reason: fc.constant('puzzle' as const), delta: fc.constant(2) }) },
  { weight: 2, arbitrary: fc.record({ reason: fc.constant('decay' as const), delta: delta.map((d) => -Math.abs(d)), stage: fc.constantFrom(...STAGES) }) },
  { weight: 1, arbitrary: fc.record({ reason: fc.constantFrom('death' as const, 'revive' as const) }) },
);

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`the pet-health service on ${target.name}`, () => {
    let h: TestDb;
    let ctx: PetHealthContext;
    let published: PetUpdatedEvent[];
    let userId: string;
    let seq = 0;
    let clock = Date.parse('2026-12-01T00:00:00Z');

    beforeAll(async () => {
      h = await target.create();
      const bus = new MemoryBus();
      published = [];
      await bus.subscribe(CHANNELS.petUpdated, (m) => published.push(m as PetUpdatedEvent));
      ctx = { db: h.db, bus, log: createLogger({ level: 'silent', name: 'test' }), now: () => new Date((clock += 60_000)) };
      userId = (await upsertUser(h.db, { githubId: 1, login: 'mona', name: null, avatarUrl: null }, { encrypted: 'x', scopes: null })).id;
    });

    /** One pet per (user, repository): each test pet gets a repository of its own. */
    async function adopt(name: string) {
      const n = ++seq;
      const repo = await upsertRepository(h.db, { githubId: 1000 + n, owner: 'mona', name: `lisa-${n}`, language: 'TypeScript', defaultBranch: 'main', private: false });
      const { value } = await petHealthTransaction(ctx, (tx) => tx.adopt({ user_id: userId, repository_id: repo.id, name, family: 'pet', species: 'cat' }));
      return value;
    }
    afterAll(() => h?.close());

    const history = (petId: string) => h.db.selectFrom('health_history').selectAll().where('entity_id', '=', petId).orderBy('created_at').orderBy('id').execute();

    it('keeps every invariant over random sequences of changes', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 12 }), async (changes) => {
          published.length = 0;
          const pet = await adopt('random');
          for (const [i, c] of changes.entries()) {
            await petHealthTransaction(ctx, async (tx) => {
              const locked = (await getEntityForUpdate(tx.trx, pet.id))!;
              const r = await tx.change(locked, c, { sha: c.reason.endsWith('commit') ? `sha-${seq}-${i}` : null, day: `2026-12-${String((i % 28) + 1).padStart(2, '0')}` });
              const stored = (await getEntityForUpdate(tx.trx, pet.id))!;
              if (locked.state === 'dead' && c.reason !== 'revive') expect(r).toEqual({ applied: false, why: 'refused' });
              if (r.applied) expect(stored).toMatchObject({ health: r.pet.health, state: r.pet.state });
              else expect(stored).toMatchObject({ health: locked.health, state: locked.state, stage: locked.stage });
            });
          }
          const final = await h.db.selectFrom('entities').selectAll().where('id', '=', pet.id).executeTakeFirstOrThrow();
          expect(final.health).toBeGreaterThanOrEqual(0);
          expect(final.health).toBeLessThanOrEqual(MAX_HEALTH);
          if (final.state !== 'egg' && final.state !== 'dead') expect(final.state).toBe(stateForHealth(final.health));
          const entries = await history(pet.id);
          const sum = entries.reduce((s, e) => s + e.delta, 0);
          expect(sum).toBeCloseTo(final.health - INITIAL_HEALTH, 6);
          expect(entries.at(-1)).toMatchObject({ health_after: final.health, state_after: final.state });
          for (const e of entries) expect(HEALTH_REASONS).toContain(e.reason);
          // Every stored change was published once, in order, after its commit.
          expect(published.map((e) => [e.reason, e.delta, e.health])).toEqual(entries.map((e) => [e.reason, e.delta, e.health_after]));
        }),
        { numRuns: target.name === 'postgres' ? 40 : 15 },
      );
    });

    it('counts a commit once per pet and publishes nothing for the repeat', async () => {
      const pet = await adopt('once');
      const apply = () =>
        petHealthTransaction(ctx, async (tx) => tx.change((await getEntityForUpdate(tx.trx, pet.id))!, { reason: 'commit', delta: 7 }, { sha: 'abc123' }));
      const first = await apply();
      const again = await apply();
      expect(first.value).toMatchObject({ applied: true, pet: { health: INITIAL_HEALTH + 7, state: 'healthy' } });
      expect(again.value).toEqual({ applied: false, why: 'duplicate' });
      expect(again.events).toEqual([]);
    });

    it('publishes nothing when the transaction rolls back, and the pet is unchanged', async () => {
      const pet = await adopt('rollback');
      published.length = 0;
      await expect(
        petHealthTransaction(ctx, async (tx) => {
          await tx.change((await getEntityForUpdate(tx.trx, pet.id))!, { reason: 'commit', delta: 10 }, { sha: 'rolled-back' });
          throw new Error('later step failed');
        }),
      ).rejects.toThrow('later step failed');
      expect(published).toEqual([]);
      const stored = await h.db.selectFrom('entities').select('health').where('id', '=', pet.id).executeTakeFirstOrThrow();
      expect(stored.health).toBe(INITIAL_HEALTH);
      expect((await history(pet.id)).map((e) => e.reason)).toEqual(['adopt']);
    });

    it('logs a failed publish and keeps the committed change', async () => {
      const lines: string[] = [];
      const log = createLogger({ level: 'warn', name: 'test', destination: new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }) });
      const failing = Object.assign(new MemoryBus(), { publish: async () => Promise.reject(new Error('bus down')) });
      const repo = await upsertRepository(h.db, { githubId: 999, owner: 'mona', name: 'quiet', language: null, defaultBranch: 'main', private: false });
      const r = await petHealthTransaction({ ...ctx, bus: failing, log }, (tx) =>
        tx.adopt({ user_id: userId, repository_id: repo.id, name: 'quiet', family: 'blob', species: 'slime' }),
      );
      expect(r.events).toHaveLength(1);
      expect(lines.join('')).toContain('pet.updated publish failed');
      expect(await h.db.selectFrom('entities').select('id').where('id', '=', r.value.id).executeTakeFirst()).toBeDefined();
    });
  });
}
