/**
 * The live channel's SQL: the stored event history behind the SSE stream's `Last-Event-ID`
 * (`live_events`, migration 2026-12-07-101-live-events), and the API keys a stream still holds.
 */
import type { Database } from '@tamagitto/db';
import type { Kysely } from 'kysely';

export interface StoredEventInput {
  user_id: string;
  kind: string;
  pet_id: string | null;
  data: string;
  dedupe: string;
}

/**
 * Stores events (one statement) and answers each one's id by its `dedupe`: a row another api
 * instance stored first keeps its id, so every instance sends the same `id:` for the same event.
 */
export async function storeLiveEvents(db: Kysely<Database>, rows: StoredEventInput[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const inserted = await db
    .insertInto('live_events')
    .values(rows)
    .onConflict((oc) => oc.column('dedupe').doNothing())
    .returning(['id', 'dedupe'])
    .execute();
  for (const r of inserted) ids.set(r.dedupe, String(r.id));
  const missing = rows.filter((r) => !ids.has(r.dedupe)).map((r) => r.dedupe);
  if (missing.length > 0) {
    const found = await db.selectFrom('live_events').select(['id', 'dedupe']).where('dedupe', 'in', missing).execute();
    for (const r of found) ids.set(r.dedupe, String(r.id));
  }
  return ids;
}

/** One page of a user's stored events after `afterId`, oldest first. */
export function liveEventsAfter(db: Kysely<Database>, userId: string, afterId: string, limit: number): Promise<{ id: string; kind: string; pet_id: string | null; data: string }[]> {
  return db
    .selectFrom('live_events')
    .select(['id', 'kind', 'pet_id', 'data'])
    .where('user_id', '=', userId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, id: String(r.id) })));
}

/** The oldest id still stored (null: none): a resume from before it may have lost events to the retention. */
export async function oldestLiveEventId(db: Kysely<Database>): Promise<string | null> {
  const r = await db
    .selectFrom('live_events')
    .select((eb) => eb.fn.min('id').as('id'))
    .executeTakeFirst();
  return r?.id == null ? null : String(r.id);
}

/** Deletes events stored before `before`; answers how many. */
export async function deleteLiveEventsBefore(db: Kysely<Database>, before: Date): Promise<number> {
  const r = await db.deleteFrom('live_events').where('created_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Of these API key ids, the ones still live (not revoked): a stream opened with any other is ended. */
export async function liveApiKeyIds(db: Kysely<Database>, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('api_keys').select('id').where('id', 'in', ids).where('revoked_at', 'is', null).execute();
  return new Set(rows.map((r) => r.id));
}
