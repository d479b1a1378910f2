/**
 * Why the work queue recommends an item (api/src/queue/queue-score.ts), as a
 * code a client words in its own language: each code with the names of its
 * params, in the order a translated line uses them (`$1`, `$2`, …). `hours`
 * is a duration in hours, `minutes` an estimate in minutes, `ci` a CiState.
 */
export const QUEUE_REASON_PARAMS = {
  ready_to_land: ['id'],
  quick_win: ['minutes', 'ci'],
  quick_win_direct: ['minutes', 'ci'],
  quick_win_sized: ['lines', 'minutes', 'ci'],
  quick_win_sized_direct: ['lines', 'minutes', 'ci'],
  waited_for_review: ['author', 'hours'],
  waited_for_review_someone: ['hours'],
  changes_requested: ['hours'],
  own_pr_open: ['hours'],
  assigned: ['hours'],
} as const satisfies Record<string, readonly string[]>;

export type QueueReasonCode = keyof typeof QUEUE_REASON_PARAMS;

export const QUEUE_REASON_CODES = Object.keys(QUEUE_REASON_PARAMS) as [QueueReasonCode, ...QueueReasonCode[]];
