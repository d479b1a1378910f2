/**
 * Pet care chosen by the owner: a favourite (listed first), a position in
 * their own order, and whether the pet's README badge is served publicly
 * (GET /api/pets/{id}/badge.svg, off until the owner turns it on).
 * Frozen in time: never imports app code.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table entities add column favourite boolean not null default false`.execute(db);
  await sql`alter table entities add column position integer`.execute(db);
  await sql`alter table entities add column badge_public boolean not null default false`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table entities drop column badge_public`.execute(db);
  await sql`alter table entities drop column position`.execute(db);
  await sql`alter table entities drop column favourite`.execute(db);
}
