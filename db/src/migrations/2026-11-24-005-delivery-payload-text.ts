/**
 * Webhook payloads as `text`: the exact bytes GitHub signed, still lz4-compressed
 * where the server has lz4. The api parses every body before it is stored (a
 * malformed one is a 400 and never reaches the table), so Postgres validating
 * it again as `json` was a second full parse of ~7 KB per delivery: about 12 %
 * of Postgres's CPU on the ingest path (perf, bench/webhook-ingest). Nothing
 * queries inside a payload in SQL; the worker parses it.
 *
 * Storage MAIN: a push payload compresses (lz4) to ~2.7 KB, just over the 2 KB at
 * which Postgres would move it out of line into the TOAST table (a second heap
 * insert and a second index insert per delivery). MAIN keeps the compressed value
 * in the row unless the row cannot fit a page: ~10 % less Postgres CPU per
 * delivery. Rows are read by delivery id or through the status index, never by
 * scanning the table, so the wider rows cost nothing there. Frozen in time: never
 * imports app code.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table webhook_deliveries alter column payload type text`.execute(db);
  await sql`alter table webhook_deliveries alter column payload set storage main`.execute(db);
  // The type change rewrites the column; keep lz4 where available (PGlite lacks it).
  await sql`
    do $$ begin
      alter table webhook_deliveries alter column payload set compression lz4;
    exception when feature_not_supported then null;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table webhook_deliveries alter column payload set storage extended`.execute(db);
  await sql`alter table webhook_deliveries alter column payload type json using payload::json`.execute(db);
}
