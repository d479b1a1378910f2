/**
 * Enqueues PR checks whose retry is due (and those the api could not enqueue: due at once), like
 * due-retries.ts does for deliveries: the schedule lives in Postgres, so a Redis restart loses none.
 * Every STALE_SWEEP_MS it also makes due the unfinished checks nobody works on (a lost job, a dead
 * worker: untouched for STALE_CHECK_MS, far past a check's 60 s budget), as recover.ts does for deliveries.
 */
import { claimDueChecks, recoverStaleChecks, releaseDueChecks } from '@tamagitto/db';
import { enqueueDue, type DueSource } from '../due-retries.ts';
import { startLoop, type Loop } from '../loop.ts';
import type { CheckContext } from './context.ts';
import { CHECK_JOB } from './run-check.ts';

export const DUE_CHECK_INTERVAL_MS = 2_000;
export const STALE_CHECK_MS = 5 * 60_000;
const STALE_SWEEP_MS = 60_000;

/** The due checks, claimed and enqueued by due-retries.ts's `enqueueDue` like the deliveries' retries. */
const DUE_CHECKS: DueSource = { kind: CHECK_JOB, claim: claimDueChecks, release: releaseDueChecks };

export function startDueChecks(ctx: Pick<CheckContext, 'db' | 'bus' | 'now' | 'log'>, opts: { intervalMs?: number } = {}): Loop {
  let lastSweep = 0;
  return startLoop(opts.intervalMs ?? DUE_CHECK_INTERVAL_MS, async () => {
    try {
      const now = ctx.now();
      if (now.getTime() - lastSweep >= STALE_SWEEP_MS) {
        const n = await recoverStaleChecks(ctx.db, new Date(now.getTime() - STALE_CHECK_MS), now);
        lastSweep = now.getTime();
        if (n > 0) ctx.log.warn({ recovered: n }, 'unfinished checks nobody was working on made due again');
      }
      await enqueueDue(ctx, DUE_CHECKS);
    } catch (err) {
      ctx.log.warn({ err: { message: (err as Error).message } }, 'due checks could not be enqueued; next round');
    }
  });
}
