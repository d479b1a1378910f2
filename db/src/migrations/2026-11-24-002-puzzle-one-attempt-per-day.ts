/**
 * One puzzle answer per user and day (issue 5): the answer is revealed after
 * the first submission, so a second one must be impossible even when two
 * requests race. Frozen in time: never imports app code.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('puzzle_attempts_user_day_key').on('puzzle_attempts').columns(['user_id', 'puzzle_day']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('puzzle_attempts_user_day_key').ifExists().execute();
}
