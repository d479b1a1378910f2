import { describe, expect, it } from 'vitest';
import {
  addDays,
  DEATH_AFTER_MS,
  localDay,
  MAX_DAYS_PER_RUN,
  pauseReason,
  planChangesPet,
  planLifecycle,
  reviveCooldownLeftMs,
  stageFor,
  weekday,
  type LifecyclePet,
  type LifecyclePlan,
  type LifecycleSettings,
} from '../src/index.ts';

/** A controllable clock: the rules never read the real time. */
class FakeClock {
  #t: number;
  constructor(iso: string) {
    this.#t = Date.parse(iso);
  }
  now(): Date {
    return new Date(this.#t);
  }
  advance(ms: number): this {
    this.#t += ms;
    return this;
  }
}

const H = 3600_000;
const D = 24 * H;
const UTC: LifecycleSettings = { restDays: [], vacationUntil: null, timezone: 'UTC' };

function pet(over: Partial<LifecyclePet> = {}): LifecyclePet {
  return {
    health: 70,
    state: 'healthy',
    stage: 'baby',
    goodDays: 0,
    createdAt: new Date('2026-11-02T09:00:00Z'), // adopted the morning of the last commit
    lastCommitAt: new Date('2026-11-02T10:00:00Z'), // a Monday
    revivedAt: null,
    lastDecayOn: null,
    zeroHealthSince: null,
    ...over,
  };
}

/** What the scheduler stores after a plan: the next run starts from here. */
function applied(p: LifecyclePet, plan: LifecyclePlan): LifecyclePet {
  return { ...p, health: plan.health, state: plan.state, stage: plan.stage, goodDays: plan.goodDays, lastDecayOn: plan.lastDecayOn, zeroHealthSince: plan.zeroHealthSince };
}

const decayDays = (plan: LifecyclePlan) => plan.steps.filter((s) => s.delta < 0).map((s) => s.day);

describe('calendar helpers', () => {
  it.each([
    ['2026-11-23T23:30:00Z', 'UTC', '2026-11-23'],
    ['2026-11-23T23:30:00Z', 'Europe/Paris', '2026-11-24'],
    ['2026-11-24T03:00:00Z', 'America/Los_Angeles', '2026-11-23'],
    ['2026-11-23T15:00:00Z', 'Asia/Tokyo', '2026-11-24'],
    ['2026-11-23T12:00:00Z', 'Not/A_Zone', '2026-11-23'], // unknown zone → UTC, never a crash
  ])('localDay(%s, %s) = %s', (iso, tz, day) => expect(localDay(new Date(iso), tz)).toBe(day));

  it.each([
    ['2026-11-22', 0], ['2026-11-23', 1], ['2026-11-28', 6], ['2024-02-29', 4],
  ])('weekday(%s) = %s', (day, wd) => expect(weekday(day)).toBe(wd));

  it('adds days across months, years and DST changes', () => {
    expect(addDays('2026-10-31', 1)).toBe('2026-11-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-29', -1)).toBe('2026-03-28');
  });
});

