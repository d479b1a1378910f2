/**
 * The pet's formula (ARCHITECTURE.md): 
 * delta = 0.3·test_coverage_delta + 0.2·documentation_score − 0.4·complexity_increase − 0.1·linting_violations,
 * capped to ±20, then the poor-commit penalty (−5).
 */
import type { FormulaInputs } from './types.ts';

export const DELTA_CAP = 20;
export const POOR_COMMIT_PENALTY = 5;

export function computeDelta(m: FormulaInputs, extra: { secrets: number }): { delta: number; poorQuality: boolean; raw: number } {
  const raw =
    0.3 * m.test_coverage_delta + 0.2 * m.documentation_score - 0.4 * m.complexity_increase - 0.1 * m.linting_violations;
  const capped = Math.max(-DELTA_CAP, Math.min(DELTA_CAP, raw));
  const poorQuality = extra.secrets > 0 || raw <= -5;
  const delta = round2(poorQuality ? capped - POOR_COMMIT_PENALTY : capped);
  return { delta, poorQuality, raw };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
