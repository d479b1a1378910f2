/**
 * Why a PR check's verdict is what it is (worker/src/checks/report.ts: the
 * report's `reasonCodes`, beside its English `reasons`), as a code a client
 * words in its own language: each code with the names of its params, in the
 * order a translated line uses them (`$1`, `$2`, …). `delta` is the predicted
 * health delta, `limit` the threshold it crossed, `count` the secrets found.
 * The report's findings carry `rule` and `params` the same way (FINDING_PARAMS).
 */
export const CHECK_REASON_PARAMS = {
  secrets: ['count'],
  delta_fail: ['delta', 'limit'],
  delta_warn: ['delta', 'limit'],
  untested: [],
} as const satisfies Record<string, readonly string[]>;

export type CheckReasonCode = keyof typeof CHECK_REASON_PARAMS;

/** One reason: its code and a value per name in CHECK_REASON_PARAMS[code]. */
export type CheckReason = {
  [C in CheckReasonCode]: { code: C; params: { [N in (typeof CHECK_REASON_PARAMS)[C][number]]: number } };
}[CheckReasonCode];
