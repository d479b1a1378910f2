/**
 * `live_events`: the stored history behind the SSE stream's `Last-Event-ID` resume (issue 18).
 *
 * One row per event and recipient user, as sent (`data`, the JSON text), keyed by a bigint
 * identity `id` — the stream's `id:` — so a client that reconnects gets every row of its user
 * after the id it last saw. Every api instance receives every bus event and stores it; `dedupe`
 * (a digest of the event and its user) makes the instances agree on one row and one id.
 * `pet_id` lets a replay leave out the pets whose repository the owner can no longer read.
 * Rows older than the retention (LIVE_EVENTS_RETENTION_HOURS) are deleted by the api.
 * Frozen in time: never imports app code.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('live_events')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('pet_id', 'uuid')
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('dedupe', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('live_events_user_id_idx').on('live_events').columns(['user_id', 'id']).execute();
  await db.schema.createIndex('live_events_created_idx').on('live_events').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('live_events').execute();
}
