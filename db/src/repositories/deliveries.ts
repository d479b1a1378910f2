import { sql, type Kysely } from 'kysely';
import type { Database, DeliveryStatus, WebhookDelivery } from '../schema.ts';

type Db = Kysely<Database>;

export interface IncomingDelivery {
  deliveryId: string;
  event: string;
  action: string | null;
  repositoryGithubId: number | null;
  repositoryFullName: string | null;
  /** The raw JSON body as received: stored byte-for-byte (json, not jsonb) so it can be re-verified. */
  payload: string;
  status: DeliveryStatus;
}

/**
 * One multi-row insert for a batch of deliveries. Returns the delivery ids that
 * were new; a repeat (`X-GitHub-Delivery` seen before) is skipped by the unique
 * constraint and not returned, so it is never enqueued twice.
 */
export async function insertDeliveries(db: Db, rows: IncomingDelivery[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await db
    .insertInto('webhook_deliveries')
    .values(
      rows.map((r) => ({
        delivery_id: r.deliveryId,
        event: r.event,
        action: r.action,
        repository_github_id: r.repositoryGithubId,
        repository_full_name: r.repositoryFullName,
        payload: sql`${r.payload}::json`,
        status: r.status,
      })),
    )
    .onConflict((oc) => oc.column('delivery_id').doNothing())
    .returning('delivery_id')
    .execute();
  return new Set(inserted.map((r) => r.delivery_id));
}

export async function getDelivery(db: Db, deliveryId: string): Promise<WebhookDelivery | undefined> {
  return db.selectFrom('webhook_deliveries').selectAll().where('delivery_id', '=', deliveryId).executeTakeFirst();
}

export async function markDelivery(db: Db, deliveryId: string, status: DeliveryStatus, error: string | null = null): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ status, error, processed_at: status === 'processed' || status === 'ignored' || status === 'failed' ? new Date() : null })
    .where('delivery_id', '=', deliveryId)
    .execute();
}

/** Keeps the last failure on the row (the job stays pending for a retry); shown when it finally gives up. */
export async function recordDeliveryError(db: Db, deliveryId: string, error: string): Promise<void> {
  await db.updateTable('webhook_deliveries').set({ error: error.slice(0, 500) }).where('delivery_id', '=', deliveryId).execute();
}

export async function bumpDeliveryAttempts(db: Db, deliveryId: string): Promise<number> {
  const r = await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('delivery_id', '=', deliveryId)
    .returning('attempts')
    .executeTakeFirst();
  return r?.attempts ?? 0;
}

/** Deliveries accepted but not finished, oldest first: the queue is rebuilt from these after a crash. */
export async function listUnfinishedDeliveries(db: Db, opts: { receivedBefore: Date; limit: number }): Promise<string[]> {
  const rows = await db
    .selectFrom('webhook_deliveries')
    .select('delivery_id')
    .where('status', 'in', ['received', 'queued'])
    .where('received_at', '<', opts.receivedBefore)
    .orderBy('received_at')
    .limit(opts.limit)
    .execute();
  return rows.map((r) => r.delivery_id);
}
