/**
 * The index of the first value ≥ `value` in an ascending list (its length when there is none):
 * a binary search, for the engine's sorted offsets and line numbers (js-metrics.ts, aggregate.ts).
 */
export function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
