/**
 * The seam between the queue consumer and the analysis engine (issue #2 → #3).
 * The consumer fetches a commit from GitHub, builds a `CommitInput`, and calls
 * `analyseCommit`; everything about judging code lives behind it.
 */
import type { SkippedFile } from './skipped-reasons.ts';

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
  /**
   * The numbers and names in `message`, so a client can word it in its own
   * language from `rule` (names per rule: FINDING_PARAMS). Absent on findings
   * stored before params existed.
   */
  params?: Record<string, string | number>;
}

/**
 * Every rule the analysis engine (worker/src/analysis) emits, with the names
 * of the params its findings carry, in the order a translated line uses them
 * (`$1`, `$2`, …). Secrets are `secret/<id>` (one per token format), all
 * worded alike: SECRET_FINDING_PARAMS. Any finding may also carry `more`
 * (hits of its rule in the same file beyond those shown).
 */
export const FINDING_PARAMS = {
  'complexity-from-patch': ['added'],
  'new-complex-function': ['complexity'],
  'complexity-increase': ['before', 'after', 'change'],
  'complexity-decrease': ['before', 'after', 'change'],
  'deep-nesting': ['depth', 'limit'],
  'max-function-length': ['lines', 'limit'],
  'missing-doc-comment': ['name'],
  'max-file-lines': ['lines', 'limit'],
  'docs-changed': ['files'],
  'coverage-report': ['before', 'after', 'points'],
  'coverage-estimate': ['cases', 'lines', 'points'],
  'coverage-none': ['points'],
  'sensitive-file': [],
  'secret-moved': ['description', 'masked'],
  'secret-moved-from': ['description', 'masked', 'from'],
  'dependency-update': ['packages'],
  'dependency-removed': ['packages'],
  'max-line-length': ['length', 'limit'],
  'no-trailing-spaces': [],
  'no-todo': ['marker'],
  'no-debug-leftover': [],
  'no-mixed-indentation': [],
  'no-eval': [],
  'no-shell-injection': [],
  'no-sql-concatenation': [],
} as const satisfies Record<string, readonly string[]>;

export type FindingRule = keyof typeof FINDING_PARAMS;

/** The params of a `secret/<id>` finding: what kind of secret, and the secret masked. */
export const SECRET_FINDING_PARAMS = ['description', 'masked'] as const;

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
  /** With a `code` and `params` (SKIPPED_PARAMS) beside the English `reason`. */
  skippedFiles: SkippedFile[];
  filesChanged: number;
  additions: number;
  deletions: number;
  metrics: AnalysisMetrics;
  findings: Finding[];
  poorQuality: boolean;
  /** Health delta for this commit, capped to ±20 plus any poor-commit penalty. */
  delta: number;
}
