/**
 * The lifecycle scheduler (ARCHITECTURE.md "scheduler (worker) ── daily
 * decay, death"): applies lifecycle.ts's plan to every living pet, one
 * transaction per pet, and publishes each change as `pet.updated`.
 *
 * Exactly-once with any number of workers, on three layers:
 * 1. a jobs-table lease per tick slot, so normally one worker sweeps and the
 *    others skip (saves work, not needed for correctness);
 * 2. the pet's row lock: the plan is recomputed under `FOR UPDATE`, so a
 *    second worker sees the first one's `last_decay_on` and finds nothing to do;
 * 3. health_history's unique (pet, reason, day) index: a duplicate day entry
 *    rolls the whole pet transaction back.
 * The sweep runs every `intervalMs` (default 15 min) because "a day" ends at
 * a different instant in every owner's timezone, and death is due 24 h after
 * health reached 0, not at midnight.
 */
import { startSlotJob } from '../slot-job.ts';
import {
  CHANNELS,
  getEntityWithSettingsForUpdate,
  insertHealthEntry,
  listLifecycleCandidates,
  updateEntity,
  type Bus,
  type Database,
  type Entity,
  type Logger,
} from '@tamagitto/db';
import type { Kysely } from 'kysely';
import type { PetUpdatedEvent } from '@tamagitto/db';
import { planChangesPet, planLifecycle, type LifecyclePet } from '@tamagitto/domain';

export interface SchedulerContext {
  db: Kysely<Database>;
  bus: Bus;
  log: Logger;
  now(): Date;
}

export interface SchedulerOptions {
  /** Names this scheduler in logs. */
  name: string;
  /** Time between sweeps; default 15 minutes. */
  intervalMs?: number;
  /** How long a claimed sweep is reserved for this worker before another may take it over; default 10 minutes. */
  leaseMs?: number;
}

export interface RunningScheduler {
  /** Runs one tick now (claims the current slot's lease first); true when this scheduler did the sweep. */
  tick(): Promise<boolean>;
  /** Stops ticking and waits for a sweep in progress. */
  stop(): Promise<void>;
}

export interface LifecycleRunResult {
  /** Pets looked at. */
  checked: number;
  /** Pets whose row changed in this run. */
  changed: number;
  /** Pets whose transaction failed (logged; retried by the next sweep). */
  failed: number;
  events: PetUpdatedEvent[];
}

export const JOB_KIND = 'lifecycle';
const PAGE = 500;
const DEFAULT_INTERVAL_MS = 15 * 60_000;
const DEFAULT_LEASE_MS = 10 * 60_000;
const JOB_RETENTION_MS = 7 * 24 * 3600_000;

/** Thrown inside a pet's transaction when another worker already recorded the same day: rolls it back. */
class AlreadyApplied extends Error {}

function toLifecyclePet(e: Entity): LifecyclePet {
  const d = (v: Date | string | null) => (v === null ? null : new Date(v));
  return {
    health: e.health,
    state: e.state,
    stage: e.stage,
    goodDays: e.good_days,
    createdAt: new Date(e.created_at),
    lastCommitAt: d(e.last_commit_at),
    revivedAt: d(e.revived_at),
    lastDecayOn: e.last_decay_on,
    zeroHealthSince: d(e.zero_health_since),
  };
}

