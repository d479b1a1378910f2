/**
 * The worker's Prometheus metrics (issue 14, "Metrics for operators"): what an
 * operator needs to see that work is stuck, failing or about to be throttled.
 * Served by src/metrics-server.ts on WORKER_METRICS_PORT; the alerts built on
 * them are in this workspace's README ("Metrics and alerts").
 *
 * - Queue depth and the oldest pending delivery are read when scraped (the bus's
 *   depth(), a query on webhook_deliveries), so they are true for the whole
 *   system whichever worker is asked.
 * - Attempts, outcomes, dead letters and durations are counted by this process.
 * - GitHub's rate-limit budget is read from the `x-ratelimit-remaining` header
 *   of every answer GitHub gives this process (Octokit calls fetch, whose
 *   requests Node reports on the `undici:request:headers` diagnostics channel),
 *   so no GitHub client has to be wrapped.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Bus, Database, Job, JobHandler } from '@tamagitto/db';
import type { Kysely } from 'kysely';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DeliveryOutcome } from './process-delivery.ts';


export interface WorkerMetrics {
  readonly registry: Registry;
  /** Records the outcome of one attempt at a delivery; `kind` says why it failed (transient, github, other). */
  outcome(outcome: DeliveryOutcome, kind?: string | null): void;
  /** Times one analysis of one commit (seconds). */
  observeAnalysis(seconds: number): void;
  /** Wraps a job handler: counts each attempt and times it (result ok, or error when it threw and stays pending). */
  instrument(handler: JobHandler): JobHandler;
  /** A bus whose consumers' handlers are instrumented; everything else goes to `bus`. */
  instrumentBus(bus: Bus): Bus;
  /** The text a scrape returns. */
  text(): Promise<string>;
  /** Stops listening for GitHub's answers. */
  close(): void;
}

export interface WorkerMetricsOptions {
  db: Kysely<Database>;
  bus: Bus;
  /** Only answers from this origin count for the rate limit (GitHub's API, or GitHub Enterprise). */
  githubApiUrl: string;
  /** Register into an existing registry (one process serving api and worker); a fresh one otherwise. */
  registry?: Registry;
  now?: () => Date;
  /** How long a scrape waits for the bus or the database before leaving that gauge out. */
  probeTimeoutMs?: number;
}

