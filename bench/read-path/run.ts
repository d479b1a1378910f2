/**
 * bench/read-path: the authenticated read path, `GET /api/pets/:id` with a real
 * session JWT (Authorization: Bearer) on PostgreSQL + Redis (serve.ts), against
 * express 5's hello-world route (express-hello.mjs) measured in the same run.
 * Both servers run in their own process; autocannon drives them from this one.
 * Every response of ours is checked once before the load (200, the seeded pet),
 * and every load counts its non-2xx answers: a 401 measured fast is not a read.
 * Goal (issue 18): median ratio (ours / express req/s) ≥ 2. The read is answered from the session
 * and pet caches on node:http once warm (api/src/pets/fast-read.ts, pet-cache.ts).
 * Also printed: each server's CPU per 1,000 requests (steadier than req/s here).
 *
 * Env: BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 50), BENCH_ROUNDS (default 3:
 * rounds of express and Tamagitto, alternating which goes first), BENCH_DATABASE_URL /
 * BENCH_REDIS_URL (default: the local services), BENCH_RATE_LIMITS (default off; e.g. 1000
 * to measure with the Redis-backed limiter on at 1000× its limits).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { cpuOf, median } from '../support/measure.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const GOAL = 2;

interface Result {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** CPU ms of the server process per 1,000 requests. */
  serverCpu: number;
}

interface Server {
  child: ChildProcess;
  url: string;
  headers: Record<string, string>;
}

async function start(args: string[]): Promise<Server> {
  const child = spawn(process.execPath, args, { env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const [url, token] = await new Promise<string[]>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited early (${code})`)));
    lines.on('line', (l) => {
      if (l.startsWith('READY ')) resolve(l.slice(6).trim().split(' '));
    });
  });
  return { child, url: url!, headers: token ? { authorization: `Bearer ${token}` } : {} };
}

async function stop(s: Server): Promise<void> {
  const exited = new Promise((resolve) => s.child.once('exit', resolve));
  s.child.kill('SIGTERM');
  // Let the api close and drop its database (a SIGKILL would leave it behind).
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  if (s.child.exitCode === null) s.child.kill('SIGKILL');
}

async function measure(name: string, args: string[], check?: (status: number, body: string) => void): Promise<Result> {
  const s = await start(args);
  try {
    if (check) {
      const r = await fetch(s.url, { headers: s.headers });
      check(r.status, await r.text());
    }
    // Warm-up: JIT, pool connections, prepared plans, caches.
    await autocannon({ url: s.url, connections: 10, duration: 2, headers: s.headers });
    const before = cpuOf(s.child.pid!);
    const r = await autocannon({ url: s.url, connections: CONNECTIONS, duration: SECONDS, headers: s.headers });
    return {
      name,
      rps: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      non2xx: r.non2xx,
      errors: r.errors,
      serverCpu: ((cpuOf(s.child.pid!) - before) / Math.max(1, r.requests.total)) * 1000,
    };
  } finally {
    await stop(s);
  }
}

const EXPRESS = 'express 5 hello world (GET /)';
const OURS = 'Tamagitto GET /api/pets/:id (session JWT, PostgreSQL + Redis)';
const express = () => measure(EXPRESS, ['bench/read-path/express-hello.mjs'], (status, body) => {
  if (status !== 200 || body !== 'Hello World!') throw new Error(`express answered ${status} ${body}`);
});
const ours = () => measure(OURS, ['--import', 'tsx', 'bench/read-path/serve.ts'], (status, body) => {
  if (status !== 200 || (JSON.parse(body) as { name?: string }).name !== 'Benchy') throw new Error(`GET /api/pets/:id answered ${status} ${body.slice(0, 200)}`);
});

const rounds: { peer: Result; ours: Result }[] = [];
for (let round = 0; round < ROUNDS; round++) {
  // Alternate who goes first: the machine's speed drifts within minutes (bench/webhook-ingest/run.ts).
  if (round % 2 === 0) {
    const peer = await express();
    rounds.push({ peer, ours: await ours() });
  } else {
    const o = await ours();
    rounds.push({ peer: await express(), ours: o });
  }
}

console.log(`\nread path: ${CONNECTIONS} connections, ${SECONDS} s each, ${ROUNDS} round(s), rate limits ${process.env.BENCH_RATE_LIMITS ?? 'off'}\n`);
console.log('| round | server | req/s | p50 ms | p99 ms | non-2xx | errors | ratio vs express | server CPU ms/1k req |');
console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
rounds.forEach(({ peer, ours: o }, i) => {
  for (const r of [peer, o]) {
    console.log(`| ${i + 1} | ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors} | ${(r.rps / peer.rps).toFixed(2)} | ${r.serverCpu.toFixed(0)} |`);
  }
});
console.log(`\nmachine load average during the run: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (on ${availableParallelism()} cores)`);
// CPU per request drifts less than req/s on a shared machine (the load generator shares the cores): printed beside the goal.
const cpu = (pick: (r: { peer: Result; ours: Result }) => Result) => median(rounds.map((r) => pick(r).serverCpu));
console.log(`server CPU per 1,000 requests, median: express ${cpu((r) => r.peer).toFixed(0)} ms, Tamagitto ${cpu((r) => r.ours).toFixed(0)} ms`);
const ratios = rounds.map((r) => r.ours.rps / r.peer.rps);
const ratio = median(ratios);
const failed = rounds.reduce((n, r) => n + r.ours.non2xx + r.ours.errors, 0);
console.log(
  `\ngoal: median ratio ≥ ${GOAL.toFixed(2)} → ${ratio.toFixed(2)} (rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')})${failed ? `, ${failed} failed requests` : ''}: ${ratio >= GOAL && failed === 0 ? 'MET' : 'NOT MET'}`,
);
