/**
 * Every query on `llm_usage`: one row per model call, ok or not (the coach's
 * chats, the daily puzzle, portraits), read back for the Stats tab's chart.
 */
import type { Database, LlmUsageTable } from '@tamagitto/db';
import type { Insertable, Kysely } from 'kysely';

type Db = Kysely<Database>;

export async function insertLlmUsage(db: Db, row: Insertable<LlmUsageTable>): Promise<void> {
  await db.insertInto('llm_usage').values(row).execute();
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
