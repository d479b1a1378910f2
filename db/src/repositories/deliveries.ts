import { CompiledQuery, type Kysely } from 'kysely';
import type { DbHandle } from '../create-db.ts';
import { isUniqueViolation } from '../pg-errors.ts';
import type { Database, DeliveryErrorKind, DeliveryStatus, WebhookDelivery } from '../schema.ts';

type Db = Kysely<Database>;

export interface IncomingDelivery {
  deliveryId: string;
  event: string;
  action: string | null;
  repositoryGithubId: number | null;
  repositoryFullName: string | null;
  /**
   * The raw JSON body as received: stored byte-for-byte, so it can be re-verified against its signature.
   * The api's ingest passes the bytes (valid UTF-8) as they arrived; Postgres takes them without a decode and re-encode.
   */
  payload: string | Buffer;
  status: DeliveryStatus;
  /**
   * A push's `after` SHA (not for a branch deletion): with the repository, a second key
   * (migration 2026-12-06-002) so a signed body re-posted under a new delivery id is skipped like a
   * repeated id. Null or left out for every other delivery (the poller's synthetic ones included).
   */
  pushAfter?: string | null;
}

/** Stores a batch; resolves to the delivery ids that were new (a repeat is skipped, never enqueued twice). */
export type DeliveryWriter = (rows: readonly IncomingDelivery[]) => Promise<Set<string>>;

const INSERT_COLUMNS = 8;
/** The statement text per batch size: built once, not per batch (this is the webhook's hot path). */
const insertText = new Map<number, string>();

function insertSql(n: number): string {
  let text = insertText.get(n);
  if (text) return text;
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = i * INSERT_COLUMNS;
    rows.push(`($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7}, $${p + 8})`);
  }
  text =
    'insert into webhook_deliveries (delivery_id, event, action, repository_github_id, repository_full_name, payload, status, push_after) values ' +
    rows.join(', ') +
    // No conflict target: a repeated delivery id and a replayed push (repository, after) are both skipped.
    ' on conflict do nothing returning delivery_id';
  if (insertText.size < 1024) insertText.set(n, text);
  return text;
}

/**
 * One multi-row insert for a batch of deliveries, on any database (PGlite
 * included). Returns the delivery ids that were new; a repeat
 * (`X-GitHub-Delivery` seen before, or a push whose repository and `after` were
 * stored before: a replayed body) is skipped by a unique index and not
 * returned, so it is never enqueued twice. The api's ingest on Postgres
 * uses the faster `deliveryWriter` below. PGlite stays on VALUES: the unnest
 * statement with JS arrays (PGlite takes no binary parameters) escapes every
 * payload into an array literal, measured at 37 % more api CPU per delivery
 * in the embedded mode (bench/webhook-ingest, 557 -> 764 ms per 1k).
 */
