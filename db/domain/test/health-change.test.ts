/**
 * Invariants of the one health rule, over random pets and random sequences of
 * changes (fast-check): whatever happens, health stays in 0–100, the state
 * matches the thresholds, the deltas add up, and a dead pet changes only by
 * revival.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INITIAL_HEALTH, MAX_HEALTH, nextVitals, STAGES, stateForHealth, type HealthChange, type Vitals } from '../src/index.ts';

const NOW = new Date('2026-12-06T12:00:00Z');

const health = fc.double({ min: 0, max: MAX_HEALTH, noNaN: true }).map((h) => Math.round(h * 100) / 100);
const stage = fc.constantFrom(...STAGES);
const delta = fc.double({ min: -200, max: 200, noNaN: true }).map((d) => Math.round(d * 100) / 100);

const livingPet: fc.Arbitrary<Vitals> = fc.record({ health, stage }).map(({ health, stage }) => ({
  health,
  state: stateForHealth(health),
  stage,
  zeroHealthSince: health <= 0 ? NOW : null,
  diedAt: null,
}));
const anyPet: fc.Arbitrary<Vitals> = fc.oneof(
  livingPet,
  livingPet.map((p) => ({ ...p, state: 'egg' as const })),
  livingPet.map((p) => ({ ...p, health: 0, state: 'dead' as const, diedAt: NOW })),
);
const change: fc.Arbitrary<HealthChange> = fc.oneof(
  fc.record({ reason: fc.constantFrom('commit' as const, 'poor_commit' as const, 'puzzle' as const), delta }),
  fc.record({ reason: fc.constant('decay' as const), delta: delta.map((d) => -Math.abs(d)), stage: fc.option(stage, { nil: undefined }) }),
  fc.record({ reason: fc.constantFrom('death' as const, 'revive' as const, 'adopt' as const) }),
);

describe('nextVitals', () => {
  it('keeps health in 0–100 and the state on its thresholds, whatever the change', () => {
    fc.assert(
      fc.property(anyPet, change, (pet, c) => {
        const r = nextVitals(pet, c, NOW);
        if (!r) return;
        expect(r.vitals.health).toBeGreaterThanOrEqual(0);
        expect(r.vitals.health).toBeLessThanOrEqual(MAX_HEALTH);
        if (r.vitals.state !== 'egg' && r.vitals.state !== 'dead') expect(r.vitals.state).toBe(stateForHealth(r.vitals.health));
        expect(r.vitals.zeroHealthSince !== null).toBe(r.vitals.health <= 0 && r.vitals.state !== 'egg');
      }),
      { numRuns: 2000 },
    );
  });

  it('changes a dead pet only by revival (and adoption of a new one)', () => {
    fc.assert(
      fc.property(anyPet, change, (pet, c) => {
        const r = nextVitals(pet, c, NOW);
        if (pet.state === 'dead' && c.reason !== 'revive' && c.reason !== 'adopt') expect(r).toBeNull();
        if (c.reason === 'revive') expect(r === null).toBe(pet.state !== 'dead');
      }),
      { numRuns: 2000 },
    );
  });

  it('reports exactly the change it made: over any sequence, the deltas add up to the difference', () => {
    fc.assert(
      fc.property(livingPet, fc.array(change, { maxLength: 40 }), (start, changes) => {
        let pet = start;
        let sum = 0;
        for (const c of changes) {
          if (c.reason === 'adopt') continue; // a new pet, not a change of this one
          const r = nextVitals(pet, c, NOW);
          if (!r) continue;
          expect(Math.round((r.vitals.health - pet.health) * 100) / 100).toBe(r.delta);
          sum += r.delta;
          pet = r.vitals;
        }
        expect(sum).toBeCloseTo(pet.health - start.health, 6);
      }),
      { numRuns: 1000 },
    );
  });

  it('never lets a stage go back except by revival', () => {
    fc.assert(
      fc.property(livingPet, change, (pet, c) => {
        const r = nextVitals(pet, c, NOW);
        if (!r || c.reason === 'revive' || c.reason === 'adopt') return;
        expect(STAGES.indexOf(r.vitals.stage)).toBeGreaterThanOrEqual(STAGES.indexOf(pet.stage));
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['a commit hatches an egg', { health: 70, state: 'egg', stage: 'baby' }, { reason: 'commit', delta: 12 }, { health: 82, state: 'thriving' }, 12],
    ['a puzzle bonus does not hatch an egg', { health: 70, state: 'egg', stage: 'baby' }, { reason: 'puzzle', delta: 2 }, null, null],
    ['health is capped at 100', { health: 99, state: 'thriving', stage: 'teen' }, { reason: 'commit', delta: 5 }, { health: 100 }, 1],
    ['health stops at 0 and the pet is dying', { health: 3, state: 'poor', stage: 'adult' }, { reason: 'poor_commit', delta: -25 }, { health: 0, state: 'dying' }, -3],
    ['death needs health 0', { health: 3, state: 'dying', stage: 'adult' }, { reason: 'death' }, null, null],
    ['death at 0', { health: 0, state: 'dying', stage: 'adult' }, { reason: 'death' }, { health: 0, state: 'dead' }, 0],
    ['revival starts over as an egg', { health: 0, state: 'dead', stage: 'adult' }, { reason: 'revive' }, { health: INITIAL_HEALTH, state: 'egg', stage: 'baby' }, INITIAL_HEALTH],
    ['a living pet cannot be revived', { health: 50, state: 'okay', stage: 'teen' }, { reason: 'revive' }, null, null],
    ['decay grows a stage', { health: 85, state: 'thriving', stage: 'baby' }, { reason: 'decay', delta: 0, stage: 'teen' }, { stage: 'teen' }, 0],
    ['decay never shrinks a stage', { health: 85, state: 'thriving', stage: 'adult' }, { reason: 'decay', delta: -2, stage: 'teen' }, { stage: 'adult', health: 83 }, -2],
  ] as const)('%s', (_what, pet, c, expected, expectedDelta) => {
    const r = nextVitals({ zeroHealthSince: null, diedAt: pet.state === 'dead' ? NOW : null, ...pet }, c as HealthChange, NOW);
    if (expected === null) return expect(r).toBeNull();
    expect(r?.vitals).toMatchObject(expected);
    expect(r?.delta).toBe(expectedDelta);
  });
});
