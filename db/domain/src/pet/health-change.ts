/**
 * The one rule for changing a pet's health. Every change — a commit, a day of
 * decay, growth, death, adoption, revival, the puzzle bonus — goes through
 * `nextVitals`, so health is always clamped the same way, the state always
 * follows the thresholds, and a dead pet changes only by revival.
 *
 * Pure: `@tamagitto/db`'s pet-health service applies the result in a
 * transaction, writes the history entry and publishes `pet.updated`.
 */
import { STAGES, type PetStage, type PetState } from '../vocabulary.ts';
import { clampHealth, INITIAL_HEALTH, stateForHealth } from './rules.ts';

/** What every change reads and writes of a pet. */
export interface Vitals {
  health: number;
  state: PetState;
  stage: PetStage;
  /** When health first reached 0 (death follows 24 h later); null while above 0. */
  zeroHealthSince: Date | null;
  diedAt: Date | null;
}

/**
 * One change, by reason:
 * - `commit` / `poor_commit`: add `delta`; an egg hatches.
 * - `puzzle`: add `delta` to a hatched pet (eggs hatch from commits only).
 * - `decay`: one judged day of the lifecycle: add `delta` (≤ 0) and grow to `stage` if given (never shrinks).
 * - `death`: a pet whose health is 0 dies.
 * - `adopt`: a new pet, an egg at INITIAL_HEALTH.
 * - `revive`: a dead pet starts over as an egg at INITIAL_HEALTH.
 */
export type HealthChange =
  | { reason: 'commit' | 'poor_commit' | 'puzzle'; delta: number }
  | { reason: 'decay'; delta: number; stage?: PetStage }
  | { reason: 'death' | 'adopt' | 'revive' };

export interface VitalsChange {
  vitals: Vitals;
  /** The change actually applied to health (after clamping), rounded to 0.01. */
  delta: number;
}

/** The vitals of a pet that has just been adopted or revived. */
export function newbornVitals(): Vitals {
  return { health: INITIAL_HEALTH, state: 'egg', stage: 'baby', zeroHealthSince: null, diedAt: null };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The vitals after `change`, or null when the rules refuse it (a dead pet that
 * is not being revived, an egg that is offered a puzzle bonus or decay, a
 * revival of a living pet, a death above 0 health).
 *
 * @example nextVitals({ health: 99, state: 'thriving', stage: 'teen', zeroHealthSince: null, diedAt: null }, { reason: 'commit', delta: 5 }, now)
 * // { vitals: { health: 100, state: 'thriving', … }, delta: 1 }
 */
export function nextVitals(pet: Vitals, change: HealthChange, now: Date): VitalsChange | null {
  switch (change.reason) {
    case 'adopt':
      return { vitals: newbornVitals(), delta: 0 };
    case 'revive':
      if (pet.state !== 'dead') return null;
      return { vitals: newbornVitals(), delta: round2(INITIAL_HEALTH - pet.health) };
    case 'death':
      if (pet.state === 'dead' || pet.state === 'egg' || pet.health > 0) return null;
      return { vitals: { ...pet, state: 'dead', diedAt: now }, delta: 0 };
    default: {
      if (pet.state === 'dead') return null;
      const hatches = change.reason === 'commit' || change.reason === 'poor_commit';
      if (pet.state === 'egg' && !hatches) return null;
      const health = clampHealth(pet.health + change.delta);
      const stage = change.reason === 'decay' && change.stage ? laterStage(pet.stage, change.stage) : pet.stage;
      return {
        vitals: {
          health,
          state: stateForHealth(health),
          stage,
          zeroHealthSince: health <= 0 ? (pet.zeroHealthSince ?? now) : null,
          diedAt: null,
        },
        delta: round2(health - pet.health),
      };
    }
  }
}

/** Stages never regress: growth only moves forward. */
function laterStage(current: PetStage, offered: PetStage): PetStage {
  return STAGES.indexOf(offered) > STAGES.indexOf(current) ? offered : current;
}