describe('grace period and decay (UTC, last commit Monday 2026-11-02)', () => {
  it.each([
    // now                     health  decayed days
    ['2026-11-02T23:59:00Z', 70, []], // the commit day itself
    ['2026-11-05T01:00:00Z', 70, []], // Tue, Wed judged: grace days 1–2
    ['2026-11-06T01:00:00Z', 70, []], // Thu judged: grace day 3
    ['2026-11-06T23:59:00Z', 70, []], // Fri is not over yet: not judged
    ['2026-11-07T00:00:00Z', 68, ['2026-11-06']], // Fri over: first decay
    ['2026-11-10T01:00:00Z', 62, ['2026-11-06', '2026-11-07', '2026-11-08', '2026-11-09']],
  ] as const)('at %s health is %s', (now, health, days) => {
    const plan = planLifecycle(pet(), UTC, new Date(now));
    expect(plan.health).toBe(health);
    expect(decayDays(plan)).toEqual(days);
    expect(plan.diedAt).toBeNull();
  });

  it('daily runs give the same result as one catch-up run, and a repeated run changes nothing', () => {
    const clock = new FakeClock('2026-11-03T00:30:00Z');
    let p = pet();
    for (let i = 0; i < 12; i++) {
      p = applied(p, planLifecycle(p, UTC, clock.now()));
      const again = planLifecycle(p, UTC, clock.now());
      expect(again.steps).toEqual([]);
      expect(planChangesPet(again, p)).toBe(false);
      clock.advance(D);
    }
    const once = planLifecycle(pet(), UTC, new Date('2026-11-14T00:30:00Z'));
    expect(p.health).toBe(once.health);
    expect(p.health).toBe(70 - 2 * 8); // Nov 6..13 decayed
    expect(p.lastDecayOn).toBe('2026-11-13');
  });

  it('never goes below 0 and states follow health', () => {
    const plan = planLifecycle(pet({ health: 5, state: 'dying' }), UTC, new Date('2026-11-12T01:00:00Z'));
    expect(plan.steps.map((s) => [s.day.slice(8), s.healthAfter, s.stateAfter])).toEqual([
      ['02', 5, 'dying'], ['03', 5, 'dying'], ['04', 5, 'dying'], ['05', 5, 'dying'], // commit day, grace Nov 3–5
      ['06', 3, 'dying'], ['07', 1, 'dying'], ['08', 0, 'dying'], ['09', 0, 'dying'], ['10', 0, 'dying'], ['11', 0, 'dying'],
    ]);
    // Only days that changed something get a history note.
    expect(plan.steps.filter((s) => s.note).map((s) => s.delta)).toEqual([-2, -2, -1]);
  });

  it('counts grace from the revival or adoption when later than the last commit', () => {
    const revived = pet({ lastCommitAt: new Date('2026-10-01T00:00:00Z'), revivedAt: new Date('2026-11-02T10:00:00Z') });
    expect(planLifecycle(revived, UTC, new Date('2026-11-06T01:00:00Z')).health).toBe(70);
    const adopted = pet({ lastCommitAt: null, createdAt: new Date('2026-11-02T10:00:00Z') });
    expect(planLifecycle(adopted, UTC, new Date('2026-11-07T01:00:00Z')).health).toBe(68);
  });

  it.each([
    ['egg', 70],
    ['dead', 0],
  ] as const)('a pet in state %s keeps its health', (state, health) => {
    const p = pet({ state, health, lastCommitAt: null, createdAt: new Date('2026-01-01T00:00:00Z') });
    const now = new Date('2026-11-20T00:00:00Z');
    const plan = planLifecycle(p, UTC, now);
    expect(plan.steps).toEqual([]);
    expect(plan.health).toBe(health);
    expect(plan.state).toBe(state);
    // An egg's days are marked judged (so a hatched pet counts good days from hatching); a dead pet is left alone.
    expect(plan.lastDecayOn).toBe(state === 'egg' ? '2026-11-19' : null);
    expect(planChangesPet(plan, p)).toBe(state === 'egg');
    expect(planChangesPet(planLifecycle(applied(p, plan), UTC, now), applied(p, plan))).toBe(false);
  });

  it(`judges at most ${MAX_DAYS_PER_RUN} days per run and continues on the next`, () => {
    const p = pet({ health: 100, state: 'thriving', createdAt: new Date('2026-01-01T11:00:00Z'), lastCommitAt: new Date('2026-01-01T12:00:00Z') });
    const first = planLifecycle(p, UTC, new Date('2026-11-20T00:00:00Z'));
    expect(first.steps).toHaveLength(MAX_DAYS_PER_RUN);
    expect(first.lastDecayOn).toBe(addDays('2026-01-01', MAX_DAYS_PER_RUN - 1));
    const second = planLifecycle(applied(p, first), UTC, new Date('2026-11-20T00:00:00Z'));
    expect(second.steps[0]!.day).toBe(addDays('2026-01-01', MAX_DAYS_PER_RUN));
  });
});

describe('days counted in the owner timezone', () => {
  // 16:00 UTC on Monday Nov 2 is Monday 08:00 in Los Angeles and Tuesday 01:00 in Tokyo.
  const commit = new Date('2026-11-02T16:00:00Z');
  it.each([
    // now (UTC)              timezone               health
    ['2026-11-07T03:00:00Z', 'UTC', 68], // Nov 3–5 grace, Nov 6 decays
    ['2026-11-07T03:00:00Z', 'America/Los_Angeles', 70], // still Nov 6 there: Nov 6 not over
    ['2026-11-07T12:00:00Z', 'Asia/Tokyo', 70], // activity day is Nov 3 there: Nov 4–6 are grace
    ['2026-11-08T12:00:00Z', 'Asia/Tokyo', 68],
  ] as const)('at %s in %s health is %s', (now, timezone, health) => {
    expect(planLifecycle(pet({ lastCommitAt: commit }), { ...UTC, timezone }, new Date(now)).health).toBe(health);
  });
});

