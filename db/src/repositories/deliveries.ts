import { CompiledQuery, type Kysely } from 'kysely';
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

const INSERT_COLUMNS = 7;
/** The statement text per batch size: built once, not per batch (this is the webhook's hot path). */
const insertText = new Map<number, string>();

function insertSql(n: number): string {
  let text = insertText.get(n);
  if (text) return text;
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = i * INSERT_COLUMNS;
    rows.push(`($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}::json, $${p + 7})`);
  }
  text =
    'insert into webhook_deliveries (delivery_id, event, action, repository_github_id, repository_full_name, payload, status) values ' +
    rows.join(', ') +
    ' on conflict (delivery_id) do nothing returning delivery_id';
  if (insertText.size < 1024) insertText.set(n, text);
  return text;
}

/**
 * One multi-row insert for a batch of deliveries. Returns the delivery ids that
 * were new; a repeat (`X-GitHub-Delivery` seen before) is skipped by the unique
 * constraint and not returned, so it is never enqueued twice.
 *
 * Written as SQL text rather than with the query builder: on the webhook's hot
 * path (bench/webhook-ingest) building and compiling the same insert for every
 * batch cost ~7 % of the api's CPU. Same statement kysely produced.
 */
export async function insertDeliveries(db: Db, rows: IncomingDelivery[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const params: unknown[] = new Array(rows.length * INSERT_COLUMNS);
  let i = 0;
  for (const r of rows) {
    params[i++] = r.deliveryId;
    params[i++] = r.event;
    params[i++] = r.action;
    params[i++] = r.repositoryGithubId;
    params[i++] = r.repositoryFullName;
    params[i++] = r.payload;
    params[i++] = r.status;
  }
  const result = await db.executeQuery<{ delivery_id: string }>(CompiledQuery.raw(insertSql(rows.length), params));
  return new Set(result.rows.map((r) => r.delivery_id));
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
