/**
 * The worker: consumes delivery jobs from the bus, enqueues retries when they
 * are due (due-retries.ts), and sweeps the database for accepted-but-unfinished
 * deliveries. `stop()` finishes in-flight jobs.
 */
import type { Consumer } from '@tamagitto/db';
import { runCoachNudges } from '@tamagitto/db';
import { startScheduler } from './pet/scheduler.ts';
import { startPoller } from './poller.ts';
import { startAccessCheck } from './access-check.ts';
import { startDueRetries } from './due-retries.ts';
import { processDelivery, type WorkerContext } from './process-delivery.ts';
import { recoverDeliveries, recoverOrphans } from './recover.ts';
import { DEFAULT_RETENTION_DAYS, startRetention } from './retention.ts';
import { startLoop } from './loop.ts';
import { startDueChecks } from './checks/due-checks.ts';
import { CHECK_JOB, runCheck } from './checks/run-check.ts';

export interface WorkerOptions {
  name: string;
  concurrency: number;
  claimIdleMs: number;
  /** How often to sweep for lost deliveries, and how old one must be to count as lost. */
  recoveryIntervalMs?: number;
  recoveryAgeMs?: number;
  /**
   * How often to look for orphans — accepted deliveries the queue never got because the api that
   * took them died before its enqueue — and how old one must be; default every 15 s, 30 s old.
   * Only on a queue that can list its jobs (Redis); 0 disables it.
   */
  orphanIntervalMs?: number;
  orphanAgeMs?: number;
  /** Lifecycle sweep interval (decay, death, evolution); default 15 min, 0 disables it (tests that drive the clock themselves). */
  schedulerIntervalMs?: number;
  /** Poll adopted repos for commits whose webhook never arrived; default 5 min, 0 disables it. */
  pollIntervalMs?: number;
  /** Look for pets whose access was not re-checked for a day (src/access-check.ts); default 1 h, 0 disables it. */
  accessCheckIntervalMs?: number;
  /** Proactive coach nudges (long blocks, state drops, waiting PRs…); default 10 min, 0 disables it. */
  nudgeIntervalMs?: number;
  /** How often due retries (`retrying` rows whose time came) are enqueued; default 2 s, 0 disables it. */
  dueRetryIntervalMs?: number;
  /** Finished deliveries older than this many days are deleted (retention.ts); default 14 (WEBHOOK_RETENTION_DAYS). */
  retentionDays?: number;
  /** How often retention runs; default 1 h, 0 disables it. */
  retentionIntervalMs?: number;
}

export interface RunningWorker {
  stop(): Promise<void>;
}