describe('rest days and vacation pause decay and do not use up grace', () => {
  const weekends: LifecycleSettings = { ...UTC, restDays: [0, 6] };
  const friday = new Date('2026-11-06T17:00:00Z');
  it.each([
    // why, settings, last commit, now → health
    { why: 'Sat+Sun rest, Mon grace 1', settings: weekends, lastCommitAt: friday, now: '2026-11-10T01:00:00Z', health: 70 },
    { why: 'Mon–Wed: grace 1–3', settings: weekends, lastCommitAt: friday, now: '2026-11-12T01:00:00Z', health: 70 },
    { why: 'Thu: first decay', settings: weekends, lastCommitAt: friday, now: '2026-11-13T01:00:00Z', health: 68 },
    { why: 'without rest days: Sat–Mon grace, Tue–Thu decay', settings: UTC, lastCommitAt: friday, now: '2026-11-13T01:00:00Z', health: 64 },
    { why: 'Thu, Fri decay, Sat+Sun rest, Mon decays', settings: weekends, lastCommitAt: friday, now: '2026-11-17T01:00:00Z', health: 64 },
    { why: 'every day off', settings: { ...UTC, restDays: [0, 1, 2, 3, 4, 5, 6] }, lastCommitAt: friday, now: '2026-12-17T01:00:00Z', health: 70 },
    { why: 'vacation through Nov 15, Nov 16–18 grace', settings: { ...UTC, vacationUntil: new Date('2026-11-15T08:00:00Z') }, lastCommitAt: new Date('2026-11-02T10:00:00Z'), now: '2026-11-19T01:00:00Z', health: 70 },
    { why: 'Nov 19 decays', settings: { ...UTC, vacationUntil: new Date('2026-11-15T08:00:00Z') }, lastCommitAt: new Date('2026-11-02T10:00:00Z'), now: '2026-11-20T01:00:00Z', health: 68 },
    { why: 'Nov 3–4 vacation, 5–7 grace, 8 decays', settings: { ...UTC, vacationUntil: new Date('2026-11-04T08:00:00Z') }, lastCommitAt: new Date('2026-11-02T10:00:00Z'), now: '2026-11-09T01:00:00Z', health: 68 },
  ] as { why: string; settings: LifecycleSettings; lastCommitAt: Date; now: string; health: number }[])('$why → $health', ({ settings, lastCommitAt, now, health }) => {
    expect(planLifecycle(pet({ lastCommitAt }), settings, new Date(now)).health).toBe(health);
  });

  it('names the pause for a day, vacation first', () => {
    const s: LifecycleSettings = { restDays: [6], vacationUntil: new Date('2026-11-28T12:00:00Z'), timezone: 'UTC' };
    expect(pauseReason('2026-11-28', s)).toBe('vacation');
    expect(pauseReason('2026-12-05', s)).toBe('rest day');
    expect(pauseReason('2026-12-04', s)).toBeNull();
  });

  it('vacation ends on the local day of vacationUntil', () => {
    // 23:00 UTC on Nov 4 is already Nov 5 in Paris: Nov 5 is still vacation there.
    const s = { restDays: [], vacationUntil: new Date('2026-11-04T23:00:00Z') };
    expect(pauseReason('2026-11-05', { ...s, timezone: 'Europe/Paris' })).toBe('vacation');
    expect(pauseReason('2026-11-05', { ...s, timezone: 'UTC' })).toBeNull();
  });
});

