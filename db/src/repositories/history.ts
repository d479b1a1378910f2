import type { Kysely } from 'kysely';
import type { Database, HealthHistory, NewHealthHistory } from '../schema.ts';

type Db = Kysely<Database>;

/**
 * Inserts a history entry unless one exists for the same (pet, reason, sha) or
 * (pet, reason, day) — the partial unique indexes that make effects exactly-once.
 * Returns undefined for a duplicate.
 */
export async function insertHealthEntry(db: Db, row: NewHealthHistory): Promise<HealthHistory | undefined> {
  let q = db.insertInto('health_history').values(row);
  if (row.sha != null) q = q.onConflict((oc) => oc.columns(['entity_id', 'reason', 'sha']).where('sha', 'is not', null).doNothing());
  else if (row.day != null) q = q.onConflict((oc) => oc.columns(['entity_id', 'reason', 'day']).where('day', 'is not', null).doNothing());
  return q.returningAll().executeTakeFirst();
}

export async function listHistory(db: Db, entityId: string, limit: number): Promise<HealthHistory[]> {
  return db
    .selectFrom('health_history')
    .selectAll()
    .where('entity_id', '=', entityId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function hasHistoryForSha(db: Db, entityId: string, sha: string): Promise<boolean> {
  const r = await db
    .selectFrom('health_history')
    .select('id')
    .where('entity_id', '=', entityId)
    .where('sha', '=', sha)
    .where('reason', 'in', ['commit', 'poor_commit'])
    .executeTakeFirst();
  return r !== undefined;
}
