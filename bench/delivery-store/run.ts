/**
 * bench/delivery-store: PostgreSQL's own CPU per stored webhook delivery, the
 * store half of bench/webhook-ingest without HTTP, the api or the load
 * generator on the same cores. Writes real push payloads
 * (@octokit/webhooks-examples) with the api's deliveryWriter in batches of
 * BENCH_BATCH (default 16, about what the ingest batches under load) into a
 * fresh migrated database, and reads the CPU of that database's backends
 * from /proc. Far steadier than the end-to-end figure, so it is what a change
 * to the delivery table or its insert is measured with.
 *
 *   npm run bench delivery-store      (or: npx tsx bench/delivery-store/run.ts)
 *
 * Env: BENCH_DATABASE_URL (default: the local server), BENCH_DELIVERIES
 * (default 24,000 per round), BENCH_BATCH, BENCH_ROUNDS (default 3).
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { deliveryWriter, type IncomingDelivery } from '@tamagitto/db';
import { createPostgresTestDb } from '@tamagitto/db/testing';
import { cpuOf, median } from '../support/measure.ts';

const require = createRequire(import.meta.url);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BATCH = Number(process.env.BENCH_BATCH ?? 16);
const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 24_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const examples = require('@octokit/webhooks-examples') as { name: string; examples: unknown[] }[];
const payload = JSON.stringify(examples.find((e) => e.name === 'push')!.examples[0]);

const batch = (): IncomingDelivery[] =>
  Array.from({ length: BATCH }, () => ({
    deliveryId: randomUUID(),
    event: 'push',
    action: null,
    repositoryGithubId: 1296269,
    repositoryFullName: 'Codertocat/Hello-World',
    payload,
    status: 'queued' as const,
  }));

async function round(): Promise<{ cpuPer1k: number; wallPer1k: number }> {
  const h = await createPostgresTestDb(DATABASE_URL);
  try {
    const write = deliveryWriter(h);
    const backends = async () =>
      (await h.pgPool!.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database()')).rows.map((r) => r.pid);
    // Warm-up: connections, the prepared statement, the first pages.
    for (let i = 0; i < 50; i++) await write(batch());
    const before = new Map((await backends()).map((pid) => [pid, cpuOf(pid)]));
    const batches = Math.ceil(DELIVERIES / BATCH);
    const started = performance.now();
    for (let i = 0; i < batches; i++) await write(batch());
    const wall = performance.now() - started;
    const cpu = (await backends()).reduce((sum, pid) => sum + cpuOf(pid) - (before.get(pid) ?? 0), 0);
    const stored = batches * BATCH;
    return { cpuPer1k: (cpu / stored) * 1000, wallPer1k: (wall / stored) * 1000 };
  } finally {
    await h.close();
  }
}

console.log(`delivery store: ${DELIVERIES} deliveries per round in batches of ${BATCH}, ${payload.length} B push payload\n`);
console.log('| round | Postgres CPU ms / 1k deliveries | wall ms / 1k deliveries |');
console.log('| ---: | ---: | ---: |');
const results: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const r = await round();
  results.push(r.cpuPer1k);
  console.log(`| ${i + 1} | ${r.cpuPer1k.toFixed(1)} | ${r.wallPer1k.toFixed(1)} |`);
}
console.log(`\nmedian Postgres CPU per 1k stored deliveries: ${median(results).toFixed(1)} ms`);
