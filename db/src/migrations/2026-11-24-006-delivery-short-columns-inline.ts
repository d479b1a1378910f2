/**
 * Keep a delivery's short text columns in the row. Postgres shrinks a row that
 * is over ~2 KB in rounds: first it moves EXTENDED columns longer than a TOAST
 * pointer out of line, and only then compresses MAIN ones. A push delivery's
 * payload (MAIN since 2026-11-24-005) is ~7 KB before compression, so every
 * insert first moved the 36-byte `delivery_id` into the TOAST table (a second
 * heap insert and a second index insert per delivery, and a TOAST fetch for
 * every read of the id), then compressed the payload, after which the row
 * would have fit anyway. Found with perf on the ingest path: toast_save_datum
 * was ~8 % of Postgres's CPU per delivery, and the TOAST table held one 36-byte
 * chunk per delivery. With these columns MAIN, round two finds nothing to move.
 * `error` stays EXTENDED: it can be long and is written later, by the worker.
 * Existing rows keep their storage until rewritten (harmless: reads detoast).
 * Frozen in time: never imports app code.
 */
import { sql, type Kysely } from 'kysely';

const SHORT_COLUMNS = ['delivery_id', 'event', 'action', 'repository_full_name', 'status'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const c of SHORT_COLUMNS) await sql`alter table webhook_deliveries alter column ${sql.ref(c)} set storage main`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of SHORT_COLUMNS) await sql`alter table webhook_deliveries alter column ${sql.ref(c)} set storage extended`.execute(db);
}
