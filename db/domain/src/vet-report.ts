/**
 * The seam between the queue consumer and the analysis engine (issue #2 → #3).
 * The consumer fetches a commit from GitHub, builds a `CommitInput`, and calls
 * `analyseCommit`; everything about judging code lives behind it.
 */

export type FileStatus = 'added' | 'modified' | 'removed' | 'renamed' | 'copied' | 'changed' | 'unchanged';

export interface ChangedFile {
  path: string;
  previousPath?: string;
  status: FileStatus;
  additions: number;
  deletions: number;
  /** Unified diff of the file; GitHub omits it for binary and very large files. */
  patch?: string;
  /** Content at the parent commit: `null` when the file did not exist, `undefined` when not fetched. */
  before?: string | null;
  /** Content at the commit: `null` when the file was removed, `undefined` when not fetched. */
  after?: string | null;
  binary?: boolean;
}

export interface CommitInput {
  sha: string;
  parentSha?: string | null;
  message: string;
  files: ChangedFile[];
  /** True when GitHub capped the file list (more than 3,000 files). */
  truncated?: boolean;
}

export type FindingGroup = 'complexity' | 'testing' | 'documentation' | 'style' | 'security';

export interface Finding {
  group: FindingGroup;
  severity: 'info' | 'warning' | 'error';
  rule: string;
  file: string;
  line?: number;
  function?: string;
  /** Human-readable; never contains a secret (secrets are masked). */
  message: string;
}

/** The inputs of the pet's formula (./pet/formula.ts). */
export interface FormulaInputs {
  test_coverage_delta: number;
  documentation_score: number;
  complexity_increase: number;
  linting_violations: number;
}

export interface AnalysisMetrics extends FormulaInputs {
  /** Where test_coverage_delta came from. */
  coverage_source: 'report' | 'estimate' | 'none';
  secrets_found: number;
  files_analysed: number;
  test_files_changed: number;
  doc_files_changed: number;
  [extra: string]: unknown;
}

export interface AnalysisResult {
  engineVersion: string;
  /** Some files were skipped (binary, too large, budget) or contents were unavailable. */
  partial: boolean;
  skippedFiles: { path: string; reason: string }[];
  filesChanged: number;
  additions: number;
  deletions: number;
  metrics: AnalysisMetrics;
  findings: Finding[];
  poorQuality: boolean;
  /** Health delta for this commit, capped to ±20 plus any poor-commit penalty. */
  delta: number;
}
