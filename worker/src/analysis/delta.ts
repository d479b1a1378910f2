/**
 * The pet's formula (ARCHITECTURE.md):
 * delta = 0.3·test_coverage_delta + 0.2·documentation_score − 0.4·complexity_increase − 0.1·linting_violations,
 * capped to ±20, then the poor-commit penalty (−5).
 *
 * Units and scaling of each input: formula-inputs.ts. In short:
 *   test_coverage_delta   test points, −10…+20 (4 per coverage pp, or estimated from tests vs code)
 *   documentation_score   doc points, −3…+10
 *   complexity_increase   decision points added to changed functions, −10…+60
 *   linting_violations    count of style findings (dangerous calls weigh 3)
 *
 * A leaked secret is not something tests or docs can make up for: the capped
 * delta is held at or below −SECRET_FLOOR before the poor-commit penalty, so a
 * secret always costs at least 15 health (issue #3).
 */
import { clamp, round2 } from './formula-inputs.ts';
import type { FormulaInputs } from './types.ts';

export const DELTA_CAP = 20;
export const POOR_COMMIT_PENALTY = 5;
/** A poor commit: the formula alone takes at least this much health. */
export const POOR_COMMIT_THRESHOLD = -5;
export const SECRET_FLOOR = 10;

export function computeDelta(m: FormulaInputs, extra: { secrets: number }): { delta: number; poorQuality: boolean; raw: number } {
  const raw =
    0.3 * m.test_coverage_delta + 0.2 * m.documentation_score - 0.4 * m.complexity_increase - 0.1 * m.linting_violations;
  let capped = clamp(raw, -DELTA_CAP, DELTA_CAP);
  if (extra.secrets > 0) capped = Math.min(capped, -SECRET_FLOOR);
  const poorQuality = extra.secrets > 0 || raw <= POOR_COMMIT_THRESHOLD;
  const delta = round2(poorQuality ? capped - POOR_COMMIT_PENALTY : capped);
  return { delta, poorQuality, raw: round2(raw) };
}
