/** A controllable clock: tests move time instead of waiting (streaks, 90-minute blocks, ages). */
export class TestClock {
  constructor(public t = Date.parse('2026-11-24T09:00:00Z')) {}
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
}

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
