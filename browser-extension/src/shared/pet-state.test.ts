import { describe, expect, it } from 'vitest';
import { isAlarmingDrop, moodLine, STATE_COLOR } from './pet-state.ts';
import { STATES } from '@tamagitto/domain';

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

  it("speaks with the species' own sound where it has one, else the family's", () => {
    expect(moodLine('healthy', { family: 'pet', species: 'dog' }, 'abc', '2026-01-01')).toMatch(/^\*wags\* /);
    expect(moodLine('healthy', { family: 'pet', species: 'hamster' }, 'abc', '2026-01-01')).toMatch(/^\*squeaks\* /);
    expect(moodLine('healthy', { family: 'pet', species: 'cat' }, 'abc', '2026-01-01')).toMatch(/^\*purrs\* /);
    expect(moodLine('healthy', { family: 'robot', species: 'droid' }, 'abc', '2026-01-01')).toMatch(/^\*beeps\* /);
  });
});
