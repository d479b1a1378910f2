/**
 * Badges and streaks (issue 5). A streak is the run of consecutive days with
 * a correct puzzle answer ending today (or yesterday while today is still
 * open; a wrong answer today closes the day and ends the streak).
 * Badges are unique per (user, kind, period), so awarding is idempotent.
 */
import type { Badge } from '@tamagitto/db';
import type { BadgeDto } from '@tamagitto/domain';
import type { AppDeps } from '../deps.ts';
import { addDays, daysOfIsoWeek, isoWeek } from '@tamagitto/domain';

export const BADGES: Record<string, { title: string; description: string }> = {
  first_solve: { title: 'First solve', description: 'Solved your first daily puzzle' },
  streak_3: { title: 'Warming up', description: 'A 3-day puzzle streak' },
  streak_7: { title: 'Week of wits', description: 'A 7-day puzzle streak' },
  streak_30: { title: 'Puzzle machine', description: 'A 30-day puzzle streak' },
  weekly_solver: { title: 'Weekly solver', description: 'Solved 5 puzzles in one week' },
};

export function toBadgeDto(b: Badge): BadgeDto {
  const meta = BADGES[b.kind] ?? { title: b.kind, description: '' };
  return { id: b.id, kind: b.kind, title: meta.title, description: meta.description, period: b.period, awardedAt: new Date(b.awarded_at).toISOString(), gistUrl: b.gist_url };
}

/** True when the user answered today's puzzle wrongly (the one answer of the day is spent). */
export async function failedOn(deps: AppDeps, userId: string, day: string): Promise<boolean> {
  const r = await deps.db.selectFrom('puzzle_attempts').select('correct').where('user_id', '=', userId).where('puzzle_day', '=', day).executeTakeFirst();
  return r !== undefined && !r.correct;
}

export async function solvedDays(deps: AppDeps, userId: string): Promise<string[]> {
  const rows = await deps.db.selectFrom('puzzle_attempts').select('puzzle_day').where('user_id', '=', userId).where('correct', '=', true).orderBy('puzzle_day').execute();
  return rows.map((r) => r.puzzle_day);
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
  const days = await solvedDays(deps, userId);
  const { current } = streaks(days, today);
  const week = isoWeek(today);
  const inWeek = new Set(daysOfIsoWeek(week));
  const due: { kind: string; period: string }[] = [];
  if (days.length >= 1) due.push({ kind: 'first_solve', period: '' });
  for (const n of [3, 7, 30]) if (current >= n) due.push({ kind: `streak_${n}`, period: '' });
  if (days.filter((d) => inWeek.has(d)).length >= 5) due.push({ kind: 'weekly_solver', period: week });
  const awarded: Badge[] = [];
  for (const b of due) {
    const row = await deps.db
      .insertInto('badges')
      .values({ user_id: userId, kind: b.kind, period: b.period, meta: JSON.stringify({ streak: current, day: today }), awarded_at: deps.now() })
      .onConflict((oc) => oc.columns(['user_id', 'kind', 'period']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (row) awarded.push(row);
  }
  return awarded;
}
