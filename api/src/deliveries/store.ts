/**
 * The failed deliveries of a pet's repository, and retrying them: the deliveries repository of
 * @tamagitto/db does the work; this file is where the feature reaches it (no query in routes.ts).
 */
import { listFailedDeliveries, releaseDueRetries, replayDeliveries, type Bus, type Database, type DeliverySummary, type Logger } from '@tamagitto/db';
import type { Kysely } from 'kysely';

/** Shown per pet: enough to see what failed and why; the CLI lists the rest. */
export const FAILED_LIST_LIMIT = 50;

export function failedOfRepository(db: Kysely<Database>, repositoryGithubId: number): Promise<DeliverySummary[]> {
  return listFailedDeliveries(db, { repositoryGithubId, limit: FAILED_LIST_LIMIT });
}

/**
 * Every failed delivery of the repository back to `queued` (attempts 0, no error), then enqueued.
 * If the queue refuses (Redis down), they are left `retrying`, due now, and the workers'
 * due-retry loop enqueues them once it can: the user's retry is never lost.
 */
export async function retryFailedOfRepository(deps: { db: Kysely<Database>; bus: Bus; log: Logger; now(): Date }, repositoryGithubId: number): Promise<number> {
  const ids = await replayDeliveries(deps.db, { allFailed: true, repositoryGithubId }, { as: 'queued', now: deps.now() });
  if (ids.length === 0) return 0;
  try {
    await deps.bus.enqueue(ids.map((ref) => ({ kind: 'delivery', ref })));
  } catch (err) {
    deps.log.warn({ count: ids.length, err: { message: (err as Error).message } }, 'retried deliveries could not be enqueued; left due for the workers');
    await releaseDueRetries(deps.db, ids, deps.now());
  }
  return ids.length;
}
