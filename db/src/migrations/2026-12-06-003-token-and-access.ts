/**
 * A stored GitHub token that GitHub rejected (401) is marked, so the worker
 * skips it for the other adopters' tokens and its owner is told to sign in
 * again; signing in clears the mark. Per pet, the last time the adopter's own
 * token could still read the repository, and since when it cannot: a pet
 * whose adopter lost access is hidden from them until access returns.
 * Frozen in time: never imports app code.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users add column token_rejected_at timestamptz`.execute(db);
  await sql`alter table users add column token_rejected_reason text`.execute(db);
  await sql`alter table entities add column access_checked_at timestamptz`.execute(db);
  await sql`alter table entities add column access_lost_at timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table entities drop column access_lost_at`.execute(db);
  await sql`alter table entities drop column access_checked_at`.execute(db);
  await sql`alter table users drop column token_rejected_reason`.execute(db);
  await sql`alter table users drop column token_rejected_at`.execute(db);
}
