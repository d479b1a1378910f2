/**
 * The pet's per-commit formula:
 * delta = 0.3·test_coverage_delta + 0.2·documentation_score − 0.4·complexity_increase − 0.1·linting_violations,
 * capped to ±DELTA_CAP, then the poor-commit penalty.
 *
 * The inputs' units and scaling are the analysis engine's business
 * (worker/src/analysis/formula-inputs.ts); this file holds only the rule, so
 * the landing site and the api quote the same numbers the worker applies.
 *
 * A leaked secret is not something tests or docs can make up for: the capped
 * delta is held at or below −SECRET_FLOOR before the poor-commit penalty, so a
 * secret always costs at least 15 health.
 */
import type { FormulaInputs } from '../vet-report.ts';

export const DELTA_CAP = 20;
export const POOR_COMMIT_PENALTY = 5;
/** A poor commit: the formula alone takes at least this much health. */
export const POOR_COMMIT_THRESHOLD = -5;
export const SECRET_FLOOR = 10;
/** A correct daily puzzle gives every living pet of the solver this much. */
export const PUZZLE_BONUS = 2;

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * @example computeDelta({ test_coverage_delta: 10, documentation_score: 5, complexity_increase: 0, linting_violations: 0 }, { secrets: 0 })
 * // { delta: 4, poorQuality: false, raw: 4 }
 */
export function computeDelta(m: FormulaInputs, extra: { secrets: number }): { delta: number; poorQuality: boolean; raw: number } {
  const raw = 0.3 * m.test_coverage_delta + 0.2 * m.documentation_score - 0.4 * m.complexity_increase - 0.1 * m.linting_violations;
  let capped = Math.max(-DELTA_CAP, Math.min(DELTA_CAP, raw));
  if (extra.secrets > 0) capped = Math.min(capped, -SECRET_FLOOR);
  const poorQuality = extra.secrets > 0 || raw <= POOR_COMMIT_THRESHOLD;
  const delta = round2(poorQuality ? capped - POOR_COMMIT_PENALTY : capped);
  return { delta, poorQuality, raw: round2(raw) };
}
