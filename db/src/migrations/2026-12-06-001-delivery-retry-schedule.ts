/**
 * Retry schedules live in Postgres, not in the queue: a delivery that failed
 * for a reason worth retrying is `retrying` with `next_attempt_at`; the
 * worker's due-retry loop enqueues it when that time comes, so a Redis
 * restart loses no retry. `error_kind` says which policy applies ('transient'
 * for a lost database/Redis connection, 'github' for GitHub trouble, 'other').
 * `failed` stays the dead letter: its `error` holds the last cause.
 * The partial index serves the due-retry loop only (few rows at any time).
 * Frozen in time: never imports app code.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table webhook_deliveries add column next_attempt_at timestamptz`.execute(db);
  await sql`alter table webhook_deliveries add column error_kind text`.execute(db);
  await sql`create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status = 'retrying'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index webhook_deliveries_due_idx`.execute(db);
  await sql`update webhook_deliveries set status = 'queued' where status = 'retrying'`.execute(db);
  await sql`alter table webhook_deliveries drop column error_kind`.execute(db);
  await sql`alter table webhook_deliveries drop column next_attempt_at`.execute(db);
}
