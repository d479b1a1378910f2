/**
 * Reconnect delays: capped exponential backoff with "full jitter" (AWS
 * architecture blog) so a restarted API is not hit by every client at once.
 */
export interface BackoffOptions {
  /** First delay's ceiling in ms. */
  baseMs?: number;
  /** Upper bound for any delay in ms. */
  capMs?: number;
  /** 0..1 source of randomness; injectable for tests. */
  random?: () => number;
}

/**
 * Delay before reconnect attempt `attempt` (0-based): uniform in
 * [ceiling/2, ceiling] where ceiling = min(cap, base·2^attempt). Keeping half
 * the ceiling as a floor avoids hammering on an immediate 0 ms retry.
 *
 * @example backoffDelay(0) // 500..1000
 * @example backoffDelay(20) // 15000..30000
 */
export function backoffDelay(attempt: number, { baseMs = 1000, capMs = 30_000, random = Math.random }: BackoffOptions = {}): number {
  const n = Math.max(0, Math.floor(attempt));
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(n, 30));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}
