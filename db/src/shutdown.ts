import type { Logger } from './logger.ts';

export interface ShutdownOptions {
  /**
   * After this long the process exits even if a step is still running (a job
   * that never ends, a database that does not answer). What was not finished
   * is not lost: an unacknowledged job stays pending in the queue for another
   * worker, and an unfinished delivery stays `queued` in Postgres for the
   * recovery sweep. Each process reads it from `SHUTDOWN_TIMEOUT_MS`.
   */
  timeoutMs: number;
}

/**
 * Runs `steps` in order on the first SIGINT/SIGTERM, then exits 0 — or 1 if a
 * step failed (each is still attempted). Later signals are logged and ignored:
 * the steps are already finishing in-flight work, and a second Ctrl+C or an
 * orchestrator repeating SIGTERM must not cut that short (`process.on`, not
 * `once`: with no listener left, the default action would kill the process).
 * At the deadline the process exits 0, leaving unfinished work pending.
 */
export function onShutdown(log: Logger, steps: (() => Promise<unknown>)[], opts: ShutdownOptions): void {
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'already shutting down: signal ignored while in-flight work finishes');
      return;
    }
    stopping = true;
    log.info({ signal, timeoutMs: opts.timeoutMs }, 'shutting down');
    const deadline = setTimeout(() => {
      log.warn({ timeoutMs: opts.timeoutMs }, 'shutdown deadline reached: exiting; unfinished jobs stay pending for another worker');
      log.flush?.();
      process.exit(0);
    }, opts.timeoutMs);
    let code = 0;
    for (const step of steps) {
      try {
        await step();
      } catch (err) {
        code = 1;
        log.error({ err: { message: (err as Error).message } }, 'shutdown step failed');
      }
    }
    clearTimeout(deadline);
    log.info({ code }, 'shut down');
    log.flush?.();
    process.exit(code);
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, (s: NodeJS.Signals) => void shutdown(s));
}
