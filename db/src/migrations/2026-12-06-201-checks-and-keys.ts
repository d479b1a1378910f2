/**
 * PR checks and personal API keys (issue 16).
 *
 * `checks`: one row per (repository, PR, head SHA): a repeat request finds the row, a newer head
 * supersedes the older rows of the same PR. The worker runs it as a bus job (kind 'check', ref =
 * the row's id) under the deliveries' retry policy: `attempts`, `next_attempt_at` (when `status`
 * is 'queued' and a retry is scheduled), `error` (the cause; the dead letter is `failed`).
 * `status_posted` / `status_error`: whether the `tamagitto/pet` commit status reached GitHub, and
 * why not. The report is jsonb (its shape: worker/src/checks/report.ts).
 *
 * `api_keys`: a key is shown once at creation; only its SHA-256 (`hash`, hex) and its first
 * characters (`prefix`, for the list) are stored.
 * Frozen in time: never imports app code.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('checks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('repository_id', 'uuid', (c) => c.notNull().references('repositories.id').onDelete('cascade'))
    .addColumn('pr_number', 'integer', (c) => c.notNull())
    .addColumn('head_sha', 'text', (c) => c.notNull())
    .addColumn('base_sha', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued').check(sql`status in ('queued', 'running', 'done', 'failed', 'superseded')`))
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('report', 'jsonb')
    .addColumn('verdict', 'text', (c) => c.check(sql`verdict in ('pass', 'warn', 'fail')`))
    .addColumn('error', 'text')
    .addColumn('status_posted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('status_error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('checks_repo_pr_head_key', ['repository_id', 'pr_number', 'head_sha'])
    .execute();
  await db.schema.createIndex('checks_repo_created_idx').on('checks').columns(['repository_id', 'created_at']).execute();
  await sql`create index checks_due_idx on checks (next_attempt_at) where status = 'queued' and next_attempt_at is not null`.execute(db);

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .addColumn('scopes', sql`text[]`, (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('api_keys_user_idx').on('api_keys').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_keys').execute();
  await db.schema.dropTable('checks').execute();
}
