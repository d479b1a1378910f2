/**
 * Badges and streaks. A streak is the run of consecutive days with
 * a correct puzzle answer ending today (or yesterday while today is still
 * open; a wrong answer today closes the day and ends the streak).
 * Badges are unique per (user, kind, period), so awarding is idempotent.
 */
import type { Badge } from '@tamagitto/db';
import { addDays, daysOfIsoWeek, isoWeek } from '@tamagitto/domain';
import type { AppDeps } from '../deps.ts';
import { attemptOn, insertBadgeOnce, solvedDays } from './store.ts';

export const BADGES: Record<string, { title: string; description: string }> = {
  first_solve: { title: 'First solve', description: 'Solved your first daily puzzle' },
  streak_3: { title: 'Warming up', description: 'A 3-day puzzle streak' },
  streak_7: { title: 'Week of wits', description: 'A 7-day puzzle streak' },
  streak_30: { title: 'Puzzle machine', description: 'A 30-day puzzle streak' },
  weekly_solver: { title: 'Weekly solver', description: 'Solved 5 puzzles in one week' },
};

/** True when the user answered today's puzzle wrongly (the one answer of the day is spent). */
export async function failedOn(deps: AppDeps, userId: string, day: string): Promise<boolean> {
  const r = await attemptOn(deps.db, userId, day);
  return r !== undefined && !r.correct;
}

export function streaks(days: string[], today: string, failedToday = false): { current: number; best: number } {
  const set = new Set(days);
  let best = 0;
  let run = 0;
  let prev: string | null = null;
  for (const d of [...set].sort()) {
    run = prev !== null && addDays(prev, 1) === d ? run + 1 : 1;
    best = Math.max(best, run);
    prev = d;
  }
  let current = 0;
  if (failedToday) return { current, best };
  let d = set.has(today) ? today : addDays(today, -1);
  while (set.has(d)) {
    current++;
    d = addDays(d, -1);
  }
  return { current, best };
}

/** Awards whatever the user now deserves; returns only the new badges. */
export async function awardBadges(deps: AppDeps, userId: string, today: string): Promise<Badge[]> {
  const days = await solvedDays(deps.db, userId);
  const { current } = streaks(days, today);
  const week = isoWeek(today);
  const inWeek = new Set(daysOfIsoWeek(week));
  const due: { kind: string; period: string }[] = [];
  if (days.length >= 1) due.push({ kind: 'first_solve', period: '' });
  for (const n of [3, 7, 30]) if (current >= n) due.push({ kind: `streak_${n}`, period: '' });
  if (days.filter((d) => inWeek.has(d)).length >= 5) due.push({ kind: 'weekly_solver', period: week });
  const awarded: Badge[] = [];
  for (const b of due) {
    const row = await insertBadgeOnce(deps.db, { userId, kind: b.kind, period: b.period, meta: { streak: current, day: today }, at: deps.now() });
    if (row) awarded.push(row);
  }
  return awarded;
}
