/**
 * The lifecycle scheduler (daily decay, growth, death): applies the plan of
 * @tamagitto/domain's planLifecycle to every living pet, one transaction per
 * pet, through the pet-health service, which publishes each change as
 * `pet.updated` once the transaction commits.
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
  getEntityWithSettingsForUpdate,
  listLifecycleCandidates,
  petHealthTransaction,
  updateEntity,
  type Bus,
  type Database,
  type Entity,
  type Logger,
  type PetUpdatedEvent,
} from '@tamagitto/db';
import type { Kysely } from 'kysely';
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

/** One pet, one transaction: recompute the plan under the row lock, record it through the pet-health service. */
async function applyLifecycle(ctx: SchedulerContext, petId: string, now: Date): Promise<{ changed: boolean; events: PetUpdatedEvent[] }> {
  const { value: changed, events } = await petHealthTransaction({ ...ctx, now: () => now }, async (tx) => {
    const locked = await getEntityWithSettingsForUpdate(tx.trx, petId);
    if (!locked) return false;
    let pet = locked.pet;
    const before = toLifecyclePet(pet);
    const plan = planLifecycle(before, locked.settings, now);
    if (!planChangesPet(plan, before)) return false;
    for (const step of plan.steps) {
      if (!step.note) continue; // nothing visible happened that day: only last_decay_on moves
      const r = await tx.change(pet, { reason: 'decay', delta: step.delta, stage: step.stageAfter }, { day: step.day, note: step.note });
      if (!r.applied) throw new AlreadyApplied(`decay for ${step.day}`);
      pet = r.pet;
    }
    if (plan.diedAt) {
      const r = await tx.change(pet, { reason: 'death' }, { day: plan.today, note: 'died after 24 h at health 0' });
      if (!r.applied) throw new AlreadyApplied(`death on ${plan.today}`);
    }
    // The lifecycle's own bookkeeping: which days are judged, how many were good, since when health has been 0.
    await updateEntity(tx.trx, pet.id, { good_days: plan.goodDays, last_decay_on: plan.lastDecayOn, zero_health_since: plan.zeroHealthSince });
    return true;
  });
  return { changed, events };
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
        const r = await applyLifecycle(ctx, pet.id, now);
        if (r.changed) result.changed++;
        result.events.push(...r.events);
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
