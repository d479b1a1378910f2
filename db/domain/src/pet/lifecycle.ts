/**
 * The pet's life over time (issue #3 "Lifecycle"): decay without commits,
 * death, evolution, revival cooldown. Pure functions of the pet, its owner's
 * settings and an injected `now`, so every rule is table-tested with a fake
 * clock; scheduler.ts does the I/O.
 *
 * The rules, and why they are shaped this way:
 * - Days are calendar days in the OWNER's timezone: "a day without commits"
 *   must mean the day the person lived, not a UTC day that splits their evening.
 * - A day is judged once it is over (the scheduler evaluates yesterday and
 *   older days it has not seen): a day is not "without commits" until it ends.
 * - Grace: the first GRACE_DAYS counted idle days after the last activity
 *   (commit, adoption or revival) cost nothing; each counted idle day after
 *   that costs DECAY_PER_DAY.
 * - Rest days (weekdays, 0 = Sunday) and vacation (every day up to and
 *   including the local day of `vacationUntil`) pause decay: they neither cost
 *   health nor use up grace, so a weekend off never eats the grace period.
 *   Death is also deferred while today is a rest or vacation day.
 * - Eggs do not decay: an egg has not been fed yet (it hatches on its first
 *   analysed commit), so there is nothing to neglect; its days are marked
 *   judged so that good days count from hatching. Dead pets do not change.
 * - Death: health ≤ 0 for DEATH_AFTER_MS (the spec's 24 h).
 * - Evolution: a "good day" is a judged day that ends with the pet healthy or
 *   thriving. baby → teen at TEEN_GOOD_DAYS (a week of care), teen → adult at
 *   ADULT_GOOD_DAYS (about a month). Stages never regress: a sick adult stays
 *   an adult; only a revival starts over as a baby.
 */
import { addDays, localDay, weekday } from '../calendar.ts';
import type { PetStage, PetState } from '../vocabulary.ts';
import { clampHealth, stateForHealth } from './rules.ts';

export const GRACE_DAYS = 3;
export const DECAY_PER_DAY = 2;
export const DEATH_AFTER_MS = 24 * 3600_000;
/** A dead pet may be revived (a new adoption) this long after its death. */
export const REVIVE_COOLDOWN_MS = 48 * 3600_000;
export const TEEN_GOOD_DAYS = 7;
export const ADULT_GOOD_DAYS = 30;
/**
 * At most this many past days are judged in one run. A scheduler that was
 * down for longer catches up over several runs; 60 days is more than enough
 * for any pet to reach 0 (100 / DECAY_PER_DAY + grace).
 */
export const MAX_DAYS_PER_RUN = 60;


/** Checked in order: the first threshold reached wins. */
export const STAGE_THRESHOLDS: readonly { stage: PetStage; goodDays: number }[] = [
  { stage: 'adult', goodDays: ADULT_GOOD_DAYS },
  { stage: 'teen', goodDays: TEEN_GOOD_DAYS },
  { stage: 'baby', goodDays: 0 },
];

const STAGE_RANK: Record<PetStage, number> = { baby: 0, teen: 1, adult: 2 };

/** The owner's humane settings (users.rest_days / vacation_until / timezone). */
export interface LifecycleSettings {
  /** Weekdays off, 0 = Sunday. */
  restDays: readonly number[];
  vacationUntil: Date | null;
  /** IANA name; an unknown one is treated as UTC rather than stopping the pet's clock. */
  timezone: string;
}

/** What the rules need of a pet (a subset of the entities row). */
export interface LifecyclePet {
  health: number;
  state: PetState;
  stage: PetStage;
  goodDays: number;
  createdAt: Date;
  lastCommitAt: Date | null;
  revivedAt: Date | null;
  /** Last local day already judged ('YYYY-MM-DD'), or null. */
  lastDecayOn: string | null;
  zeroHealthSince: Date | null;
}

/** One judged day. `delta` is negative on decay days, 0 otherwise. */
export interface DayStep {
  day: string;
  delta: number;
  healthAfter: number;
  stateAfter: PetState;
  stageAfter: PetStage;
  goodDay: boolean;
  /** Why, for health_history.note; null when nothing visible changed (no history entry). */
  note: string | null;
}

export interface LifecyclePlan {
  steps: DayStep[];
  health: number;
  state: PetState;
  stage: PetStage;
  goodDays: number;
  lastDecayOn: string | null;
  zeroHealthSince: Date | null;
  /** Set when the pet dies in this run. */
  diedAt: Date | null;
  /** Local day of `now`: the day a death is recorded for. */
  today: string;
}

/** Why decay pauses on `day`, or null when it does not. */
export function pauseReason(day: string, s: LifecycleSettings): 'rest day' | 'vacation' | null {
  if (s.vacationUntil && day <= localDay(s.vacationUntil, s.timezone)) return 'vacation';
  if (s.restDays.includes(weekday(day))) return 'rest day';
  return null;
}

/**
 * The stage `goodDays` earns; never lower than `current` (no regression).
 * @example stageFor(7, 'baby') // 'teen'
 */
