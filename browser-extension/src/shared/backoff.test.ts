import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';

describe('backoffDelay', () => {
  it.each([
    [0, 0, 500],
    [0, 1, 1000],
    [1, 0, 1000],
    [1, 1, 2000],
    [3, 1, 8000],
    [4, 1, 16_000],
    [5, 1, 30_000],
    [50, 1, 30_000],
    [50, 0, 15_000],
  ])('attempt %i with random %s → %i ms', (attempt, r, ms) => {
    expect(backoffDelay(attempt, { random: () => r })).toBe(ms);
  });

  it('grows and stays within [ceiling/2, cap] with real randomness', () => {
    for (let a = 0; a < 40; a++) {
      const d = backoffDelay(a);
      expect(d).toBeGreaterThanOrEqual(Math.min(30_000, 1000 * 2 ** a) / 2);
      expect(d).toBeLessThanOrEqual(30_000);
    }
  });

  it('is jittered: not every client waits the same', () => {
    const seen = new Set(Array.from({ length: 50 }, () => backoffDelay(6)));
    expect(seen.size).toBeGreaterThan(10);
  });

  it('treats bad input as the first attempt and clamps random', () => {
    expect(backoffDelay(-3, { random: () => 0 })).toBe(500);
    expect(backoffDelay(2, { random: () => 7 })).toBe(4000);
  });
});