export async function startWorker(ctx: WorkerContext, opts: WorkerOptions): Promise<RunningWorker> {
  const log = ctx.log.child({ worker: opts.name });
  const consumer: Consumer = ctx.bus.consume(
    async (job) => {
      if (job.kind === CHECK_JOB) {
        try {
          await runCheck(ctx, job.ref);
        } catch (err) {
          log.warn({ checkId: job.ref, attempt: job.attempt, err: { message: (err as Error).message } }, 'check could not record its outcome; will retry');
          throw err;
        }
        return;
      }
      if (job.kind !== 'delivery') return;
      try {
        await processDelivery(ctx, job.ref);
      } catch (err) {
        log.warn({ deliveryId: job.ref, attempt: job.attempt, err: { message: (err as Error).message } }, 'delivery failed; will retry');
        throw err;
      }
    },
    {
      group: 'workers',
      consumer: opts.name,
      concurrency: opts.concurrency,
      claimIdleMs: opts.claimIdleMs,
      // Redis came back empty: every accepted, unfinished delivery is enqueued again from
      // Postgres now, not by the 5-minute sweep (a repeat is harmless: processing is idempotent).
      onReset: () => {
        recoverDeliveries(ctx.db, ctx.bus, ctx.now())
          .then((n) => log.warn({ recovered: n }, 'the queue was emptied (Redis restarted?); re-enqueued unfinished deliveries'))
          .catch((err: Error) => log.error({ err: { message: err.message } }, 'recovery after a queue reset failed'));
      },
    },
  );

  // On start: the in-process queue is empty after a restart, so everything unfinished is lost work.
  const startAge = ctx.bus.kind === 'memory' ? 0 : (opts.recoveryAgeMs ?? 5 * 60_000);
  const recovered = await recoverDeliveries(ctx.db, ctx.bus, new Date(ctx.now().getTime() - startAge)).catch((err: Error) => {
    log.error({ err: { message: err.message } }, 'recovery sweep failed');
    return 0;
  });
  if (recovered) log.info({ recovered }, 're-enqueued unfinished deliveries');
  const sweep = startLoop(opts.recoveryIntervalMs ?? 5 * 60_000, () =>
    recoverDeliveries(ctx.db, ctx.bus, new Date(ctx.now().getTime() - (opts.recoveryAgeMs ?? 5 * 60_000))).catch((err: Error) =>
      log.error({ err: { message: err.message } }, 'recovery sweep failed'),
    ),
  );
  const orphans =
    opts.orphanIntervalMs === 0 || !ctx.bus.queuedRefs
      ? null
      : startLoop(opts.orphanIntervalMs ?? 15_000, () =>
          recoverOrphans(ctx.db, ctx.bus, new Date(ctx.now().getTime() - (opts.orphanAgeMs ?? 30_000)))
            .then((n) => n && log.warn({ recovered: n }, 're-enqueued accepted deliveries the queue never got (their api died before enqueueing?)'))
            .catch((err: Error) => log.warn({ err: { message: err.message } }, 'orphan check failed; next round')),
        );
  const scheduler = opts.schedulerIntervalMs === 0 ? null : startScheduler(ctx, { name: opts.name, intervalMs: opts.schedulerIntervalMs });
  const poller = opts.pollIntervalMs === 0 ? null : startPoller(ctx, { name: opts.name, intervalMs: opts.pollIntervalMs });
  const accessCheck = opts.accessCheckIntervalMs === 0 ? null : startAccessCheck(ctx, { name: opts.name, intervalMs: opts.accessCheckIntervalMs });
  const dueRetries = opts.dueRetryIntervalMs === 0 ? null : startDueRetries(ctx, { intervalMs: opts.dueRetryIntervalMs });
  const dueChecks = opts.dueRetryIntervalMs === 0 ? null : startDueChecks({ ...ctx, log }, { intervalMs: opts.dueRetryIntervalMs });
  const retention = opts.retentionIntervalMs === 0 ? null : startRetention({ ...ctx, log }, { days: opts.retentionDays ?? DEFAULT_RETENTION_DAYS, intervalMs: opts.retentionIntervalMs });

  // Nudges are claimed exactly once per (user, trigger) in the jobs table, so every worker may run this.
  const nudges =
    opts.nudgeIntervalMs === 0
      ? null
      : startLoop(opts.nudgeIntervalMs ?? 10 * 60_000, () => runCoachNudges(ctx).catch((err: Error) => log.error({ err: { message: err.message } }, 'coach nudges failed')));

  log.info({ bus: ctx.bus.kind, concurrency: opts.concurrency }, 'worker started');
  return {
    async stop() {
      // All at once: the consumer stops taking jobs now, not after the timers' runs end.
      // Whatever is still running at the process's shutdown deadline is cut off: its job
      // stays unacknowledged (another worker claims it) and its delivery stays queued.
      await Promise.all([consumer.stop(), sweep.stop(), nudges?.stop(), orphans?.stop(), scheduler?.stop(), poller?.stop(), dueRetries?.stop(), dueChecks?.stop(), accessCheck?.stop(), retention?.stop()]);
      log.info('worker stopped');
    },
  };
}