export async function insertDeliveries(db: Db, rows: readonly IncomingDelivery[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const params: unknown[] = new Array(rows.length * INSERT_COLUMNS);
  let i = 0;
  for (const r of rows) {
    params[i++] = r.deliveryId;
    params[i++] = r.event;
    params[i++] = r.action;
    params[i++] = r.repositoryGithubId;
    params[i++] = r.repositoryFullName;
    params[i++] = typeof r.payload === 'string' ? r.payload : r.payload.toString('utf8');
    params[i++] = r.status;
    params[i++] = r.pushAfter ?? null;
  }
  const result = await db.executeQuery<{ delivery_id: string }>(CompiledQuery.raw(insertSql(rows.length), params));
  return new Set(result.rows.map((r) => r.delivery_id));
}

/**
 * The fastest batch insert the database offers. On Postgres: ONE statement
 * text for every batch size (`unnest` over eight array parameters), run as a
 * named prepared statement, so each connection parses and plans it once; the
 * arrays travel in Postgres's binary array format, so nothing is escaped or
 * quoted. A multi-row VALUES list instead is parsed and planned anew for every
 * batch: that cost ~35 % of Postgres's CPU per delivery (bench/webhook-ingest).
 * The unnest calls sit in the select list (one ProjectSet node walking the eight
 * arrays in step; they always have the same length), not in FROM: a function
 * in FROM first copies every row, payload included, into a tuplestore.
 * Elsewhere (PGlite): `insertDeliveries`.
 */
export function deliveryWriter(handle: Pick<DbHandle, 'db' | 'pgPool'>): DeliveryWriter {
  const pool = handle.pgPool;
  if (!pool) return (rows) => insertDeliveries(handle.db, rows);
  return async (rows) => {
    if (rows.length === 0) return new Set();
    const values = [
      textArray(rows, (r) => r.deliveryId),
      textArray(rows, (r) => r.event),
      textArray(rows, (r) => r.action),
      int8Array(rows, (r) => r.repositoryGithubId),
      textArray(rows, (r) => r.repositoryFullName),
      textArray(rows, (r) => r.payload),
      textArray(rows, (r) => r.status),
      textArray(rows, (r) => r.pushAfter ?? null),
    ];
    // Almost every batch holds only new deliveries: insert them plainly, and only when
    // the primary key refuses one (a redelivery) write the batch again skipping repeats.
    // ON CONFLICT checks each row against the index before inserting it, a second index
    // descent per row that a plain insert does not make.
    try {
      await pool.query({ name: 'tamagitto_insert_new_deliveries', text: INSERT_NEW, values });
      return new Set(rows.map((r) => r.deliveryId));
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
    const result = await pool.query<{ delivery_id: string }>({ name: 'tamagitto_insert_deliveries', text: INSERT_SKIPPING_REPEATS, values });
    return new Set(result.rows.map((r) => r.delivery_id));
  };
}

const INSERT_NEW =
  'insert into webhook_deliveries (delivery_id, event, action, repository_github_id, repository_full_name, payload, status, push_after) ' +
  'select unnest($1::text[]), unnest($2::text[]), unnest($3::text[]), unnest($4::int8[]), unnest($5::text[]), unnest($6::text[]), unnest($7::text[]), unnest($8::text[])';
/** No conflict target: either unique index (the delivery id, or the push's repository and `after`) skips the row. */
const INSERT_SKIPPING_REPEATS = `${INSERT_NEW} on conflict do nothing returning delivery_id`;

const OID = { text: 25, int8: 20 } as const;
const ARRAY_HEADER = 20;

/** Postgres's binary array format (array_recv): ndim 1, has-null flag, element type, length, lower bound 1. */
function arrayHeader(out: Buffer, hasNull: boolean, oid: number, length: number): void {
  out.writeInt32BE(1, 0);
  out.writeInt32BE(hasNull ? 1 : 0, 4);
  out.writeUInt32BE(oid, 8);
  out.writeInt32BE(length, 12);
  out.writeInt32BE(1, 16);
}

/** A text[] parameter: each element is its byte length (-1 for null) followed by its UTF-8 bytes (a Buffer's are copied as they are). */
function textArray<T>(rows: readonly T[], pick: (row: T) => string | Buffer | null): Buffer {
  const values = rows.map(pick);
  let size = ARRAY_HEADER;
  let hasNull = false;
  const lengths = values.map((v) => {
    if (v === null) {
      hasNull = true;
      size += 4;
      return -1;
    }
    const n = typeof v === 'string' ? Buffer.byteLength(v, 'utf8') : v.length;
    size += 4 + n;
    return n;
  });
  const out = Buffer.allocUnsafe(size);
  arrayHeader(out, hasNull, OID.text, values.length);
  let at = ARRAY_HEADER;
  for (let i = 0; i < values.length; i++) {
    const n = lengths[i]!;
    out.writeInt32BE(n, at);
    at += 4;
    const v = values[i]!;
    if (n > 0) at += typeof v === 'string' ? out.write(v, at, n, 'utf8') : v.copy(out, at);
  }
  return out;
}

/** An int8[] parameter: 8-byte big-endian two's complement per element (GitHub ids fit in a double). */
function int8Array<T>(rows: readonly T[], pick: (row: T) => number | null): Buffer {
  const values = rows.map(pick);
  const nulls = values.filter((v) => v === null).length;
  const out = Buffer.allocUnsafe(ARRAY_HEADER + values.length * 4 + (values.length - nulls) * 8);
  arrayHeader(out, nulls > 0, OID.int8, values.length);
  let at = ARRAY_HEADER;
  for (const v of values) {
    if (v === null) {
      out.writeInt32BE(-1, at);
      at += 4;
      continue;
    }
    out.writeInt32BE(8, at);
    out.writeBigInt64BE(BigInt(v), at + 4);
    at += 12;
  }
  return out;
}

export async function getDelivery(db: Db, deliveryId: string): Promise<WebhookDelivery | undefined> {
  return db.selectFrom('webhook_deliveries').selectAll().where('delivery_id', '=', deliveryId).executeTakeFirst();
}

export async function markDelivery(db: Db, deliveryId: string, status: DeliveryStatus, error: string | null = null): Promise<void> {
  const finished = status === 'processed' || status === 'ignored' || status === 'failed';
  await db
    .updateTable('webhook_deliveries')
    .set({
      status,
      error,
      processed_at: finished ? new Date() : null,
      // Done (or dead): nothing is scheduled any more, and a success forgets the last failure's kind.
      ...(finished ? { next_attempt_at: null } : {}),
      ...(status === 'processed' || status === 'ignored' ? { error_kind: null } : {}),
    })
    .where('delivery_id', '=', deliveryId)
    .execute();
}

/** Keeps the last failure on the row (the job stays pending for a retry); shown when it finally gives up. */
export async function recordDeliveryError(db: Db, deliveryId: string, error: string): Promise<void> {
  await db.updateTable('webhook_deliveries').set({ error: error.slice(0, 500) }).where('delivery_id', '=', deliveryId).execute();
}

/**
 * A job for this delivery starts: its attempt is counted and its row returned (with the count), in
 * one statement — unless it is finished or scheduled for a retry (`retrying`: the due-retry loop
 * enqueues it when its time comes), when this job is a stale duplicate and gets undefined. One
 * statement, not a read and then an update: a round trip less per delivery (bench/push-latency),
 * and no moment in between for another worker to finish it.
 */
export async function claimDelivery(db: Db, deliveryId: string): Promise<WebhookDelivery | undefined> {
  return db
    .updateTable('webhook_deliveries')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('delivery_id', '=', deliveryId)
    .where('status', 'in', ['received', 'queued'])
    .returningAll()
    .executeTakeFirst();
}

/**
 * Deliveries accepted but not finished, oldest first: the queue is rebuilt from these after a crash.
 * Only `received` and `queued`: a `retrying` row is scheduled, and only the due-retry loop
 * (`claimDueRetries`) enqueues it, when its time comes.
 */
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

/** How long an error is kept on the row (the cause shown to operators and users). */
const ERROR_CHARS = 500;
/** Only a delivery still being worked on may be scheduled or dead-lettered: a racing worker's success stands. */
const IN_FLIGHT: DeliveryStatus[] = ['received', 'queued'];

/**
 * A failed attempt to be tried again at `at` (the schedule lives in Postgres, not in the queue:
 * the worker's due-retry loop enqueues it then). `attempts` overwrites the counter, so a failure
 * that must not use up the retry budget (a lost connection) can give its attempt back.
 * False when the row was no longer in flight (another worker finished it meanwhile).
 */
export async function scheduleRetry(
  db: Db,
  deliveryId: string,
  retry: { at: Date; error: string; kind: DeliveryErrorKind; attempts?: number },
): Promise<boolean> {
  const r = await db
    .updateTable('webhook_deliveries')
    .set({
      status: 'retrying',
      next_attempt_at: retry.at,
      error: retry.error.slice(0, ERROR_CHARS),
      error_kind: retry.kind,
      ...(retry.attempts !== undefined ? { attempts: Math.max(0, retry.attempts) } : {}),
    })
    .where('delivery_id', '=', deliveryId)
    .where('status', 'in', IN_FLIGHT)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The dead letter: `failed` with the last cause, until an operator or the user replays it. False when no longer in flight. */
export async function deadLetter(db: Db, deliveryId: string, failure: { error: string; kind: DeliveryErrorKind }): Promise<boolean> {
  const r = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'failed', error: failure.error.slice(0, ERROR_CHARS), error_kind: failure.kind, next_attempt_at: null, processed_at: new Date() })
    .where('delivery_id', '=', deliveryId)
    .where('status', 'in', IN_FLIGHT)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Claims up to `limit` retries due at `now`, oldest due first, and moves them back to `queued`
 * in one statement: `for update skip locked` lets every worker run this at once without two of
 * them claiming the same row. The caller enqueues the returned ids (and gives them back with
 * `releaseDueRetries` if it cannot).
 */
export async function claimDueRetries(db: Db, opts: { now: Date; limit: number }): Promise<string[]> {
  const rows = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'queued', next_attempt_at: null })
    .where('delivery_id', 'in', (eb) =>
      eb
        .selectFrom('webhook_deliveries')
        .select('delivery_id')
        .where('status', '=', 'retrying')
        .where('next_attempt_at', '<=', opts.now)
        .orderBy('next_attempt_at')
        .limit(opts.limit)
        .forUpdate()
        .skipLocked(),
    )
    .where('status', '=', 'retrying')
    .returning('delivery_id')
    .execute();
  return rows.map((r) => r.delivery_id);
}

