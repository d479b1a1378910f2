/**
 * The first, deliberately simple analysis (issue #2): counts what a commit
 * touched. The real engine (issue #3) replaces `analyseCommit` behind the
 * same signature.
 */
import type { AnalysisResult, CommitInput, Finding } from './types.ts';
import { computeDelta } from './delta.ts';

const TEST_FILE = /(^|\/)(__tests__|tests?|spec)\/|\.(test|spec)\.[cm]?[jt]sx?$|_test\.go$|(^|\/)test_[^/]+\.py$/i;
const DOC_FILE = /(^|\/)(docs?)\/|\.(md|mdx|rst|adoc|txt)$|(^|\/)README/i;

export const ENGINE_VERSION = 'first-0.1';

export async function analyseCommit(input: CommitInput): Promise<AnalysisResult> {
  let additions = 0;
  let deletions = 0;
  let testFiles = 0;
  let docFiles = 0;
  let codeAdded = 0;
  let testAdded = 0;
  const findings: Finding[] = [];
  for (const f of input.files) {
    additions += f.additions;
    deletions += f.deletions;
    if (TEST_FILE.test(f.path)) {
      testFiles++;
      testAdded += f.additions;
    } else if (DOC_FILE.test(f.path)) {
      docFiles++;
    } else {
      codeAdded += f.additions;
    }
  }
  // Estimate: share of added lines that are tests, in points (0–100 scale, capped).
  const test_coverage_delta = codeAdded + testAdded === 0 ? 0 : Math.min(20, (100 * testAdded) / (codeAdded + testAdded) / 5);
  const documentation_score = Math.min(10, docFiles * 5);
  const complexity_increase = Math.max(0, (codeAdded - deletions) / 50);
  const metrics = {
    test_coverage_delta,
    documentation_score,
    complexity_increase,
    linting_violations: 0,
    coverage_source: 'estimate' as const,
    secrets_found: 0,
    files_analysed: input.files.length,
    test_files_changed: testFiles,
    doc_files_changed: docFiles,
  };
  const { delta, poorQuality } = computeDelta(metrics, { secrets: 0 });
  return {
    engineVersion: ENGINE_VERSION,
    partial: input.files.some((f) => f.patch === undefined),
    skippedFiles: [],
    filesChanged: input.files.length,
    additions,
    deletions,
    metrics,
    findings,
    poorQuality,
    delta,
  };
}
