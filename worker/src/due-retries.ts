/**
 * The due-retry loop: every few seconds, deliveries whose retry is due
 * (`retrying`, `next_attempt_at` passed) are claimed back to `queued` and
 * enqueued. The schedule lives in Postgres (process-delivery.ts writes it), so
 * a Redis restart or a worker crash loses no retry. Every worker runs the loop:
 * the claim (`claimDueRetries`, `for update skip locked`) hands each row to one
 * of them. If the enqueue fails (Redis down), the claimed rows are put back,
 * due at once, and the next round tries again: nothing is lost in between.
 */
import { claimDueRetries, releaseDueRetries, type Database } from '@tamagitto/db';
import type { Kysely } from 'kysely';
import type { TokenContext } from './github/adopter-tokens.ts';
import { startLoop, type Loop } from './loop.ts';

/** How often the loop looks for due retries (the shortest retry is 1–2 s: a transient failure). */
export const DUE_RETRY_INTERVAL_MS = 2_000;
/** Rows claimed per statement; a round keeps claiming until fewer come back (bounded per round). */
export const DUE_RETRY_BATCH = 500;
const MAX_BATCHES_PER_ROUND = 20;

export type DueRetryContext = Pick<TokenContext, 'db' | 'bus' | 'log' | 'now'> & {
  /** Told how many deliveries each round enqueued (metrics hook; errors in it are ignored). */
  onRequeued?(count: number): void;
};

/**
 * Rows whose schedule lives in Postgres: `claim` takes up to `limit` due ones at once (never the
 * same row for two claimers), `release` makes claimed ones the queue refused due again at `at`.
 */
export interface DueSource {
  kind: string;
  claim(db: Kysely<Database>, now: Date, limit: number): Promise<string[]>;
  release(db: Kysely<Database>, ids: readonly string[], at: Date): Promise<unknown>;
}

const DUE_DELIVERIES: DueSource = { kind: 'delivery', claim: (db, now, limit) => claimDueRetries(db, { now, limit }), release: releaseDueRetries };

/** One round over `source`: claims every due row (up to 20 batches) and enqueues it. Resolves to how many were enqueued. */
export async function enqueueDue(ctx: Pick<TokenContext, 'db' | 'bus' | 'now'>, source: DueSource, batch = DUE_RETRY_BATCH): Promise<number> {
  let total = 0;
  for (let i = 0; i < MAX_BATCHES_PER_ROUND; i++) {
    const ids = await source.claim(ctx.db, ctx.now(), batch);
    if (ids.length === 0) break;
    try {
      await ctx.bus.enqueue(ids.map((ref) => ({ kind: source.kind, ref })));
    } catch (err) {
      // Due now again: the next round claims them again.
      await source.release(ctx.db, ids, ctx.now());
      throw err;
    }
    total += ids.length;
    if (ids.length < batch) break;
  }
  return total;
}

/** One round of the deliveries' due retries (`enqueueDue`), told to `onRequeued`. */
export async function enqueueDueRetries(ctx: DueRetryContext, batch = DUE_RETRY_BATCH): Promise<number> {
  const total = await enqueueDue(ctx, DUE_DELIVERIES, batch);
  if (total > 0 && ctx.onRequeued) {
    try {
      ctx.onRequeued(total);
    } catch {
      /* a metrics hook never stops the loop */
    }
  }
  return total;
}

/** Runs `enqueueDueRetries` every `intervalMs` (one round at a time); failures are logged and retried next round. */
export function startDueRetries(ctx: DueRetryContext, opts: { intervalMs?: number; batch?: number } = {}): Loop {
  const log = ctx.log.child({ loop: 'due-retries' });
  let failing = false;
  return startLoop(opts.intervalMs ?? DUE_RETRY_INTERVAL_MS, () =>
    enqueueDueRetries(ctx, opts.batch)
      .then((n) => {
        if (failing) log.info('due retries enqueued again');
        failing = false;
        if (n > 0) log.info({ enqueued: n }, 'due retries enqueued');
      })
      .catch((err: Error) => {
        // Logged once per outage, not every round.
        if (!failing) log.warn({ err: { message: err.message } }, 'due retries could not be enqueued; trying again next round');
        failing = true;
      }),
  );
}
