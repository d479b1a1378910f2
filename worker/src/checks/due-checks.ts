/**
 * Enqueues PR checks whose retry is due (and those the api could not enqueue: due at once), like
 * due-retries.ts does for deliveries: the schedule lives in Postgres, so a Redis restart loses none.
 */
import { dueChecks, releaseDueChecks } from '@tamagitto/db';
import type { WorkerContext } from '../process-delivery.ts';
import { CHECK_JOB } from './run-check.ts';

export const DUE_CHECK_INTERVAL_MS = 2_000;

/** One round: enqueues the due checks; resolves to how many. */
export async function enqueueDueChecks(ctx: Pick<WorkerContext, 'db' | 'bus' | 'now'>): Promise<number> {
  const ids = await dueChecks(ctx.db, ctx.now());
  if (ids.length === 0) return 0;
  await ctx.bus.enqueue(ids.map((ref) => ({ kind: CHECK_JOB, ref })));
  // Only once the queue has them: a failed enqueue leaves them due for the next round.
  await releaseDueChecks(ctx.db, ids);
  return ids.length;
}

export function startDueChecks(ctx: Pick<WorkerContext, 'db' | 'bus' | 'now' | 'log'>, opts: { intervalMs?: number } = {}): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = enqueueDueChecks(ctx)
      .catch((err: Error) => ctx.log.warn({ err: { message: err.message } }, 'due checks could not be enqueued; next round'))
      .finally(() => (running = null));
  }, opts.intervalMs ?? DUE_CHECK_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
