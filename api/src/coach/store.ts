/**
 * Every query of the coach: the conversation (`conversations`: the user's
 * questions, the coach's answers and the nudges it sent) and the recent vet
 * reports the coach's context mentions. Model calls are recorded through
 * analytics/store.ts, which owns `llm_usage`.
 */
import type { Conversation, Database } from '@tamagitto/db';
import type { Kysely } from 'kysely';

type Db = Kysely<Database>;

/** The latest `n` questions and answers (no nudges), newest first. */
export async function latestTurns(db: Db, userId: string, n: number): Promise<{ role: 'user' | 'assistant'; content: string }[]> {
  const rows = await db
    .selectFrom('conversations')
    .select(['role', 'content'])
    .where('user_id', '=', userId)
    .where('role', 'in', ['user', 'assistant'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(n)
    .execute();
  return rows.map((r) => ({ role: r.role as 'user' | 'assistant', content: r.content }));
}

/** The latest `n` entries of the conversation, nudges included, newest first. */
export async function latestMessages(db: Db, userId: string, n: number): Promise<Conversation[]> {
  return db.selectFrom('conversations').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(n).execute();
}

/**
 * Appends to the conversation; the id. History is ordered by created_at, so
 * an entry is stamped at least 1 ms after the previous one: an answer sorts
 * after its question even within one clock tick.
 */
export async function appendMessage(db: Db, m: { userId: string; role: 'user' | 'assistant'; content: string; source: string | null }, now: Date): Promise<string> {
  const last = await db.selectFrom('conversations').select('created_at').where('user_id', '=', m.userId).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  const at = new Date(Math.max(now.getTime(), last ? new Date(last.created_at).getTime() + 1 : 0));
  const r = await db.insertInto('conversations').values({ user_id: m.userId, role: m.role, content: m.content, source: m.source, created_at: at }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** The latest `n` commit analyses of these repositories, newest first. */
export async function recentAnalyses(db: Db, repositoryIds: string[], n: number) {
  if (!repositoryIds.length) return [];
  return db
    .selectFrom('commit_analyses as a')
    .innerJoin('repositories as r', 'r.id', 'a.repository_id')
    .select(['a.sha', 'a.message', 'a.delta', 'a.metrics', 'a.poor_quality', 'r.owner', 'r.name'])
    .where('a.repository_id', 'in', repositoryIds)
    .orderBy('a.created_at', 'desc')
    .limit(n)
    .execute();
}
