import type { Logger } from './logger.ts';

/**
 * Runs `steps` in order on the first SIGINT/SIGTERM, then exits 0 — or 1 if a
 * step failed (each is still attempted). A second signal during shutdown is
 * ignored: the steps are already finishing in-flight work.
 */
export function onShutdown(log: Logger, steps: (() => Promise<unknown>)[]): void {
  let stopping = false;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, async () => {
      if (stopping) return;
      stopping = true;
      log.info({ signal: sig }, 'shutting down');
      let code = 0;
      for (const step of steps) {
        try {
          await step();
        } catch (err) {
          code = 1;
          log.error({ err: { message: (err as Error).message } }, 'shutdown step failed');
        }
      }
      log.flush?.();
      process.exit(code);
    });
  }
}
