/**
 * The worker's metrics endpoint (issue 14): queue depth from the bus, the
 * oldest pending delivery from the database, attempts and job durations from
 * an instrumented consumer, outcomes, and GitHub's rate-limit budget read from
 * the answers of a local GitHub stand-in — on each database and bus target.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { busTargets, dbTargets } from '@tamagitto/db/testing';
import { describe, expect, it } from 'vitest';
import { createWorkerMetrics } from '../src/metrics.ts';
import { startMetricsServer } from '../src/metrics-server.ts';

/** Sum of the samples of `name` whose label set includes `match`. */
function sample(text: string, name: string, match = ''): number | undefined {
  let found: number | undefined;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name) || !line.includes(match)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== '{' && rest[0] !== ' ') continue;
    found = (found ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return found;
}

const [pglite, postgres] = dbTargets();
const [memory, redis] = busTargets();
const targets = [
  { name: 'PGlite + in-process bus', skip: null, db: pglite!, bus: memory! },
  { name: 'PostgreSQL + Redis', skip: postgres!.skip ?? redis!.skip, db: postgres!, bus: redis! },
];

for (const t of targets) {
  describe.skipIf(t.skip)(`worker metrics on ${t.name}`, () => {
    it('serves queue depth, oldest pending, attempts, outcomes, durations and the GitHub rate limit on GET /metrics', async () => {
      const db = await t.db.create();
      const busHandle = await t.bus.create();
      // A GitHub stand-in whose budget drops with each call: 4200, 4100, then 4000.
      let budget = 4300;
      const gh = createServer((_req, res) => {
        budget -= 100;
        res.writeHead(200, { 'content-type': 'application/json', 'x-ratelimit-remaining': String(budget) }).end('{}');
      });
      await new Promise<void>((r) => gh.listen(0, '127.0.0.1', r));
      const ghUrl = `http://127.0.0.1:${(gh.address() as AddressInfo).port}`;
      const now = new Date();
      const metrics = createWorkerMetrics({ db: db.db, bus: busHandle.bus, githubApiUrl: ghUrl, now: () => now });
      const server = await startMetricsServer(metrics, { port: 0, host: '127.0.0.1' });
      const scrape = async () => {
        const r = await fetch(`${server.url}/metrics`);
        expect(r.status).toBe(200);
        expect(r.headers.get('content-type')).toContain('text/plain');
        return r.text();
      };
      try {
        expect((await fetch(`${server.url}/other`)).status).toBe(404);
        let text = await scrape();
        expect(sample(text, 'tamagitto_worker_queue_depth', `bus="${busHandle.bus.kind}"`)).toBe(0);
        expect(sample(text, 'tamagitto_worker_oldest_pending_seconds', 'state="queued"')).toBe(0);
        expect(sample(text, 'tamagitto_worker_github_rate_limit_remaining'), 'no GitHub call yet').toBeUndefined();

        // Two deliveries waiting (the older one 10 min), one retry overdue by 2 min, one retry not due yet, one done.
        const row = (id: string, status: 'queued' | 'received' | 'retrying' | 'processed', receivedAgoS: number, dueAgoS?: number) => ({
          delivery_id: id,
          event: 'push',
          action: null,
          repository_github_id: null,
          repository_full_name: null,
          payload: '{}',
          status,
          received_at: new Date(now.getTime() - receivedAgoS * 1000),
          next_attempt_at: dueAgoS === undefined ? null : new Date(now.getTime() - dueAgoS * 1000),
        });
        await db.db
          .insertInto('webhook_deliveries')
          .values([row('q1', 'queued', 600), row('q2', 'received', 30), row('r1', 'retrying', 7200, 120), row('r2', 'retrying', 9000, -600), row('p1', 'processed', 99_999)])
          .execute();
        await busHandle.bus.enqueue([
          { kind: 'delivery', ref: 'q1' },
          { kind: 'delivery', ref: 'q2' },
          { kind: 'delivery', ref: 'r1' },
        ]);
        text = await scrape();
        expect(sample(text, 'tamagitto_worker_queue_depth')).toBe(3);
        expect(sample(text, 'tamagitto_worker_oldest_pending_seconds', 'state="queued"')).toBeCloseTo(600, 0);
        expect(sample(text, 'tamagitto_worker_oldest_pending_seconds', 'state="retry_due"')).toBeCloseTo(120, 0);

        // An instrumented consumer: one job fails once, every attempt is counted and timed.
        const bus = metrics.instrumentBus(busHandle.bus);
        expect(bus.kind).toBe(busHandle.bus.kind);
        const seen: string[] = [];
        const consumer = bus.consume(
          async (job) => {
            seen.push(`${job.ref}#${job.attempt}`);
            if (job.ref === 'r1' && job.attempt === 1) throw new Error('GitHub 502');
            await fetch(`${ghUrl}/repos/o/r/commits/${job.ref}`).then((r) => r.text());
            metrics.observeAnalysis(0.02);
            metrics.outcome('processed');
          },
          { group: 'workers', consumer: 'metrics-test', concurrency: 1, claimIdleMs: 200 },
        );
        const end = Date.now() + 20_000;
        // Every attempt made and acked (the queue empty): the last one's timing is recorded by then.
        while ((seen.length < 4 || (await busHandle.bus.depth()) > 0) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
        await consumer.stop();
        metrics.outcome('retrying', 'github');
        metrics.outcome('dead_lettered', 'github');

        text = await scrape();
        expect(seen.sort()).toEqual(['q1#1', 'q2#1', 'r1#1', 'r1#2']);
        expect(sample(text, 'tamagitto_worker_queue_depth'), 'every job acked').toBe(0);
        expect(sample(text, 'tamagitto_worker_delivery_attempts_total')).toBe(4);
        expect(sample(text, 'tamagitto_worker_job_duration_seconds_count', 'result="ok"')).toBe(3);
        expect(sample(text, 'tamagitto_worker_job_duration_seconds_count', 'result="error"')).toBe(1);
        expect(sample(text, 'tamagitto_worker_analysis_duration_seconds_count')).toBe(3);
        expect(sample(text, 'tamagitto_worker_delivery_outcomes_total', 'outcome="processed"')).toBe(3);
        expect(sample(text, 'tamagitto_worker_delivery_outcomes_total', 'outcome="retrying",kind="github"')).toBe(1);
        expect(sample(text, 'tamagitto_worker_dead_lettered_total')).toBe(1);
        // Three GitHub answers since the last scrape: the lowest budget is reported…
        expect(sample(text, 'tamagitto_worker_github_rate_limit_remaining', 'resource="core"')).toBe(4000);
        // …and an answer from anywhere else is not GitHub's.
        const other = createServer((_q, res) => res.writeHead(200, { 'x-ratelimit-remaining': '7' }).end());
        await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
        await fetch(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`).then((r) => r.text());
        other.close();
        expect(sample(await scrape(), 'tamagitto_worker_github_rate_limit_remaining'), 'the last value when no call since').toBe(4000);
      } finally {
        await server.close();
        metrics.close();
        gh.closeAllConnections();
        gh.close();
        await busHandle.close();
        await db.close();
      }
    });
  });
}

describe('worker metrics without their dependencies', () => {
  it('leaves out the queue depth and oldest pending while bus and database are unreachable, and still answers', async () => {
    const db = await dbTargets()[0]!.create();
    const busHandle = await busTargets()[0]!.create();
    const metrics = createWorkerMetrics({ db: db.db, bus: busHandle.bus, githubApiUrl: 'http://127.0.0.1:9', probeTimeoutMs: 500 });
    try {
      await busHandle.close();
      await db.close();
      const text = await metrics.text();
      expect(sample(text, 'tamagitto_worker_queue_depth')).toBeUndefined();
      expect(sample(text, 'tamagitto_worker_oldest_pending_seconds')).toBeUndefined();
      expect(text).toContain('tamagitto_worker_delivery_attempts_total 0');
    } finally {
      metrics.close();
    }
  });
});
