/**
 * A periodic job that runs once per time slot across every worker: each tick
 * claims the jobs row (kind, <slot start ISO>) and only the claimer runs.
 * Shared by the lifecycle scheduler and the poller.
 */
import { claimJob, finishJob, pruneJobs, type Database, type Logger } from '@tamagitto/db';
import type { Kysely } from 'kysely';

export interface SlotJob {
  /** Runs now if this worker wins the current slot; resolves true when it ran. A tick during a run joins it. */
  tick(): Promise<boolean>;
  stop(): Promise<void>;
}

export interface SlotJobOptions {
  kind: string;
  intervalMs: number;
  /** How long a claim holds before another worker may take the slot over. */
  leaseMs: number;
  /** Finished jobs rows older than this are deleted. */
  retentionMs: number;
  /** The work; what it returns is logged when `worthLogging` says so. */
  run(now: Date): Promise<Record<string, unknown>>;
  worthLogging(result: Record<string, unknown>): boolean;
}

export function startSlotJob(ctx: { db: Kysely<Database>; log: Logger; now(): Date }, opts: SlotJobOptions): SlotJob {
  let current: Promise<boolean> | null = null;
  let stopped = false;

  async function once(): Promise<boolean> {
    const now = ctx.now();
    const key = new Date(Math.floor(now.getTime() / opts.intervalMs) * opts.intervalMs).toISOString();
    if (!(await claimJob(ctx.db, opts.kind, key, now, opts.leaseMs))) return false;
    try {
      const result = await opts.run(now);
      await finishJob(ctx.db, opts.kind, key, { ok: true });
      if (opts.worthLogging(result)) ctx.log.info({ slot: key, ...result }, opts.kind);
      await pruneJobs(ctx.db, opts.kind, new Date(now.getTime() - opts.retentionMs));
      return true;
    } catch (err) {
      await finishJob(ctx.db, opts.kind, key, { ok: false, error: (err as Error).message }).catch(() => {});
      throw err;
    }
  }

  function tick(): Promise<boolean> {
    // Never two runs from the same worker at once: a slow run makes the next tick join it.
    current ??= once().finally(() => {
      current = null;
    });
    return current;
  }

  const go = () => {
    if (!stopped) tick().catch((err: Error) => ctx.log.error({ err: { message: err.message } }, `${opts.kind} failed`));
  };
  const first = setTimeout(go, 0);
  const timer = setInterval(go, opts.intervalMs);
  first.unref();
  timer.unref();
  return {
    tick,
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await current?.catch(() => {});
    },
  };
}