/** Claimed retries that could not be enqueued go back to `retrying`, due at `at`, so the next round takes them again. */
export async function releaseDueRetries(db: Db, deliveryIds: readonly string[], at: Date): Promise<number> {
  if (deliveryIds.length === 0) return 0;
  const r = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'retrying', next_attempt_at: at })
    .where('delivery_id', 'in', [...deliveryIds])
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** A stored delivery as operators and users see it: the payload summarised, never included. */
export interface DeliverySummary {
  deliveryId: string;
  event: string;
  action: string | null;
  status: DeliveryStatus;
  repositoryGithubId: number | null;
  repositoryFullName: string | null;
  receivedAt: Date;
  processedAt: Date | null;
  attempts: number;
  error: string | null;
  errorKind: DeliveryErrorKind | null;
  nextAttemptAt: Date | null;
  /** Commits listed in the push (0 for other events or an unreadable payload). */
  commits: number;
  /** The push's `after` SHA, when it has one. */
  headSha: string | null;
  payloadBytes: number;
}

/** What a payload says in a line: how many commits, which head. An unreadable payload says nothing. */
export function summarisePayload(payload: string): { commits: number; headSha: string | null } {
  try {
    const p = JSON.parse(payload) as { commits?: unknown; after?: unknown };
    return { commits: Array.isArray(p.commits) ? p.commits.length : 0, headSha: typeof p.after === 'string' && /^[0-9a-f]{40}$/.test(p.after) ? p.after : null };
  } catch {
    return { commits: 0, headSha: null };
  }
}

