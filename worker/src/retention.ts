/**
 * Delivery retention (issue 15): a stored delivery keeps GitHub's whole body
 * (up to 25 MB), so finished ones are deleted once older than
 * WEBHOOK_RETENTION_DAYS (default 14, worker/src/env.ts). Finished means
 * `processed`, `ignored` or `failed`; a delivery still `received`, `queued` or
 * `retrying` is work not done and is never touched, whatever its age.
 *
 * Deleted in batches (RETENTION_BATCH rows a statement, over the
 * (status, received_at) index) so no statement holds locks on, or writes WAL
 * for, a whole backlog at once. Every worker may run it: two deleting the same
 * rows is harmless. A push deleted here can be delivered again afterwards (its
 * replay key, migration 2026-12-06-002, goes with the row): processing is
 * idempotent per commit, so it changes nothing.
 */
import type { Database, DeliveryStatus, Logger } from '@tamagitto/db';
import type { Kysely } from 'kysely';
import { startLoop, type Loop } from './loop.ts';

export const DEFAULT_RETENTION_DAYS = 14;
export const RETENTION_BATCH = 1_000;
/** One run stops after this many batches; the next run goes on. */
const MAX_BATCHES = 1_000;
const FINISHED: DeliveryStatus[] = ['processed', 'ignored', 'failed'];
const DAY_MS = 24 * 3600_000;

/** Deletes finished deliveries received before `before`; resolves to how many. */
export async function pruneDeliveries(db: Kysely<Database>, before: Date, batch = RETENTION_BATCH): Promise<number> {
  let total = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const r = await db
      .deleteFrom('webhook_deliveries')
      .where('delivery_id', 'in', (eb) =>
        eb.selectFrom('webhook_deliveries').select('delivery_id').where('status', 'in', FINISHED).where('received_at', '<', before).limit(batch),
      )
      .executeTakeFirst();
    const n = Number(r.numDeletedRows);
    total += n;
    if (n < batch) break;
  }
  return total;
}

/**
 * Prunes at start and every `intervalMs` (default 1 h).
 *
 * @example
 * const retention = startRetention({ db, log, now }, { days: 14 });
 * await retention.stop();
 */
export function startRetention(
  ctx: { db: Kysely<Database>; log: Logger; now(): Date },
  opts: { days: number; intervalMs?: number; batch?: number },
): Loop {
  return startLoop(
    opts.intervalMs ?? 3600_000,
    () =>
      pruneDeliveries(ctx.db, new Date(ctx.now().getTime() - opts.days * DAY_MS), opts.batch)
        .then((deleted) => {
          if (deleted) ctx.log.info({ deleted, days: opts.days }, 'pruned finished deliveries past their retention');
        })
        .catch((err: Error) => ctx.log.error({ err: { message: err.message } }, 'delivery retention failed; next run will try again')),
    { runNow: true },
  );
}
