/**
 * Rebuilds the queue from Postgres, the system of record: deliveries accepted
 * (202) but not finished are enqueued again. Runs when a worker starts — the
 * in-process queue died with the last process — when Redis comes back empty
 * (the bus's onReset), and periodically, for deliveries whose enqueue failed.
 * Re-enqueueing a delivery already queued is harmless: processing is idempotent.
 * A delivery waiting for its retry (`retrying`) is never swept up here: its time
 * is in `next_attempt_at`, and only the due-retry loop (due-retries.ts) enqueues it.
 */
import { listUnfinishedDeliveries, type Bus, type Database } from '@tamagitto/db';
import type { Kysely } from 'kysely';

/** Per sweep; a larger backlog is picked up by the next sweep. */
export const RECOVERY_BATCH = 10_000;
/** Past this many jobs in the queue the orphan check waits for the backlog to drain (the slow sweep still runs). */
export const ORPHAN_QUEUE_LIMIT = 50_000;

export async function recoverDeliveries(db: Kysely<Database>, bus: Bus, receivedBefore: Date): Promise<number> {
  const ids = await listUnfinishedDeliveries(db, { receivedBefore, limit: RECOVERY_BATCH });
  await enqueueAll(bus, ids);
  return ids.length;
}

/**
 * Orphans: deliveries committed and answered 202 whose job never reached the
 * queue — the api that accepted them was killed between its commit and its
 * (asynchronous) enqueue. They are the unfinished rows older than
 * `receivedBefore` that the queue does not hold; only those are enqueued, so
 * this can run every few seconds without doubling a long backlog's work.
 * Needs a queue that can list its jobs (Redis); returns 0 otherwise.
 */
export async function recoverOrphans(db: Kysely<Database>, bus: Bus, receivedBefore: Date): Promise<number> {
  if (!bus.queuedRefs) return 0;
  const ids = await listUnfinishedDeliveries(db, { receivedBefore, limit: RECOVERY_BATCH });
  if (ids.length === 0) return 0;
  const queued = await bus.queuedRefs('delivery', ORPHAN_QUEUE_LIMIT);
  if (!queued) return 0;
  const orphans = ids.filter((id) => !queued.has(id));
  await enqueueAll(bus, orphans);
  return orphans.length;
}

async function enqueueAll(bus: Bus, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) await bus.enqueue(ids.slice(i, i + 500).map((ref) => ({ kind: 'delivery', ref })));
}
