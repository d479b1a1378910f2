/**
 * Units and scaling of the four inputs of the pet's formula (delta.ts).
 *
 * The spec fixes the weights (0.3, 0.2, −0.4, −0.1) but not the units; these are
 * chosen so that, with those weights, real commits land where the product wants
 * them (issue #3, proven in test/analysis/delta-calibration.test.ts):
 *   a typical good commit with tests           → +3 … +8
 *   a large untested jump in complexity        → −10 … −20
 *   a leaked secret                             → ≤ −15
 */

/**
 * test_coverage_delta, in "test points", −10 … +20.
 * - From coverage reports (parent and commit): 4 points per percentage point of
 *   line coverage gained or lost. Real commits move coverage by 0.1–3 pp, so a
 *   plain percentage would vanish behind the 0.3 weight.
 * - Estimated otherwise, from test cases added relative to code added. One test
 *   case per 25 added lines of code is "as expected" and scores +7; twice that
 *   saturates at +17. Code without tests loses 1 point per 30 lines (−10 at
 *   300 lines); a small change (< 10 lines) is not punished for having no test,
 *   and with tests counts as 10 lines (its tests saturate, as at 10 lines).
 */
export function coverageDeltaFromReport(beforePct: number, afterPct: number): number {
  return clamp(4 * (afterPct - beforePct), -20, 20);
}

export const LINES_PER_EXPECTED_TEST = 25;
/** Fewer added lines of code than this are a small change: not punished without a test. */
const SMALL_CHANGE_LINES = 10;

export function estimatedTestDelta(codeLinesAdded: number, testCasesAdded: number, testLinesAdded: number): number {
  if (testCasesAdded <= 0) {
    // Tests edited without new cases still count for something.
    if (testLinesAdded > 0) return clamp(2 - codeLinesAdded / 60, -5, 2);
    return codeLinesAdded < SMALL_CHANGE_LINES ? 0 : -Math.min(10, codeLinesAdded / 30);
  }
  // A small change with tests counts as SMALL_CHANGE_LINES of code, so a smaller tested change is never
  // worth less than a bigger one with the same tests. (Under 10 lines it was 3 points per case: +6 for
  // two tests on 9 lines against +17 on 10, and a commit that moved code — moved lines are no new
  // code — fell off that cliff.)
  const ratio = testCasesAdded / (Math.max(codeLinesAdded, SMALL_CHANGE_LINES) / LINES_PER_EXPECTED_TEST);
  return clamp(10 * Math.min(2, ratio) - 3, -3, 20);
}

/**
 * documentation_score, in "doc points", −3 … +10.
 * - New or changed public functions: +6 when all carry a doc comment/docstring,
 *   −3 when none does, linear in between.
 * - README / docs changed: +2.
 * - Added code lines that are ≥ 10 % comments: +2.
 */
export function documentationScore(publicChanged: number, publicDocumented: number, docFilesChanged: number, commentRatio: number): number {
  let score = 0;
  if (publicChanged > 0) score += 9 * (publicDocumented / publicChanged) - 3;
  if (docFilesChanged > 0) score += 2;
  if (commentRatio >= 0.1) score += 2;
  return round2(clamp(score, -3, 10));
}

/**
 * complexity_increase, in cyclomatic decision points, −10 … +60.
 * - A changed function adds (after − before); a simplification subtracts.
 * - A new function adds what it has beyond NEW_FUNCTION_ALLOWANCE: every
 *   function needs a few branches, and splitting a function into small new ones
 *   is the improvement we want to encourage, not punish.
 * - Removed functions add nothing.
 * Lower bound −10 so one big deletion cannot buy a pass for later commits.
 */
export const NEW_FUNCTION_ALLOWANCE = 5;

export function complexityIncrease(sumOfIncreases: number): number {
  return round2(clamp(sumOfIncreases, -10, 60));
}

/**
 * linting_violations, a count: every style finding is 1 (each rule counted at
 * most MAX_PER_RULE_PER_FILE times per file, so one reformatted file cannot
 * dominate), every dangerous call 3.
 */
export const MAX_PER_RULE_PER_FILE = 10;
export const DANGEROUS_CALL_WEIGHT = 3;

export function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