/** One pet, one transaction: recompute the plan under the row lock, record it, return what to publish. */
async function applyLifecycle(db: Kysely<Database>, petId: string, now: Date): Promise<{ changed: boolean; events: PetUpdatedEvent[] }> {
  // PGlite: inside the transaction only `trx` may be used (one mutex-guarded connection).
  return db.transaction().execute(async (trx) => {
    const locked = await getEntityWithSettingsForUpdate(trx, petId);
    if (!locked) return { changed: false, events: [] };
    const { pet } = locked;
    const before = toLifecyclePet(pet);
    const plan = planLifecycle(before, locked.settings, now);
    if (!planChangesPet(plan, before)) return { changed: false, events: [] };

    const event = (e: Pick<PetUpdatedEvent, 'health' | 'state' | 'stage' | 'delta' | 'reason'>): PetUpdatedEvent => ({
      type: 'pet.updated',
      userId: pet.user_id,
      petId: pet.id,
      sha: null,
      at: now.toISOString(),
      ...e,
    });
    const events: PetUpdatedEvent[] = [];
    for (const step of plan.steps) {
      if (!step.note) continue; // nothing visible happened that day: only last_decay_on moves
      const entry = await insertHealthEntry(trx, {
        entity_id: pet.id,
        reason: 'decay',
        delta: step.delta,
        health_after: step.healthAfter,
        state_after: step.stateAfter,
        day: step.day,
        note: step.note,
      });
      if (!entry) throw new AlreadyApplied(`decay for ${step.day}`);
      events.push(event({ health: step.healthAfter, state: step.stateAfter, stage: step.stageAfter, delta: step.delta, reason: 'decay' }));
    }
    if (plan.diedAt) {
      const entry = await insertHealthEntry(trx, {
        entity_id: pet.id,
        reason: 'death',
        delta: 0,
        health_after: plan.health,
        state_after: 'dead',
        day: plan.today,
        note: 'died after 24 h at health 0',
      });
      if (!entry) throw new AlreadyApplied(`death on ${plan.today}`);
      events.push(event({ health: plan.health, state: 'dead', stage: plan.stage, delta: 0, reason: 'death' }));
    }
    await updateEntity(trx, pet.id, {
      health: plan.health,
      state: plan.state,
      stage: plan.stage,
      good_days: plan.goodDays,
      last_decay_on: plan.lastDecayOn,
      zero_health_since: plan.zeroHealthSince,
      ...(plan.diedAt ? { died_at: plan.diedAt } : {}),
    });
    return { changed: true, events };
  });
}

/**
 * One sweep over every living pet at `now`, without the jobs lease: safe to
 * run from several workers at once (row locks decide). Publishes each change
 * after its transaction commits.
 *
 * @example
 * const r = await runLifecycleOnce({ db, bus, log, now: () => clock.now() }, clock.now());
 * expect(r.events.map((e) => e.reason)).toEqual(['decay']);
 */
export async function runLifecycleOnce(ctx: SchedulerContext, now: Date = ctx.now()): Promise<LifecycleRunResult> {
  const result: LifecycleRunResult = { checked: 0, changed: 0, failed: 0, events: [] };
  let afterId: string | null = null;
  for (;;) {
    const page = await listLifecycleCandidates(ctx.db, { afterId, limit: PAGE });
    for (const { pet, settings } of page) {
      result.checked++;
      // Planned without a lock first: most pets have nothing to do on most ticks, and they should cost no transaction.
      const before = toLifecyclePet(pet);
      if (!planChangesPet(planLifecycle(before, settings, now), before)) continue;
      try {
        const r = await applyLifecycle(ctx.db, pet.id, now);
        if (r.changed) result.changed++;
        for (const e of r.events) {
          result.events.push(e);
          await ctx.bus.publish(CHANNELS.petUpdated, e).catch((err: Error) => ctx.log.warn({ petId: e.petId, err: { message: err.message } }, 'pet.updated publish failed'));
        }
      } catch (err) {
        if (err instanceof AlreadyApplied) {
          ctx.log.debug({ petId: pet.id, what: err.message }, 'lifecycle already applied by another worker');
          continue;
        }
        result.failed++;
        ctx.log.error({ petId: pet.id, err: { message: (err as Error).message } }, 'lifecycle update failed; next sweep retries');
      }
    }
    if (page.length < PAGE) break;
    afterId = page.at(-1)!.pet.id;
  }
  return result;
}

/**
 * Sweeps now and then every `intervalMs`; each tick first claims the jobs row
 * ('lifecycle', <slot start ISO>) so that of several workers one does the sweep.
 *
 * @example
 * const scheduler = startScheduler(ctx, { name: 'worker-1' });
 * await scheduler.stop();
 */
export function startScheduler(ctx: SchedulerContext, opts: SchedulerOptions): RunningScheduler {
  const intervalMs = opts.intervalMs ?? DEFAULT_INTERVAL_MS;
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) throw new Error('startScheduler: intervalMs must be > 0');
  return startSlotJob(
    { ...ctx, log: ctx.log.child({ scheduler: opts.name }) },
    {
      kind: JOB_KIND,
      intervalMs,
      leaseMs,
      retentionMs: JOB_RETENTION_MS,
      run: async (now) => {
        const r = await runLifecycleOnce(ctx, now);
        return { checked: r.checked, changed: r.changed, failed: r.failed, events: r.events.length };
      },
      worthLogging: (r) => Boolean(r.changed || r.failed),
    },
  );
}
