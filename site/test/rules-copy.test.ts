/**
 * The landing page states the pet's rules in words; @tamagitto/domain holds
 * them as the constants the worker applies. This keeps the two from drifting apart: change a rule and this
 * test names the sentence to update.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  computeDelta,
  DEATH_AFTER_MS,
  DECAY_PER_DAY,
  DEFAULT_POLL_INTERVAL_MS,
  DELTA_CAP,
  GRACE_DAYS,
  POOR_COMMIT_PENALTY,
  REVIVE_COOLDOWN_MS,
} from '@tamagitto/domain';

const html = readFileSync(new URL('../index.html', import.meta.url), 'utf8');
const HOUR_MS = 3_600_000;
const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven'];

describe('the landing page and the worker agree on the rules', () => {
  it.each([
    ['the per-commit cap', `<strong>±${DELTA_CAP}</strong>`],
    ['the poor-commit penalty', `<strong>−${POOR_COMMIT_PENALTY}</strong>`],
    ['the grace period', `<strong>${GRACE_DAYS} days</strong>`],
    ['the grace period (FAQ)', `Decay starts after ${words[GRACE_DAYS]} days without commits`],
    ['the decay rate', `<strong>${DECAY_PER_DAY} health per day</strong>`],
    ['the time at zero before death', `<strong>0 health for ${DEATH_AFTER_MS / HOUR_MS} hours</strong>`],
    ['the revive cooldown', `<strong>${REVIVE_COOLDOWN_MS / HOUR_MS}-hour</strong>`],
    ['the revive cooldown (FAQ)', `revived after ${REVIVE_COOLDOWN_MS / HOUR_MS} hours`],
    ['the poll interval', `every ${words[DEFAULT_POLL_INTERVAL_MS / 60_000]} minutes`],
    ['the formula', '0.3 × test coverage change + 0.2 × documentation score − 0.4 × complexity increase − 0.1 × lint violations'],
  ])('%s', (_what, text) => {
    expect(html).toContain(text);
  });

  it('the formula on the page is the one the worker computes', () => {
    const zero = { test_coverage_delta: 0, documentation_score: 0, complexity_increase: 0, linting_violations: 0 };
    const weight = (input: keyof typeof zero) => computeDelta({ ...zero, [input]: 1 }, { secrets: 0 }).raw;
    expect([weight('test_coverage_delta'), weight('documentation_score'), weight('complexity_increase'), weight('linting_violations')]).toEqual([0.3, 0.2, -0.4, -0.1]);
  });
});
