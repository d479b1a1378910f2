/**
 * Webhook ingest, batched. Each accepted delivery must be durable in Postgres
 * before its 202: GitHub does not redeliver what it saw accepted, so one lost
 * after the answer would be lost for good. Instead of one INSERT + one XADD per
 * request, deliveries arriving while a write is in flight are gathered and
 * written with one insert that skips repeated delivery ids (deliveryWriter:
 * a prepared statement on Postgres) and one enqueue command. Under load this
 * turns N round trips into ~N/batch (bench/webhook-ingest measures it against
 * Probot's no-op acknowledgement). At low load a batch is one delivery: no
 * added wait.
 *
 * If the enqueue fails after the insert, the rows stay `queued` and the
 * worker's recovery sweep (worker/src/recover.ts) enqueues them later: an
 * accepted delivery is never lost.
 */
import { deliveryWriter, type Bus, type DbHandle, type DeliveryWriter, type IncomingDelivery, type Logger } from '@tamagitto/db';

interface Pending {
  delivery: IncomingDelivery;
  enqueue: boolean;
  resolve: (r: { duplicate: boolean }) => void;
  reject: (err: unknown) => void;
}

export class DeliveryIngestor {
  #queue: Pending[] = [];
  #running = 0;
  #idle: (() => void)[] = [];
  readonly #write: DeliveryWriter;

  constructor(
    db: Pick<DbHandle, 'db' | 'pgPool'>,
    private readonly bus: Bus,
    private readonly log: Logger,
    private readonly opts: { maxBatch?: number; maxConcurrent?: number; minOverlapBatch?: number } = {},
  ) {
    this.#write = deliveryWriter(db);
  }

  /** Resolves once the delivery is stored (and, when `enqueue`, queued); `duplicate` for a repeat id. */
  submit(delivery: IncomingDelivery, enqueue: boolean): Promise<{ duplicate: boolean }> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ delivery, enqueue, resolve, reject });
      this.#kick();
    });
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
    const jobs = [...first.values()].filter((p) => p.enqueue && inserted.has(p.delivery.deliveryId));
    if (jobs.length) {
      try {
        await this.bus.enqueue(jobs.map((p) => ({ kind: 'delivery', ref: p.delivery.deliveryId })));
      } catch (err) {
        // Stored as `queued`: the recovery sweep will enqueue them. Still accepted.
        this.log.warn({ err: { message: (err as Error).message }, count: jobs.length }, 'enqueue failed; deliveries will be recovered from the database');
      }
    }
    for (const p of batch) {
      const isFirst = first.get(p.delivery.deliveryId) === p;
      p.resolve({ duplicate: !(isFirst && inserted.has(p.delivery.deliveryId)) });
    }
  }

  /** Waits until every submitted delivery is written. */
  async drain(): Promise<void> {
    if (this.#running === 0 && this.#queue.length === 0) return;
    await new Promise<void>((r) => this.#idle.push(r));
  }
}
