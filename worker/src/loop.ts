/**
 * A periodic loop run by every worker (unlike src/slot-job.ts, which runs once per slot across
 * all of them): `round` every `intervalMs`, never two rounds at once in this process (a tick
 * during a round is skipped), on an unref'd timer. `round` handles (logs) its own failures; one
 * that escapes is dropped so the loop goes on. `stop()` clears the timer and waits for a round in progress.
 *
 * @example
 * const loop = startLoop(2_000, () => enqueueDueRetries(ctx).catch((err) => log.warn(err)));
 * await loop.stop();
 */
export interface Loop {
  stop(): Promise<void>;
}

export function startLoop(intervalMs: number, round: () => Promise<unknown>, opts: { runNow?: boolean } = {}): Loop {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    running ??= round()
      .catch(() => {})
      .finally(() => (running = null));
  };
  if (opts.runNow) tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
