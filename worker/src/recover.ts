/**
 * Rebuilds the queue from Postgres, the system of record: deliveries accepted
 * (202) but not finished are enqueued again. Runs when a worker starts — the
 * in-process queue died with the last process — and periodically, for
 * deliveries whose enqueue failed or whose job was lost with a Redis restart.
 * Re-enqueueing a delivery already queued is harmless: processing is idempotent.
 * A delivery waiting for its retry (`retrying`) is never swept up here: its time
 * is in `next_attempt_at`, and only the due-retry loop (due-retries.ts) enqueues it.
 */
import { listUnfinishedDeliveries, type Bus, type Database } from '@tamagitto/db';
import type { Kysely } from 'kysely';

/** Per sweep; a larger backlog is picked up by the next sweep. */
export const RECOVERY_BATCH = 10_000;

export async function recoverDeliveries(db: Kysely<Database>, bus: Bus, receivedBefore: Date): Promise<number> {
  const ids = await listUnfinishedDeliveries(db, { receivedBefore, limit: RECOVERY_BATCH });
  for (let i = 0; i < ids.length; i += 500) await bus.enqueue(ids.slice(i, i + 500).map((ref) => ({ kind: 'delivery', ref })));
  return ids.length;
}
