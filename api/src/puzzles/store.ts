/**
 * Every query of the puzzles feature: the day's stored puzzle
 * (`daily_puzzles`), the users' answers (`puzzle_attempts`, one per user and
 * day) and their badges (`badges`, unique per user, kind and period).
 * The session summary reads a day's attempt from here too.
 */
import { isUniqueViolation, type Badge, type Database, type PuzzleAttempt } from '@tamagitto/db';
import type { Kysely } from 'kysely';
import type { Puzzle } from './puzzle-bank.ts';

type Db = Kysely<Database>;

// ---- the day's puzzle

export async function storedPuzzle(db: Db, day: string): Promise<Puzzle | undefined> {
  const row = await db.selectFrom('daily_puzzles').select('puzzle').where('day', '=', day).executeTakeFirst();
  return row ? (row.puzzle as Puzzle) : undefined;
}

/** Titles of the latest puzzles Claude wrote, newest first (so the next one does not repeat them). */
export async function recentClaudeTitles(db: Db, n: number): Promise<string[]> {
  const rows = await db.selectFrom('daily_puzzles').select('puzzle').where('source', '=', 'claude').orderBy('day', 'desc').limit(n).execute();
  return rows.map((r) => r.puzzle.title);
}

/** Keeps `puzzle` as the day's unless another instance stored one first (the first row wins). */
export async function storePuzzleIfFirst(db: Db, day: string, puzzle: Puzzle, source: 'bank' | 'claude'): Promise<void> {
  await db
    .insertInto('daily_puzzles')
    .values({ day, puzzle_id: puzzle.id, source, puzzle: JSON.stringify(puzzle) })
    .onConflict((oc) => oc.column('day').doNothing())
    .execute();
}

// ---- answers

/** The user's answer on `day`, if any. */
export async function attemptOn(db: Db, userId: string, day: string): Promise<PuzzleAttempt | undefined> {
  return db.selectFrom('puzzle_attempts').selectAll().where('user_id', '=', userId).where('puzzle_day', '=', day).orderBy('created_at', 'desc').executeTakeFirst();
}

/** Records the day's one answer; false when the user has already answered that day. */
export async function recordAttempt(db: Db, a: { userId: string; day: string; puzzleId: string; answer: number; correct: boolean; at: Date }): Promise<boolean> {
  try {
    await db.insertInto('puzzle_attempts').values({ user_id: a.userId, puzzle_day: a.day, puzzle_id: a.puzzleId, answer: String(a.answer), correct: a.correct, created_at: a.at }).execute();
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** Days ('YYYY-MM-DD') with a correct answer, oldest first. */
export async function solvedDays(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('puzzle_attempts').select('puzzle_day').where('user_id', '=', userId).where('correct', '=', true).orderBy('puzzle_day').execute();
  return rows.map((r) => r.puzzle_day);
}

// ---- badges

export async function listBadges(db: Db, userId: string): Promise<Badge[]> {
  return db.selectFrom('badges').selectAll().where('user_id', '=', userId).orderBy('awarded_at').orderBy('id').execute();
}

/** Inserts the badge unless the user already has it for that period; returns it only when new. */
export async function insertBadgeOnce(db: Db, b: { userId: string; kind: string; period: string; meta: Record<string, unknown>; at: Date }): Promise<Badge | undefined> {
  return db
    .insertInto('badges')
    .values({ user_id: b.userId, kind: b.kind, period: b.period, meta: JSON.stringify(b.meta), awarded_at: b.at })
    .onConflict((oc) => oc.columns(['user_id', 'kind', 'period']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Badges of an ISO week: the weekly ones for that week, and any awarded between `from` and `to`. */
export async function badgesOfWeek(db: Db, userId: string, week: string, from: Date, to: Date): Promise<Badge[]> {
  return db
    .selectFrom('badges')
    .selectAll()
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('period', '=', week), eb.and([eb('awarded_at', '>=', from), eb('awarded_at', '<=', to)])]))
    .orderBy('awarded_at')
    .execute();
}

export async function setGistUrl(db: Db, badgeIds: string[], url: string): Promise<void> {
  await db.updateTable('badges').set({ gist_url: url }).where('id', 'in', badgeIds).execute();
}
