/**
 * The landing page states the pet's rules in words; the worker applies them as
 * constants. This keeps the two from drifting apart: change a rule and this
 * test names the sentence to update.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DELTA_CAP, POOR_COMMIT_PENALTY } from '../../worker/src/analysis/delta.ts';
import { DEATH_AFTER_MS, DECAY_PER_DAY, GRACE_DAYS, REVIVE_COOLDOWN_MS } from '../../worker/src/pet/lifecycle.ts';
import { DEFAULT_POLL_INTERVAL_MS } from '../../worker/src/poller.ts';

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
    const src = readFileSync(new URL('../../worker/src/analysis/delta.ts', import.meta.url), 'utf8');
    expect(src).toContain('0.3 * m.test_coverage_delta + 0.2 * m.documentation_score - 0.4 * m.complexity_increase - 0.1 * m.linting_violations');
  });
});