export function createWorkerMetrics(opts: WorkerMetricsOptions): WorkerMetrics {
  const registry = opts.registry ?? new Registry();
  const now = opts.now ?? (() => new Date());
  const probeMs = opts.probeTimeoutMs ?? 2_000;
  const registers = [registry];

  new Gauge({
    name: 'tamagitto_worker_queue_depth',
    help: 'Jobs on the bus not yet acknowledged (waiting, in flight, or awaiting a re-claim); absent while the bus is unreachable',
    labelNames: ['bus'],
    registers,
    async collect() {
      this.reset();
      const n = await within(opts.bus.depth(), probeMs).catch(() => null);
      if (n !== null) this.set({ bus: opts.bus.kind }, n);
    },
  });

  new Gauge({
    name: 'tamagitto_worker_oldest_pending_seconds',
    help: 'Age of the oldest delivery waiting for a worker: state="queued" since it was received (received or queued), state="retry_due" since its retry fell due; 0 when none; absent while the database is unreachable',
    labelNames: ['state'],
    registers,
    async collect() {
      this.reset();
      const at = now();
      const row = await within(
        opts.db
          .selectNoFrom((eb) => [
            eb.selectFrom('webhook_deliveries').select((e) => e.fn.min('received_at').as('t')).where('status', 'in', ['received', 'queued']).as('queued'),
            eb
              .selectFrom('webhook_deliveries')
              .select((e) => e.fn.min('next_attempt_at').as('t'))
              .where('status', '=', 'retrying')
              .where('next_attempt_at', '<=', at)
              .as('retry_due'),
          ])
          .executeTakeFirst(),
        probeMs,
      ).catch(() => null);
      if (!row) return;
      for (const state of ['queued', 'retry_due'] as const) {
        const t = row[state] as Date | string | null | undefined;
        this.set({ state }, t ? Math.max(0, (at.getTime() - new Date(t).getTime()) / 1000) : 0);
      }
    },
  });

  const attempts = new Counter({ name: 'tamagitto_worker_delivery_attempts_total', help: 'Delivery jobs started by this worker (first tries and retries)', registers });
  const outcomes = new Counter({
    name: 'tamagitto_worker_delivery_outcomes_total',
    help: 'Outcome of each delivery attempt: processed, retrying (scheduled again), dead_lettered (gave up), ignored; kind is the failure kind',
    labelNames: ['outcome', 'kind'],
    registers,
  });
  const deadLettered = new Counter({ name: 'tamagitto_worker_dead_lettered_total', help: 'Deliveries this worker gave up on (status failed, listed by `npm run deliveries -- list --failed`)', registers });
  const jobDuration = new Histogram({
    name: 'tamagitto_worker_job_duration_seconds',
    help: 'Time to handle one delivery job; result="error" when it threw and stays pending for a retry',
    labelNames: ['result'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers,
  });
  const analysisDuration = new Histogram({
    name: 'tamagitto_worker_analysis_duration_seconds',
    help: 'Time to analyse one commit (the vet report), fetching excluded',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });

  // Per resource (core, search, graphql…), the lowest budget GitHub reported since the last
  // scrape (each token has its own, and the one running out matters), else the last one seen.
  const lowest = new Map<string, number>();
  const last = new Map<string, number>();
  new Gauge({
    name: 'tamagitto_worker_github_rate_limit_remaining',
    help: 'Lowest x-ratelimit-remaining GitHub reported to this worker since the previous scrape, per x-ratelimit-resource (the last value when no call since); absent before the first GitHub answer',
    labelNames: ['resource'],
    registers,
    collect() {
      this.reset();
      for (const [resource, v] of last) this.set({ resource }, lowest.get(resource) ?? v);
      lowest.clear();
    },
  });
  const origin = new URL(opts.githubApiUrl).origin;
  const onHeaders = (message: unknown) => {
    const { request, response } = message as { request?: { origin?: string | URL }; response?: { headers?: (Buffer | string)[] } };
    if (!request?.origin || !response?.headers || String(request.origin).replace(/\/$/, '') !== origin) return;
    const h = response.headers;
    let remaining = NaN;
    let resource = 'core';
    for (let i = 0; i + 1 < h.length; i += 2) {
      const name = String(h[i]).toLowerCase();
      if (name === 'x-ratelimit-remaining') remaining = Number(String(h[i + 1]));
      else if (name === 'x-ratelimit-resource') resource = String(h[i + 1]);
    }
    if (!Number.isFinite(remaining)) return;
    last.set(resource, remaining);
    lowest.set(resource, Math.min(lowest.get(resource) ?? remaining, remaining));
  };
  subscribe('undici:request:headers', onHeaders);

  const instrument =
    (handler: JobHandler): JobHandler =>
    async (job: Job) => {
      if (job.kind === 'delivery') attempts.inc();
      const end = jobDuration.startTimer();
      try {
        await handler(job);
        end({ result: 'ok' });
      } catch (err) {
        end({ result: 'error' });
        throw err;
      }
    };

  return {
    registry,
    outcome(outcome, kind) {
      outcomes.inc({ outcome, kind: kind ?? '' });
      if (outcome === 'dead_lettered') deadLettered.inc();
    },
    observeAnalysis(seconds) {
      analysisDuration.observe(seconds);
    },
    instrument,
    instrumentBus(bus) {
      return new Proxy(bus, {
        get(target, prop) {
          if (prop === 'consume') return (handler: JobHandler, o: Parameters<Bus['consume']>[1]) => target.consume(instrument(handler), o);
          const v = Reflect.get(target, prop, target) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
    },
    text: () => registry.metrics(),
    close() {
      unsubscribe('undici:request:headers', onHeaders);
    },
  };
}

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), ms)))]).finally(() => clearTimeout(timer));
}
