import { describe, expect, it } from 'vitest';
import { HEALTH_THRESHOLDS, isAlarmingDrop, moodLine, STATE_COLOR, stateForHealth } from './pet-state.ts';
import { STATES } from '../pet/sprites.ts';

describe('stateForHealth', () => {
  it.each([
    [100, 'thriving'],
    [80, 'thriving'],
    [79.9, 'healthy'],
    [60, 'healthy'],
    [59, 'okay'],
    [40, 'okay'],
    [39.5, 'poor'],
    [20, 'poor'],
    [19.99, 'dying'],
    [0.1, 'dying'],
    [0, 'dead'],
    [-5, 'dead'],
    [Number.NaN, 'dead'],
  ] as const)('%s → %s', (health, state) => {
    expect(stateForHealth(health)).toBe(state);
  });

  it('thresholds are ordered best to worst', () => {
    const mins = HEALTH_THRESHOLDS.map((t) => t.min);
    expect([...mins].sort((a, b) => b - a)).toEqual(mins);
  });
});

describe('isAlarmingDrop', () => {
  it.each([
    ['healthy', 'poor', true],
    ['okay', 'poor', true],
    ['poor', 'dying', true],
    ['dying', 'dead', true],
    ['thriving', 'healthy', false],
    ['healthy', 'okay', false],
    ['poor', 'poor', false],
    ['dying', 'poor', false],
  ] as const)('%s → %s: %s', (from, to, alarming) => {
    expect(isAlarmingDrop(from, to)).toBe(alarming);
  });
});

describe('tables cover every state', () => {
  it.each(STATES)('%s has a colour and a mood', (state) => {
    expect(STATE_COLOR[state]).toMatch(/^#[0-9a-f]{6}$/);
    expect(moodLine(state, 'robot', 'seed').length).toBeGreaterThan(5);
  });

  it('mood is stable for a pet within a day', () => {
    expect(moodLine('healthy', 'pet', 'abc', '2026-01-01')).toBe(moodLine('healthy', 'pet', 'abc', '2026-01-01'));
    expect(moodLine('healthy', 'plant', 'abc', '2026-01-01')).toContain('*rustles*');
  });
});
