/**
 * Every query of the sessions feature: day sessions (one per user and local
 * day), work blocks (at most one open per user — partial unique indexes back
 * both), the repository a journal goes to, and the commits a day's summary
 * lists. The coach reads today's session and blocks from here too.
 */
import type { Database, DaySession, WorkBlock } from '@tamagitto/db';
import type { Kysely } from 'kysely';

type Db = Kysely<Database>;

// ---- sessions

export async function sessionForDay(db: Db, userId: string, day: string): Promise<DaySession | undefined> {
  return db.selectFrom('day_sessions').selectAll().where('user_id', '=', userId).where('day', '=', day).executeTakeFirst();
}

/** The session `id` if it is the user's (another user's reads as missing). */
export async function ownSession(db: Db, userId: string, id: string): Promise<DaySession | undefined> {
  return db.selectFrom('day_sessions').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

/** Throws a unique violation when the user already has a session that day (two popups starting at once). */
export async function insertSession(db: Db, s: { userId: string; day: string; startedAt: Date; journalRepositoryId: string | null }): Promise<DaySession> {
  return db
    .insertInto('day_sessions')
    .values({ user_id: s.userId, day: s.day, started_at: s.startedAt, journal_repository_id: s.journalRepositoryId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setJournalRepository(db: Db, sessionId: string, repositoryId: string): Promise<DaySession> {
  return db.updateTable('day_sessions').set({ journal_repository_id: repositoryId }).where('id', '=', sessionId).returningAll().executeTakeFirstOrThrow();
}

/** Ends the session unless it has ended already: only one caller wins (undefined for the others). */
export async function claimEnd(db: Db, sessionId: string, endedAt: Date, journalRepositoryId: string | null): Promise<DaySession | undefined> {
  return db
    .updateTable('day_sessions')
    .set({ ended_at: endedAt, journal_repository_id: journalRepositoryId })
    .where('id', '=', sessionId)
    .where('ended_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Stores what the ended session's journal entry said and how writing it went. */
export async function saveEnding(db: Db, sessionId: string, e: { summary: unknown; journalSha: string | null; journalError: string | null }): Promise<DaySession> {
  return db
    .updateTable('day_sessions')
    .set({ summary: JSON.stringify(e.summary), journal_sha: e.journalSha, journal_error: e.journalError })
    .where('id', '=', sessionId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---- work blocks

export async function blocksOf(db: Db, sessionId: string): Promise<WorkBlock[]> {
  return db.selectFrom('work_blocks').selectAll().where('session_id', '=', sessionId).orderBy('started_at').orderBy('id').execute();
}

export async function hasOpenBlock(db: Db, userId: string): Promise<boolean> {
  return (await db.selectFrom('work_blocks').select('id').where('user_id', '=', userId).where('ended_at', 'is', null).executeTakeFirst()) !== undefined;
}

/** Throws a unique violation when the user already has an open block. */
export async function insertBlock(db: Db, b: { sessionId: string; userId: string; label: string | null; startedAt: Date }): Promise<void> {
  await db.insertInto('work_blocks').values({ session_id: b.sessionId, user_id: b.userId, label: b.label, started_at: b.startedAt }).execute();
}

/** Ends the session's open blocks; the number ended. */
export async function endOpenBlocks(db: Db, sessionId: string, endedAt: Date): Promise<number> {
  const rows = await db.updateTable('work_blocks').set({ ended_at: endedAt }).where('session_id', '=', sessionId).where('ended_at', 'is', null).returning('id').execute();
  return rows.length;
}

// ---- the journal's repository

/** The repository row of `fullName` ("owner/name") if the user adopted it and can still read it on GitHub; undefined otherwise. */
export async function adoptedRepositoryId(db: Db, userId: string, fullName: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('repositories as r')
    .innerJoin('entities as e', 'e.repository_id', 'r.id')
    .select('r.id')
    .where('e.user_id', '=', userId)
    .where('e.access_lost_at', 'is', null)
    .where('r.full_name', '=', fullName.toLowerCase())
    .executeTakeFirst();
  return row?.id;
}

export async function repositoryName(db: Db, repositoryId: string): Promise<{ owner: string; name: string } | undefined> {
  return db.selectFrom('repositories').select(['owner', 'name']).where('id', '=', repositoryId).executeTakeFirst();
}

// ---- what the day's summary lists

/** Commits applied to the user's pets since `since`, oldest first (at most 50), with their health deltas; none of a repository the user lost access to. */
export async function commitsSince(db: Db, userId: string, since: Date) {
  return db
    .selectFrom('health_history as h')
    .innerJoin('entities as e', 'e.id', 'h.entity_id')
    .innerJoin('repositories as r', 'r.id', 'e.repository_id')
    .leftJoin('commit_analyses as a', 'a.id', 'h.analysis_id')
    .select(['h.sha', 'h.delta', 'a.message', 'r.owner', 'r.name'])
    .where('e.user_id', '=', userId)
    .where('e.access_lost_at', 'is', null)
    .where('h.reason', 'in', ['commit', 'poor_commit'])
    .where('h.created_at', '>=', since)
    .orderBy('h.created_at')
    .limit(50)
    .execute();
}
