/**
 * The pet-health service: the only way a pet's health, state, stage or death
 * changes. Commits (worker), the lifecycle scheduler (decay, growth, death),
 * adoption and revival (api) and the puzzle bonus (api) all go through it, so:
 *
 * - the rule is one pure function (`nextVitals` in @tamagitto/domain): health
 *   clamped to 0–100, the state derived from the thresholds, a dead pet
 *   changed only by revival;
 * - every change writes its health_history entry in the caller's transaction,
 *   and the history's unique indexes make each (pet, sha) and (pet, reason,
 *   day) count once;
 * - `pet.updated` is published only after the transaction commits, and a
 *   failed publish is logged (the change stands; clients catch up on their
 *   next read).
 *
 * @example
 * const { events } = await petHealthTransaction(ctx, async (tx) => {
 *   const pet = await getEntityForUpdate(tx.trx, petId);
 *   if (pet) await tx.change(pet, { reason: 'puzzle', delta: PUZZLE_BONUS }, { day, note: 'daily puzzle solved' });
 * });
 */
import { newbornVitals, nextVitals, type HealthChange, type PetUpdatedEvent, type Vitals } from '@tamagitto/domain';
import type { Kysely } from 'kysely';
import { CHANNELS, type Bus } from '../bus/types.ts';
import type { Logger } from '../logger.ts';
import { insertEntity, updateEntity } from '../repositories/entities.ts';
import { insertHealthEntry } from '../repositories/history.ts';
import type { Database, Entity, EntityUpdate, HealthHistory, NewEntity } from '../schema.ts';

export interface PetHealthContext {
  db: Kysely<Database>;
  bus: Bus;
  log: Logger;
  now(): Date;
}

/** What a history entry records beside the change itself. */
export interface ChangeRecord {
  /** The commit that caused it: a pet counts each sha once. */
  sha?: string | null;
  analysisId?: string | null;
  /** The local day it belongs to: a pet counts each (reason, day) once. */
  day?: string | null;
  note?: string | null;
  /** Other columns of the pet to write in the same update (the lifecycle's own bookkeeping). */
  also?: Omit<EntityUpdate, 'health' | 'state' | 'stage' | 'zero_health_since' | 'died_at'>;
}

export type ChangeResult =
  | { applied: true; pet: Entity; entry: HealthHistory; event: PetUpdatedEvent }
  /** `refused`: the rules do not allow it (e.g. a dead pet); `duplicate`: this sha or day was already counted. */
  | { applied: false; why: 'refused' | 'duplicate' };

function vitalsOf(pet: Entity): Vitals {
  const d = (v: Date | string | null) => (v === null ? null : new Date(v));
  return { health: pet.health, state: pet.state, stage: pet.stage, zeroHealthSince: d(pet.zero_health_since), diedAt: d(pet.died_at) };
}

/** Changes made inside one transaction; their events are published once it commits. */
export class PetHealthTx {
  readonly events: PetUpdatedEvent[] = [];

  constructor(
    /** The caller's transaction: lock the pet row with it before changing the pet. */
    readonly trx: Kysely<Database>,
    private readonly now: Date,
  ) {}

  /** Applies `change` to `pet` (a row the caller has locked in `trx`). */
  async change(pet: Entity, change: HealthChange, record: ChangeRecord = {}): Promise<ChangeResult> {
    const next = nextVitals(vitalsOf(pet), change, this.now);
    if (!next) return { applied: false, why: 'refused' };
    const { vitals } = next;
    const entry = await insertHealthEntry(this.trx, {
      entity_id: pet.id,
      reason: change.reason,
      delta: next.delta,
      health_after: vitals.health,
      state_after: vitals.state,
      sha: record.sha ?? null,
      analysis_id: record.analysisId ?? null,
      day: record.day ?? null,
      note: record.note ?? null,
    });
    if (!entry) return { applied: false, why: 'duplicate' };
    const updated = await updateEntity(this.trx, pet.id, {
      ...record.also,
      ...bookkeeping(change, this.now),
      health: vitals.health,
      state: vitals.state,
      stage: vitals.stage,
      zero_health_since: vitals.zeroHealthSince,
      died_at: vitals.diedAt,
    });
    return { applied: true, pet: updated, entry, event: this.record(updated, entry) };
  }

  /** Creates a pet: an egg at the initial health, with its 'adopt' history entry. */
  async adopt(values: Pick<NewEntity, 'user_id' | 'repository_id' | 'name' | 'family' | 'species'>): Promise<Entity> {
    const born = newbornVitals();
    const pet = await insertEntity(this.trx, { ...values, health: born.health, state: born.state, stage: born.stage });
    const entry = await insertHealthEntry(this.trx, {
      entity_id: pet.id,
      reason: 'adopt',
      delta: 0,
      health_after: pet.health,
      state_after: pet.state,
      note: 'adopted',
    });
    if (entry) this.record(pet, entry);
    return pet;
  }

  private record(pet: Entity, entry: HealthHistory): PetUpdatedEvent {
    const event: PetUpdatedEvent = {
      type: 'pet.updated',
      userId: pet.user_id,
      petId: pet.id,
      health: pet.health,
      state: pet.state,
      stage: pet.stage,
      delta: entry.delta,
      reason: entry.reason,
      sha: entry.sha,
      at: this.now.toISOString(),
    };
    this.events.push(event);
    return event;
  }
}

/** Columns a reason resets besides the vitals: a commit feeds the pet today, a revival starts its life over. */
function bookkeeping(change: HealthChange, now: Date): EntityUpdate {
  switch (change.reason) {
    case 'commit':
    case 'poor_commit':
      return { last_commit_at: now };
    case 'revive':
      return { good_days: 0, revived_at: now, last_decay_on: null };
    default:
      return {};
  }
}

/**
 * Runs `work` in one transaction and publishes every change it made through
 * `tx` after the commit. Nothing is published when `work` throws.
 */
export async function petHealthTransaction<T>(
  ctx: PetHealthContext,
  work: (tx: PetHealthTx) => Promise<T>,
): Promise<{ value: T; events: PetUpdatedEvent[] }> {
  const now = ctx.now();
  // PGlite: inside the transaction only `trx` may be used (one mutex-guarded connection).
  const { value, events } = await ctx.db.transaction().execute(async (trx) => {
    const tx = new PetHealthTx(trx, now);
    const value = await work(tx);
    return { value, events: tx.events };
  });
  await publishPetUpdates(ctx, events);
  return { value, events };
}

/** Publishes committed changes; a failure is logged, never thrown (the change is already stored). */
async function publishPetUpdates(ctx: Pick<PetHealthContext, 'bus' | 'log'>, events: readonly PetUpdatedEvent[]): Promise<void> {
  for (const e of events) {
    await ctx.bus
      .publish(CHANNELS.petUpdated, e)
      .catch((err: Error) => ctx.log.warn({ petId: e.petId, reason: e.reason, err: { message: err.message } }, 'pet.updated publish failed'));
  }
}
