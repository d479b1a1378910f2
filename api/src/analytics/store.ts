/**
 * Every query on `llm_usage`: one row per model call, ok or not (the coach's
 * chats, the daily puzzle, portraits), read back for the Stats tab's chart.
 */
import type { Database, LlmUsageTable, Logger } from '@tamagitto/db';
import type { Insertable, Kysely } from 'kysely';

type Db = Kysely<Database>;

/**
 * One `llm_usage` row per model call, ok or not (the coach, the daily puzzle
 * and portraits all record theirs; the Stats tab reads them). Best effort:
 * bookkeeping never fails the call it describes, but a lost row is logged.
 */
export async function recordLlmUsage(deps: { db: Db; log: Logger }, row: Insertable<LlmUsageTable>): Promise<void> {
  try {
    await deps.db.insertInto('llm_usage').values(row).execute();
  } catch (err) {
    deps.log.warn({ purpose: row.purpose, err: { message: (err as Error).message } }, 'llm usage not recorded');
  }
}

/** The user's model calls since `since` (unordered). */
export async function llmUsageSince(db: Db, userId: string, since: Date) {
  return db
    .selectFrom('llm_usage')
    .select(['created_at', 'tokens_in', 'tokens_out', 'cost_usd', 'ok'])
    .where('user_id', '=', userId)
    .where('created_at', '>=', since)
    .execute();
}
