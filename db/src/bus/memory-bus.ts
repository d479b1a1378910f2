/**
 * The in-process bus for `npm start` (no Redis). Same semantics as the Redis
 * bus: at-least-once, ack after the handler resolves, a failed job is offered
 * again after `claimIdleMs`. It lives in memory, so a crash loses the queue —
 * but not the work: every job names a delivery row, and the worker re-enqueues
 * unfinished deliveries on start (worker/src/recover.ts).
 */
import { EventEmitter } from 'node:events';
import type { Bus, ConsumeOptions, Consumer, Job, JobHandler } from './types.ts';

interface Entry {
  job: Job;
  /** When a failed/unacked job may be offered again. */
  visibleAt: number;
}

export class MemoryBus implements Bus {
  readonly kind = 'memory' as const;
  #seq = 0;
  #ready: Entry[] = [];
  #events = new EventEmitter();
  #wake = new EventEmitter();
  #closed = false;

  constructor() {
    this.#events.setMaxListeners(0);
    this.#wake.setMaxListeners(0);
  }

  async enqueue(jobs: { kind: string; ref: string }[]): Promise<void> {
    if (this.#closed) throw new Error('bus is closed');
    for (const j of jobs) this.#ready.push({ job: { id: `${Date.now()}-${this.#seq++}`, kind: j.kind, ref: j.ref, attempt: 0 }, visibleAt: 0 });
    this.#wake.emit('job');
  }

  /** Jobs handed to a handler that has not finished yet, across consumers. */
  #inFlight = 0;

  async depth(): Promise<number> {
    if (this.#closed) throw new Error('bus is closed');
    return this.#ready.length + this.#inFlight;
  }

  consume(handler: JobHandler, opts: ConsumeOptions): Consumer {
    const concurrency = opts.concurrency ?? 4;
    const claimIdleMs = opts.claimIdleMs ?? 30_000;
    let stopped = false;
    let inFlight = 0;
    const idle = new EventEmitter();
    let timer: NodeJS.Timeout | undefined;

    const pump = () => {
      if (stopped) return;
      const now = Date.now();
      while (inFlight < concurrency) {
        const i = this.#ready.findIndex((e) => e.visibleAt <= now);
        if (i < 0) break;
        const [entry] = this.#ready.splice(i, 1);
        if (!entry) break;
        entry.job.attempt++;
        inFlight++;
        this.#inFlight++;
        handler({ ...entry.job })
          .catch(() => {
            // Not acked: offer it again after the claim timeout, like XAUTOCLAIM would.
            this.#ready.push({ job: entry.job, visibleAt: Date.now() + claimIdleMs });
            schedule(claimIdleMs);
          })
          .finally(() => {
            inFlight--;
            this.#inFlight--;
            if (inFlight === 0) idle.emit('idle');
            pump();
          });
      }
      const next = this.#ready.reduce((m, e) => Math.min(m, e.visibleAt), Infinity);
      if (next !== Infinity && next > now) schedule(next - now);
    };
    const schedule = (ms: number) => {
      if (stopped) return;
      clearTimeout(timer);
      timer = setTimeout(pump, ms);
      timer.unref();
    };

    this.#wake.on('job', pump);
    queueMicrotask(pump);
    return {
      stop: async () => {
        stopped = true;
        clearTimeout(timer);
        this.#wake.off('job', pump);
        if (inFlight > 0) await new Promise((r) => idle.once('idle', r));
      },
    };
  }

  async publish(channel: string, message: unknown): Promise<void> {
    // Round-trip through JSON so subscribers see exactly what Redis would deliver.
    const copy = JSON.parse(JSON.stringify(message)) as unknown;
    queueMicrotask(() => this.#events.emit(channel, copy));
  }

  async subscribe(channel: string, handler: (message: unknown) => void): Promise<() => Promise<void>> {
    this.#events.on(channel, handler);
    return async () => {
      this.#events.off(channel, handler);
    };
  }

  #claims = new Map<string, number>();
  async claimOnce(key: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    if (this.#claims.size > 10_000) for (const [k, until] of this.#claims) if (until <= now) this.#claims.delete(k);
    const until = this.#claims.get(key);
    if (until !== undefined && until > now) return false;
    this.#claims.set(key, now + ttlMs);
    return true;
  }

  async ping(): Promise<boolean> {
    return !this.#closed;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#events.removeAllListeners();
  }
}
