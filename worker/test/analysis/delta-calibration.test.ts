/**
 * Issue #3: the formula must give sensible results on real commits — a typical
 * good commit with tests +3…+8, a large untested complexity jump −10…−20, a
 * leaked secret ≤ −15. Each row runs the whole engine on a realistic commit.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyseCommitWith, createParsePool } from '../../src/analysis/index.ts';
import { computeDelta, FINDING_PARAMS, SECRET_FINDING_PARAMS } from '@tamagitto/domain';
import { CALIBRATION } from './fixtures/commits.ts';

const pool = createParsePool(2);
afterAll(() => pool.close());

describe('health delta on realistic commits', () => {
  it.each(CALIBRATION)('$title → $range', async ({ commit, range }) => {
    const r = await analyseCommitWith(commit, { pool });
    const [lo, hi] = range;
    const why = JSON.stringify({ delta: r.delta, metrics: r.metrics, findings: r.findings.map((f) => `${f.rule}: ${f.message}`) }, null, 1);
    expect(r.delta, why).toBeGreaterThanOrEqual(lo);
    expect(r.delta, why).toBeLessThanOrEqual(hi);
    expect(r.partial).toBe(false);
    // Each finding's rule is one a client can word (FINDING_PARAMS), with exactly that rule's params
    // (a dependency update without package names has none; `more` may come on any).
    for (const f of r.findings) {
      const names: readonly string[] | undefined = f.rule.startsWith('secret/') ? SECRET_FINDING_PARAMS : FINDING_PARAMS[f.rule as keyof typeof FINDING_PARAMS];
      const keys = Object.keys(f.params ?? {}).filter((k) => k !== 'more');
      expect(names, f.rule).toBeDefined();
      if (f.rule !== 'dependency-update' || keys.length > 0) expect(keys.sort(), f.rule).toEqual([...(names ?? [])].sort());
    }
  });
});

describe('computeDelta', () => {
  const zero = { test_coverage_delta: 0, documentation_score: 0, complexity_increase: 0, linting_violations: 0 };
  it.each([
    { title: 'weights as in the spec', m: { test_coverage_delta: 10, documentation_score: 5, complexity_increase: 2, linting_violations: 4 }, secrets: 0, delta: 3 - 0 + 1 - 0.8 - 0.4 },
    { title: 'capped at +20', m: { ...zero, test_coverage_delta: 100 }, secrets: 0, delta: 20 },
    { title: 'capped at −20, then the poor-commit penalty', m: { ...zero, complexity_increase: 100 }, secrets: 0, delta: -25 },
    { title: 'poor commit at raw ≤ −5', m: { ...zero, complexity_increase: 12.5 }, secrets: 0, delta: -10 },
    { title: 'a secret costs at least 15 even when the rest is great', m: { ...zero, test_coverage_delta: 20 }, secrets: 1, delta: -15 },
  ])('$title', ({ m, secrets, delta }) => {
    expect(computeDelta(m, { secrets }).delta).toBeCloseTo(delta, 2);
  });
});