export function stageFor(goodDays: number, current: PetStage = 'baby'): PetStage {
  const earned = STAGE_THRESHOLDS.find((t) => goodDays >= t.goodDays)!.stage;
  return STAGE_RANK[earned] >= STAGE_RANK[current] ? earned : current;
}

/** Milliseconds until a pet that died at `diedAt` may be revived; 0 when it may. */
export function reviveCooldownLeftMs(diedAt: Date, now: Date): number {
  return Math.max(0, diedAt.getTime() + REVIVE_COOLDOWN_MS - now.getTime());
}

/** The last moment the owner looked after the pet: grace counts from its local day. */
export function lastActivity(pet: Pick<LifecyclePet, 'createdAt' | 'lastCommitAt' | 'revivedAt'>): Date {
  return new Date(Math.max(...[pet.createdAt, pet.lastCommitAt, pet.revivedAt].filter((d): d is Date => d !== null).map((d) => d.getTime())));
}

/**
 * Everything that happens to `pet` between the last judged day and `now`:
 * the days to judge (decay, good days, evolution) and a possible death.
 * Applying the plan twice is prevented by the caller (last_decay_on under a
 * row lock, and the history's unique (pet, reason, day) index).
 *
 * @example
 * const plan = planLifecycle(pet, { restDays: [0, 6], vacationUntil: null, timezone: 'Europe/Paris' }, clock.now());
 * for (const step of plan.steps) if (step.note) record(step);
 */
export function planLifecycle(pet: LifecyclePet, settings: LifecycleSettings, now: Date): LifecyclePlan {
  const today = localDay(now, settings.timezone);
  const plan: LifecyclePlan = {
    steps: [],
    health: pet.health,
    state: pet.state,
    stage: pet.stage,
    goodDays: pet.goodDays,
    lastDecayOn: pet.lastDecayOn,
    zeroHealthSince: pet.zeroHealthSince,
    diedAt: null,
    today,
  };
  const yesterday = addDays(today, -1);
  if (pet.state === 'dead') return plan;
  if (pet.state === 'egg') {
    // Days as an egg are judged as "nothing happens", so the hatched pet starts counting from its hatching, not its adoption.
    if (!pet.lastDecayOn || pet.lastDecayOn < yesterday) plan.lastDecayOn = yesterday;
    return plan;
  }

  const activityDay = localDay(lastActivity(pet), settings.timezone);
  // Every finished day is judged once (good days count on commit days too); a pet never judged starts on its adoption/revival day.
  const first = pet.lastDecayOn ? addDays(pet.lastDecayOn, 1) : localDay(pet.revivedAt ?? pet.createdAt, settings.timezone);

  // Counted idle days before `first` decide how much grace is left; once it is used up, counting further changes nothing.
  let idle = 0;
  for (let d = addDays(activityDay, 1); d < first && idle <= GRACE_DAYS; d = addDays(d, 1)) {
    if (!pauseReason(d, settings)) idle++;
  }

  for (let d = first, n = 0; d <= yesterday && n < MAX_DAYS_PER_RUN; d = addDays(d, 1), n++) {
    const paused = pauseReason(d, settings);
    let delta = 0;
    let note: string | null = null;
    // Days up to the activity day are never idle (a scheduler that ran late must not punish them).
    if (!paused && d > activityDay) {
      idle++;
      if (idle > GRACE_DAYS) {
        const health = clampHealth(plan.health - DECAY_PER_DAY);
        delta = Math.round((health - plan.health) * 100) / 100;
        plan.health = health;
        if (delta !== 0) note = `${idle} days without commits: −${DECAY_PER_DAY}`;
      }
    }
    plan.state = stateForHealth(plan.health);
    if (plan.health <= 0 && !plan.zeroHealthSince) plan.zeroHealthSince = now;
    const goodDay = plan.state === 'healthy' || plan.state === 'thriving';
    if (goodDay) plan.goodDays++;
    const stage = stageFor(plan.goodDays, plan.stage);
    if (stage !== plan.stage) note = [note, `evolved: ${plan.stage} → ${stage}`].filter(Boolean).join('; ');
    plan.stage = stage;
    plan.lastDecayOn = d;
    plan.steps.push({ day: d, delta, healthAfter: plan.health, stateAfter: plan.state, stageAfter: plan.stage, goodDay, note });
  }

  // A commit can also bring health to 0 (apply-commit sets zero_health_since then); this covers rows that missed it.
  if (plan.health <= 0 && !plan.zeroHealthSince) plan.zeroHealthSince = now;
  if (
    plan.health <= 0 &&
    plan.zeroHealthSince &&
    now.getTime() - plan.zeroHealthSince.getTime() >= DEATH_AFTER_MS &&
    !pauseReason(today, settings)
  ) {
    plan.state = 'dead';
    plan.diedAt = now;
  }
  return plan;
}

/** True when the plan changes the stored pet at all (so the caller can skip the write). */
export function planChangesPet(plan: LifecyclePlan, pet: LifecyclePet): boolean {
  return (
    plan.steps.length > 0 ||
    plan.diedAt !== null ||
    plan.lastDecayOn !== pet.lastDecayOn ||
    (plan.zeroHealthSince?.getTime() ?? null) !== (pet.zeroHealthSince?.getTime() ?? null)
  );
}