describe('death after 24 h at health 0', () => {
  const dying = pet({ health: 0, state: 'dying', lastCommitAt: new Date('2026-11-02T10:00:00Z'), lastDecayOn: '2026-11-09' });
  const zeroAt = new Date('2026-11-10T00:30:00Z');
  it.each([
    // settings, now, dead?
    [UTC, new Date(zeroAt.getTime() + DEATH_AFTER_MS - 60_000), false],
    [UTC, new Date(zeroAt.getTime() + DEATH_AFTER_MS), true],
    [{ ...UTC, restDays: [3] }, new Date(zeroAt.getTime() + DEATH_AFTER_MS), false], // Wed Nov 11 is a rest day: deferred
    [{ ...UTC, restDays: [3] }, new Date('2026-11-12T00:00:00Z'), true], // …until Thursday
    [{ ...UTC, vacationUntil: new Date('2026-11-20T00:00:00Z') }, new Date('2026-11-15T00:00:00Z'), false],
  ] as const)('%#: zero since %s, at %s → dead %s', (settings, now, dead) => {
    const plan = planLifecycle({ ...dying, zeroHealthSince: zeroAt }, settings, now);
    expect(plan.state === 'dead').toBe(dead);
    expect(plan.diedAt).toEqual(dead ? now : null);
  });

  it('starts the 24 h when decay reaches 0, and dies a day later', () => {
    const clock = new FakeClock('2026-11-08T00:30:00Z');
    let p = pet({ health: 3, state: 'dying' });
    let plan = planLifecycle(p, UTC, clock.now()); // Nov 6 → 1, Nov 7 → 0
    expect(plan.health).toBe(0);
    expect(plan.zeroHealthSince).toEqual(clock.now());
    expect(plan.diedAt).toBeNull();
    p = applied(p, plan);
    plan = planLifecycle(p, UTC, clock.advance(23 * H).now());
    expect(plan.diedAt).toBeNull();
    plan = planLifecycle(p, UTC, clock.advance(H).now());
    expect(plan.state).toBe('dead');
    expect(plan.diedAt).toEqual(clock.now());
    expect(plan.today).toBe('2026-11-09');
  });

  it('a pet at 0 without zero_health_since gets one now (the clock starts, no instant death)', () => {
    const now = new Date('2026-11-03T00:30:00Z');
    const plan = planLifecycle(pet({ health: 0, state: 'dying', zeroHealthSince: null }), UTC, now);
    expect(plan.zeroHealthSince).toEqual(now);
    expect(plan.diedAt).toBeNull();
  });
});

describe('revival cooldown (48 h)', () => {
  const died = new Date('2026-11-10T12:00:00Z');
  it.each([
    [0, 48 * H],
    [H, 47 * H],
    [47 * H + 59 * 60_000, 60_000],
    [48 * H, 0],
    [100 * H, 0],
  ])('%s ms after death → %s ms left', (after, left) => expect(reviveCooldownLeftMs(died, new Date(died.getTime() + after))).toBe(left));
});

describe('evolution by good days', () => {
  it.each([
    [0, 'baby', 'baby'], [6, 'baby', 'baby'], [7, 'baby', 'teen'], [29, 'baby', 'teen'], [30, 'baby', 'adult'],
    [30, 'teen', 'adult'], [0, 'adult', 'adult'], [3, 'teen', 'teen'],
  ] as const)('%s good days, was %s → %s', (n, current, stage) => expect(stageFor(n, current)).toBe(stage));

  it('a healthy pet cared for daily becomes a teen after 7 good days and an adult after 30', () => {
    const clock = new FakeClock('2026-11-02T10:00:00Z');
    let p = pet({ health: 85, state: 'thriving' });
    const stages: string[] = [];
    for (let day = 1; day <= 31; day++) {
      clock.advance(D);
      p = { ...p, lastCommitAt: new Date(clock.now().getTime() - H) }; // a commit every day
      const plan = planLifecycle(p, UTC, clock.now());
      expect(plan.steps).toHaveLength(1);
      stages.push(plan.stage);
      if (plan.stage !== p.stage) expect(plan.steps[0]!.note).toBe(`evolved: ${p.stage} → ${plan.stage}`);
      p = applied(p, plan);
    }
    expect(p.goodDays).toBe(31);
    expect(stages.indexOf('teen') + 1).toBe(7);
    expect(stages.indexOf('adult') + 1).toBe(30);
  });

  it('days ending okay or worse are not good days, and a sick adult stays an adult', () => {
    const plan = planLifecycle(pet({ health: 50, state: 'okay', stage: 'adult', goodDays: 40 }), UTC, new Date('2026-11-05T01:00:00Z'));
    expect(plan.steps.map((s) => s.goodDay)).toEqual([false, false, false]); // Nov 2–4
    expect(plan.goodDays).toBe(40);
    expect(plan.stage).toBe('adult');
  });

  it('decay that drops a pet below healthy ends its good days', () => {
    const plan = planLifecycle(pet({ health: 63, state: 'healthy' }), UTC, new Date('2026-11-09T01:00:00Z'));
    // Nov 2 commit day and Nov 3–5 grace (63, healthy), Nov 6 → 61 healthy, Nov 7 → 59 okay, Nov 8 → 57 okay
    expect(plan.steps.map((s) => s.goodDay)).toEqual([true, true, true, true, true, false, false]);
    expect(plan.goodDays).toBe(5);
  });
});
