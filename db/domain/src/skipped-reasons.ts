/**
 * Why a file was skipped or read only in part (the vet report's and a PR
 * check's `skippedFiles[].reason`, worded in English by worker/src/analysis),
 * and why a PR check's report is partial (its `partialReasons`,
 * worker/src/checks), as a code a client words in its own language: each code
 * with the names of its params, in the order a translated line uses them
 * (`$1`, `$2`, …). The English `reason` stays as it was, for API users and
 * reports stored before the codes (they have no `code`).
 */
export const SKIPPED_PARAMS = {
  /** A binary file: nothing to read. */
  binary: [],
  /** GitHub sent neither a patch nor the contents. */
  no_changes: [],
  /** The line rules read `size` (e.g. "1 MiB") of the changes: lines after `line` were not checked. */
  line_bytes: ['size', 'line'],
  /** `count` added lines longer than `limit` characters (the longest `longest`): the rules read their first `limit`. */
  long_lines: ['count', 'limit', 'longest'],
  /** The commit's time budget (`budgetMs`) ran out at `line` while the line rules read the file. */
  line_time_budget: ['budgetMs', 'line'],
  /** The commit's time budget (`budgetMs`) ran out before the file was read or parsed. */
  time_budget: ['budgetMs'],
  /** Larger (`sizeKiB`) than a file may be to be parsed (`limitKiB`). */
  too_large: ['sizeKiB', 'limitKiB'],
  /** The commit's total of parsed bytes was spent. */
  size_budget: [],
  /** The parser failed; `error` is its message (in English). */
  parse_failed: ['error'],
} as const satisfies Record<string, readonly string[]>;

export type SkippedCode = keyof typeof SKIPPED_PARAMS;

/**
 * One skipped file. `more` marks the entry that stands for more files with the
 * same reason (its `path` reads "(N more files)"): the report lists the first
 * ones by name. `code` and `params` are absent on reports stored before them.
 */
export interface SkippedFile {
  path: string;
  reason: string;
  code?: SkippedCode;
  params?: Record<string, string | number>;
  more?: number;
}

/**
 * Why a PR check's report does not cover the whole change (its
 * `partialReasonCodes`, beside the English `partialReasons`, same order).
 * `prFiles` is GitHub's count of the PR's files; `commits` short SHAs, joined.
 */
export const PARTIAL_REASON_PARAMS = {
  commits_cut: ['read', 'total'],
  time_budget: ['seconds', 'read', 'total'],
  file_cap: ['cap', 'commits'],
  file_cap_pr: ['prFiles', 'cap', 'commits'],
  files_skipped: ['count'],
} as const satisfies Record<string, readonly string[]>;

export type PartialReasonCode = keyof typeof PARTIAL_REASON_PARAMS;

/** One partial reason: its code and a value per name in PARTIAL_REASON_PARAMS[code]. */
export type PartialReason = {
  [C in PartialReasonCode]: { code: C; params: { [N in (typeof PARTIAL_REASON_PARAMS)[C][number]]: N extends 'commits' ? string : number } };
}[PartialReasonCode];
