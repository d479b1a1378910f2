/**
 * Per-repository PR-check thresholds (issue 16): `repositories.check_thresholds` holds only the
 * values an adopter changed (jsonb, e.g. {"failAtDelta": -5}); null means the defaults
 * (DEFAULT_CHECK_THRESHOLDS in db/src/repositories/checks.ts). The worker judges a check with the
 * defaults overlaid by these, and the report records what it used.
 * Frozen in time: never imports app code.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table repositories add column check_thresholds jsonb`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table repositories drop column check_thresholds`.execute(db);
}
