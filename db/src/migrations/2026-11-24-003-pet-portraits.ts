/**
 * AI portraits (Gemini when configured, built-in sprites otherwise): one generated image per
 * (family, species, state, stage), shared by every user. The row doubles as
 * the generation claim: a process inserts it as 'pending' with a lease before
 * calling Gemini, so concurrent requests on any api instance generate once;
 * 'failed' rows keep the lease as a back-off before the next attempt.
 * Frozen in time: never imports app code.
 */
import { sql, type Kysely } from 'kysely';

const now = sql`now()`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pet_portraits')
    .addColumn('family', 'text', (c) => c.notNull())
    .addColumn('species', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'ready', 'failed')`))
    .addColumn('mime_type', 'text')
    .addColumn('image', 'bytea')
    .addColumn('etag', 'text')
    .addColumn('model', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('pet_portraits_pkey', ['family', 'species', 'state', 'stage'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pet_portraits').ifExists().execute();
}
