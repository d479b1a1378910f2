/**
 * A signed push body re-posted under a new X-GitHub-Delivery id is the same
 * push: `push_after` holds the push's `after` SHA (null for other events and
 * for branch deletions), and the unique index on (repository, after) makes
 * the insert skip the replay exactly as it skips a repeated delivery id.
 * Frozen in time: never imports app code.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table webhook_deliveries add column push_after text`.execute(db);
  await sql`create unique index webhook_deliveries_push_key on webhook_deliveries (repository_github_id, push_after) where push_after is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index webhook_deliveries_push_key`.execute(db);
  await sql`alter table webhook_deliveries drop column push_after`.execute(db);
}