export function toDeliverySummary(row: WebhookDelivery): DeliverySummary {
  return {
    deliveryId: row.delivery_id,
    event: row.event,
    action: row.action,
    status: row.status,
    repositoryGithubId: row.repository_github_id,
    repositoryFullName: row.repository_full_name,
    receivedAt: row.received_at,
    processedAt: row.processed_at,
    attempts: row.attempts,
    error: row.error,
    errorKind: row.error_kind,
    nextAttemptAt: row.next_attempt_at,
    ...summarisePayload(row.payload),
    payloadBytes: Buffer.byteLength(row.payload, 'utf8'),
  };
}

/** Dead-lettered deliveries, newest first, of one repository or of all. */
export async function listFailedDeliveries(db: Db, opts: { repositoryGithubId?: number; limit: number }): Promise<DeliverySummary[]> {
  let q = db.selectFrom('webhook_deliveries').selectAll().where('status', '=', 'failed');
  if (opts.repositoryGithubId !== undefined) q = q.where('repository_github_id', '=', opts.repositoryGithubId);
  const rows = await q.orderBy('received_at', 'desc').orderBy('delivery_id').limit(opts.limit).execute();
  return rows.map(toDeliverySummary);
}

/** Which deliveries to replay: these ids (dead-lettered or still scheduled), or every dead-lettered one (of one repository). */
export type ReplayTarget = { ids: readonly string[] } | { allFailed: true; repositoryGithubId?: number };

/**
 * Gives deliveries a fresh start: attempts 0, no error, nothing scheduled. `as: 'queued'` when the
 * caller enqueues the returned ids itself; `as: 'due'` (no queue at hand, e.g. the CLI without
 * REDIS_URL) leaves them `retrying`, due at `now`, for a running worker's due-retry loop (or the
 * next worker to start). Only `failed` and `retrying` rows are touched.
 */
export async function replayDeliveries(db: Db, target: ReplayTarget, opts: { as: 'queued' | 'due'; now: Date }): Promise<string[]> {
  let q = db
    .updateTable('webhook_deliveries')
    .set({
      status: opts.as === 'queued' ? 'queued' : 'retrying',
      next_attempt_at: opts.as === 'queued' ? null : opts.now,
      attempts: 0,
      error: null,
      error_kind: null,
      processed_at: null,
    });
  if ('ids' in target) {
    if (target.ids.length === 0) return [];
    q = q.where('delivery_id', 'in', [...target.ids]).where('status', 'in', ['failed', 'retrying']);
  } else {
    q = q.where('status', '=', 'failed');
    if (target.repositoryGithubId !== undefined) q = q.where('repository_github_id', '=', target.repositoryGithubId);
  }
  const rows = await q.returning('delivery_id').execute();
  return rows.map((r) => r.delivery_id);
}
