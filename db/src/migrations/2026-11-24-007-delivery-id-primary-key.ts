/**
 * A webhook delivery's key is GitHub's delivery id (X-GitHub-Delivery): every
 * read, update and dedupe already goes through it, and nothing ever read the
 * surrogate `id`. That uuid cost each insert a gen_random_uuid() and a second
 * unique btree, filled at random positions. Dropping it and making delivery_id
 * the primary key: Postgres CPU per stored delivery 45-59 -> 37-41 ms per 1k
 * (store-only loop, batches of 16, 4 interleaved pairs). The unique constraint
 * on delivery_id becomes the primary key (its index is rebuilt once).
 * Down restores the uuid column (new values for existing rows) and the
 * separate unique constraint. Frozen in time: never imports app code.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table webhook_deliveries drop constraint webhook_deliveries_pkey`.execute(db);
  await sql`alter table webhook_deliveries drop column id`.execute(db);
  await sql`alter table webhook_deliveries drop constraint webhook_deliveries_delivery_id_key`.execute(db);
  await sql`alter table webhook_deliveries add constraint webhook_deliveries_pkey primary key (delivery_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table webhook_deliveries drop constraint webhook_deliveries_pkey`.execute(db);
  await sql`alter table webhook_deliveries add constraint webhook_deliveries_delivery_id_key unique (delivery_id)`.execute(db);
  await sql`alter table webhook_deliveries add column id uuid not null default gen_random_uuid()`.execute(db);
  await sql`alter table webhook_deliveries add constraint webhook_deliveries_pkey primary key (id)`.execute(db);
}
