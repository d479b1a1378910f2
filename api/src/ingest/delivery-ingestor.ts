/**
 * Webhook ingest, batched. Each accepted delivery must be durable in Postgres
 * before its 202: GitHub does not redeliver what it saw accepted, so one lost
 * after the answer would be lost for good. Instead of one INSERT + one XADD per
 * request, deliveries arriving while a write is in flight are gathered and
 * written with one insert that skips repeated delivery ids (deliveryWriter:
 * a prepared statement on Postgres). Under load this turns N round trips into
 * ~N/batch (bench/webhook-ingest measures it against Probot's no-op
 * acknowledgement). At low load a batch is one delivery: no added wait.
 *
 * The 202 is answered as soon as the insert commits; the enqueue comes after
 * and never holds the answer. Redis may be slow or down (its client queues
 * commands and retries) while GitHub gives up on a webhook after 10 s, and the
 * row is already the durable record. New delivery ids wait in a backlog that
 * one loop hands to the bus — everything stored since its last command in one
 * enqueue — retrying with backoff while the bus fails, so what was stored
 * during a Redis outage is queued within ~BUS_RETRY_MAX_MS of its return. The
 * worker's recovery sweep (worker/src/recover.ts) stays the safety net for
 * whatever this process could not hand over (it stopped first, or the backlog
 * overflowed): those rows are still `queued` in Postgres.
 */
import { deliveryWriter, type Bus, type DbHandle, type DeliveryWriter, type IncomingDelivery, type Logger } from '@tamagitto/db';

interface Pending {
  delivery: IncomingDelivery;
  enqueue: boolean;
  resolve: (r: { duplicate: boolean }) => void;
  reject: (err: unknown) => void;
}

/** One enqueue attempt longer than this counts as failed (a hung Redis); the loop tries again. */
export const BUS_ATTEMPT_TIMEOUT_MS = 2_000;
/** Backoff between failed attempts: from the first value, doubling, up to the second. */
export const BUS_RETRY_MIN_MS = 100;
export const BUS_RETRY_MAX_MS = 2_000;
/** Delivery ids per enqueue command. */
const BUS_BATCH = 1_000;

export interface IngestorOptions {
  maxBatch?: number;
  maxConcurrent?: number;
  minOverlapBatch?: number;
  /** Delivery ids kept in memory while the bus is down; beyond it they are left to the recovery sweep. */
  maxBacklog?: number;
  busAttemptTimeoutMs?: number;
  busRetryMinMs?: number;
  busRetryMaxMs?: number;
}

export class DeliveryIngestor {
  #queue: Pending[] = [];
  #running = 0;
  #idle: (() => void)[] = [];
  readonly #write: DeliveryWriter;

  /** Stored delivery ids not yet on the bus, oldest first. */
  readonly #backlog = new Set<string>();
  #pumping = false;
  #retryTimer: NodeJS.Timeout | undefined;
  #retryDelay = 0;
  /** When the current bus outage began (null: the last enqueue worked). */
  #busDownSince: number | null = null;
  #overflowed = 0;
  #stopped = false;
  #backlogEmpty: (() => void)[] = [];

  constructor(
    db: Pick<DbHandle, 'db' | 'pgPool'>,
    private readonly bus: Bus,
    private readonly log: Logger,
    private readonly opts: IngestorOptions = {},
  ) {
    this.#write = deliveryWriter(db);
  }

  /** Resolves once the delivery is stored (the enqueue follows on its own); `duplicate` for a repeat id. */
  submit(delivery: IncomingDelivery, enqueue: boolean): Promise<{ duplicate: boolean }> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ delivery, enqueue, resolve, reject });
      this.#kick();
    });
  }

  /** Deliveries stored by this process and still waiting for the bus. */
  get backlog(): number {
    return this.#backlog.size;
  }

  #kick(): void {
    const maxConcurrent = this.opts.maxConcurrent ?? 4;
    if (this.#queue.length === 0 || this.#running >= maxConcurrent) return;
    // With a write in flight, let small batches wait for it (the queue grows into a bigger
    // batch meanwhile); a batch worth a round trip of its own overlaps with it instead.
    if (this.#running > 0 && this.#queue.length < (this.opts.minOverlapBatch ?? 16)) return;
    const batch = this.#queue.splice(0, this.opts.maxBatch ?? 256);
    this.#running++;
    void this.#flush(batch).finally(() => {
      this.#running--;
      if (this.#running === 0 && this.#queue.length === 0) this.#idle.splice(0).forEach((r) => r());
      this.#kick();
    });
  }

  async #flush(batch: Pending[]): Promise<void> {
    // The same delivery id twice in one batch: the first one wins, the rest are duplicates.
    const first = new Map<string, Pending>();
    for (const p of batch) if (!first.has(p.delivery.deliveryId)) first.set(p.delivery.deliveryId, p);
    let inserted: Set<string>;
    try {
      inserted = await this.#write([...first.values()].map((p) => p.delivery));
    } catch (err) {
      for (const p of batch) p.reject(err);
      return;
    }
    // Durable now: answer first, then hand the new ones to the bus.
    for (const p of batch) {
      const isFirst = first.get(p.delivery.deliveryId) === p;
      p.resolve({ duplicate: !(isFirst && inserted.has(p.delivery.deliveryId)) });
    }
    const ids: string[] = [];
    for (const p of first.values()) if (p.enqueue && inserted.has(p.delivery.deliveryId)) ids.push(p.delivery.deliveryId);
    if (ids.length) this.#toBus(ids);
  }

  #toBus(ids: string[]): void {
    const max = this.opts.maxBacklog ?? 100_000;
    for (const id of ids) {
      if (this.#backlog.size < max) {
        this.#backlog.add(id);
        continue;
      }
      // Bounded memory in a long outage: the row is stored, the sweep will find it.
      if (this.#overflowed++ === 0) this.log.warn({ max }, 'bus backlog full: further deliveries are stored and left to the recovery sweep');
    }
    if (!this.#pumping && !this.#retryTimer) void this.#pump();
  }

  /** Hands the backlog to the bus, one command per BUS_BATCH ids; on failure, tries again after a backoff. */
  async #pump(): Promise<void> {
    this.#pumping = true;
    try {
      while (this.#backlog.size > 0 && !this.#stopped) {
        const ids: string[] = [];
        for (const id of this.#backlog) {
          ids.push(id);
          if (ids.length >= BUS_BATCH) break;
        }
        try {
          await this.#attempt(ids);
        } catch (err) {
          this.#failed(err);
          return;
        }
        for (const id of ids) this.#backlog.delete(id);
        if (this.#busDownSince !== null) {
          this.log.info({ downMs: Date.now() - this.#busDownSince, enqueued: ids.length, left: this.#backlog.size }, 'bus is back: enqueueing the deliveries stored meanwhile');
          this.#busDownSince = null;
        }
        this.#retryDelay = 0;
        this.#overflowed = 0;
      }
    } finally {
      this.#pumping = false;
      if (this.#backlog.size === 0) this.#backlogEmpty.splice(0).forEach((r) => r());
    }
  }

  async #attempt(ids: string[]): Promise<void> {
    const ms = this.opts.busAttemptTimeoutMs ?? BUS_ATTEMPT_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`bus enqueue did not answer within ${ms} ms`)), ms);
    });
    try {
      // A timed-out command may still reach Redis later: a job enqueued twice is harmless
      // (the worker skips a finished delivery, and effects are applied once per commit).
      await Promise.race([this.bus.enqueue(ids.map((ref) => ({ kind: 'delivery', ref }))), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  #failed(err: unknown): void {
    const min = this.opts.busRetryMinMs ?? BUS_RETRY_MIN_MS;
    const max = this.opts.busRetryMaxMs ?? BUS_RETRY_MAX_MS;
    this.#retryDelay = Math.min(max, this.#retryDelay ? this.#retryDelay * 2 : min);
    if (this.#busDownSince === null) {
      this.#busDownSince = Date.now();
      // Once per outage, not per attempt.
      this.log.warn({ err: { message: (err as Error).message }, backlog: this.#backlog.size }, 'enqueue failed: deliveries are stored and will be enqueued when the bus is back');
    }
    if (this.#stopped) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      void this.#pump();
    }, this.#retryDelay);
    this.#retryTimer.unref();
  }

  /** Waits until every submitted delivery is written. */
  async drain(): Promise<void> {
    if (this.#running === 0 && this.#queue.length === 0) return;
    await new Promise<void>((r) => this.#idle.push(r));
  }

  /**
   * At shutdown: waits for the writes, then up to `busTimeoutMs` for the backlog
   * to reach the bus, and stops retrying. What is left stays `queued` in
   * Postgres for the recovery sweep.
   */
  async close(busTimeoutMs = 5_000): Promise<void> {
    await this.drain();
    if (this.#backlog.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([new Promise<void>((r) => this.#backlogEmpty.push(r)), new Promise<void>((r) => (timer = setTimeout(r, busTimeoutMs)))]);
      clearTimeout(timer);
    }
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    if (this.#backlog.size > 0) {
      this.log.warn({ left: this.#backlog.size }, 'stopping with deliveries not yet enqueued: they stay queued in the database for the recovery sweep');
    }
  }
}
