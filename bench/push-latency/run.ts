/**
 * bench/push-latency: signed pushes at BENCH_RATE per second (default 200) to
 * `pet.updated` on a connected WebSocket, end to end, in two shapes:
 *
 * - `topology`: production's — Caddy in front of 2 api and 2 worker processes,
 *   PostgreSQL (a fresh database) and Redis (an empty logical database), as
 *   api/test/topology.test.ts starts them (from source through tsx unless
 *   BENCH_DIST=1, which runs the compiled bins the images run);
 * - `embedded`: `npm start`'s — api and worker in one process on PGlite and the
 *   in-process bus (api/src/bin/start-embedded.ts).
 *
 * The fake GitHub (api/test/support/fake-github.ts) runs in this process on
 * loopback and serves each push's commit as GitHub's API does (one Go file).
 * Every push is a new commit of the adopted repository; the bench records when
 * it sent the POST, when the 202 came back, and when the socket received that
 * commit's `pet.updated`. The worker's 'commit applied' log line
 * (worker/src/process-delivery.ts) gives when it picked the job up and how long
 * its own reads before the fetch, the GitHub fetch, the analysis and the
 * transaction + publish took. The breakdown per push: ingest (POST → 202),
 * queue wait (202 → worker picks the job up, the enqueue included), worker
 * prep (the delivery, repository, pets, tokens), fetch, analysis, transaction + publish, relay
 * (publish returned → frame received: the bus, the hub, the socket, Caddy).
 * All clocks are this machine's wall clock (performance.timeOrigin + now).
 * Goal (issue 18): p50 < 30 ms and p99 < 150 ms excluding the analysis.
 *
 * Env: BENCH_SECONDS (default 10), BENCH_RATE (default 200), BENCH_MODES
 * (default "topology,embedded"), BENCH_DATABASE_URL / BENCH_REDIS_URL (default:
 * the local services), BENCH_DIST=1, BENCH_CPU_PROF=<dir> with BENCH_DIST=1 (the topology's workers write CPU profiles there), BENCH_WORKER_CONCURRENCY (jobs at once per worker in the
 * topology, default 4: 16 made it worse here, 2026-12-07 — the machine's CPU is the limit). Rate limits are off (RATE_LIMITS=off): the
 * webhook tier allows 1,200 deliveries a minute per address, and this sends 12,000.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { sign } from '@octokit/webhooks-methods';
import { createPostgresTestDb, freePort } from '@tamagitto/db/testing';
import type { ServerMessage } from '@tamagitto/domain';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { FakeGithub, pushPayload, sha, until } from '../../api/test/support/index.ts';
import { buildDist, emptyRedisDatabase, startBin, startCaddy, startProcess, stopProcess, type Proc } from '../../api/test/support/processes.ts';
import { cpuByPid, cpuOf, cpuSince, median } from '../support/measure.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const MODES = (process.env.BENCH_MODES ?? 'topology,embedded').split(',').map((m) => m.trim());
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const GOAL = { p50: 30, p99: 150 };
const TOKEN = 'ghp_pushLatencyBench000000000000000000001';
const repo = { owner: 'octocat', name: 'latency', id: 7070701 };

const wall = () => performance.timeOrigin + performance.now();

interface Timing {
  claimedAt: number;
  prepMs: number;
  fetchMs: number;
  analysisMs: number;
  applyMs: number;
  appliedAt: number;
}

interface Push {
  sha: string;
  sentAt: number;
  acceptedAt?: number;
  status?: number;
  receivedAt?: number;
  timing?: Timing;
}

/** A service under test: where clients go, its processes, and how to stop it. */
interface Target {
  front: string;
  secret: string;
  /** The processes whose log lines carry the worker's timings. */
  procs: Proc[];
  /** Every process of ours, for their CPU time. */
  all: Proc[];
  close(): Promise<void>;
}

/** Reads every process's 'commit applied' lines as they come (pino JSON on stdout), by sha prefix. */
function watchTimings(procs: Proc[], into: Map<string, Timing>): void {
  for (const p of procs) {
    let rest = '';
    const onData = (b: Buffer) => {
      const lines = (rest + String(b)).split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) {
        if (!l.includes('"commit applied"')) continue;
        try {
          const j = JSON.parse(l) as { sha?: string; timing?: Timing };
          if (j.sha && j.timing) into.set(j.sha, j.timing);
        } catch {
          /* not JSON */
        }
      }
    };
    p.child.stdout?.on('data', onData);
  }
}

async function startTopology(github: FakeGithub, tmp: string): Promise<Target> {
  const db = await createPostgresTestDb(DATABASE_URL);
  // The processes use the bus's default key prefix: an empty logical Redis database of their own.
  const redisUrl = await emptyRedisDatabase(REDIS_URL, [7, 6, 5, 4], 'bench/push-latency');
  const dist = process.env.BENCH_DIST === '1';
  if (dist) buildDist();
  const secret = randomBytes(20).toString('hex');
  const [p1, p2, pc] = [await freePort(), await freePort(), await freePort()];
  const front = `http://127.0.0.1:${pc}`;
  const shared = {
    NODE_ENV: 'production',
    DATABASE_URL: db.url!,
    REDIS_URL: redisUrl,
    JWT_SECRET: randomBytes(32).toString('hex'),
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    GITHUB_WEBHOOK_SECRET: secret,
    GITHUB_API_URL: github.url,
    GITHUB_OAUTH_URL: github.url,
    PUBLIC_URL: front,
    LOG_LEVEL: 'info',
    DATA_DIR: join(tmp, 'data'),
    RATE_LIMITS: 'off',
  };
  const apiBin = dist ? 'api/dist/start-api.mjs' : 'api/src/bin/start-api.ts';
  const workerBin = dist ? 'worker/dist/start-worker.mjs' : 'worker/src/bin/start-worker.ts';
  const apis = [p1, p2].map((port, i) => startBin(`api-${i + 1}`, apiBin, { ...shared, PORT: String(port), HOST: '127.0.0.1', TRUST_PROXY: '1' }));
  // BENCH_CPU_PROF=<dir> (with BENCH_DIST=1): the workers write V8 CPU profiles there when they stop (open them in Chrome's DevTools).
  const prof = process.env.BENCH_CPU_PROF;
  const workers = [1, 2].map((i) => {
    const env = { ...shared, WORKER_NAME: `latency-w${i}`, WORKER_CONCURRENCY: process.env.BENCH_WORKER_CONCURRENCY ?? '4' };
    return prof && dist ? startProcess(`worker-${i}`, process.execPath, ['--cpu-prof', `--cpu-prof-dir=${prof}`, workerBin], env) : startBin(`worker-${i}`, workerBin, env);
  });
  // No landing site: Caddy serves an empty folder; /api is what is measured.
  const caddy = startCaddy(front, tmp, [p1!, p2!], tmp);
  const procs = [...apis, ...workers, caddy];
  const close = async () => {
    await Promise.all(procs.map((p) => stopProcess(p)));
    const r = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    await r.flushdb();
    await r.quit();
    await db.close();
  };
  try {
    for (const port of [p1, p2]) await until(() => fetch(`http://127.0.0.1:${port}/api/health/ready`).then((r) => r.ok, () => false), 90_000, 'api ready');
    for (const w of workers) await until(() => w.out.join('').includes('worker started'), 90_000, `${w.name} started`);
    await until(() => fetch(`${front}/api/health/ready`).then((r) => r.ok, () => false), 30_000, 'Caddy proxying to the api');
  } catch (err) {
    await close();
    throw new Error(`${(err as Error).message}\n${procs.map((p) => `--- ${p.name}\n${p.out.join('').slice(-2000)}`).join('\n')}`);
  }
  return { front, secret, procs: workers, all: procs, close };
}

async function startEmbedded(github: FakeGithub, tmp: string): Promise<Target> {
  const port = await freePort();
  const secret = randomBytes(20).toString('hex');
  const proc = startBin('embedded', 'api/src/bin/start-embedded.ts', {
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: join(tmp, 'embedded'),
    GITHUB_WEBHOOK_SECRET: secret,
    GITHUB_API_URL: github.url,
    GITHUB_OAUTH_URL: github.url,
    LOG_LEVEL: 'info',
    RATE_LIMITS: 'off',
  });
  const front = `http://127.0.0.1:${port}`;
  const close = () => stopProcess(proc);
  try {
    await until(() => fetch(`${front}/api/health/ready`).then((r) => r.ok, () => false), 90_000, 'embedded ready');
  } catch (err) {
    await close();
    throw new Error(`${(err as Error).message}\n${proc.out.join('').slice(-3000)}`);
  }
  return { front, secret, procs: [proc], all: [proc], close };
}

interface ModeResult {
  mode: string;
  pushes: Push[];
  /** CPU ms per push during the load (sending until the last frame), by process. */
  cpuPerPush: Record<string, number>;
}

async function run(mode: string): Promise<ModeResult> {
  const tmp = await mkdtemp(join(tmpdir(), 'tamagitto-latency-'));
  const github = await new FakeGithub().start();
  github.addUser({ login: repo.owner, id: 583231, token: TOKEN, name: 'The Octocat' });
  github.addRepo(repo.owner, repo.name, { id: repo.id, language: 'Go' });
  const target = mode === 'topology' ? await startTopology(github, tmp) : await startEmbedded(github, tmp);
  const timings = new Map<string, Timing>();
  watchTimings(target.procs, timings);
  try {
    const signIn = await fetch(`${target.front}/api/auth/pat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: TOKEN }) });
    if (signIn.status !== 200) throw new Error(`sign-in: ${signIn.status} ${await signIn.text()}`);
    const session = ((await signIn.json()) as { token: string }).token;
    const auth = { authorization: `Bearer ${session}`, 'content-type': 'application/json' };
    const adopted = await fetch(`${target.front}/api/pets`, { method: 'POST', headers: auth, body: JSON.stringify({ repo: `${repo.owner}/${repo.name}` }) });
    if (adopted.status !== 201) throw new Error(`adopt: ${adopted.status} ${await adopted.text()}`);
    const ticket = ((await (await fetch(`${target.front}/api/ws/ticket`, { method: 'POST', headers: auth })).json()) as { ticket: string }).ticket;
    const pushes = new Map<string, Push>();
    const ws = new WebSocket(`${target.front.replace('http', 'ws')}/api/ws?ticket=${encodeURIComponent(ticket)}`);
    ws.on('message', (data) => {
      const at = wall();
      const m = JSON.parse(String(data)) as ServerMessage;
      if (m.type !== 'pet.updated' || !m.sha) return;
      const p = pushes.get(m.sha);
      if (p && p.receivedAt === undefined) p.receivedAt = at;
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });

    let n = 0;
    const push = async (): Promise<Push> => {
      const id = sha(`latency-${mode}-${n++}-${randomUUID()}`);
      const fn = `F${n}`;
      github.addCommit(repo.owner, repo.name, {
        sha: id,
        message: `commit ${n}`,
        files: [{ filename: `src/f${n}.go`, after: `package main\n\n// ${fn} returns ${n}.\nfunc ${fn}(x int) int {\n\tif x > ${n} {\n\t\treturn x\n\t}\n\treturn ${n}\n}\n` }],
      });
      const body = JSON.stringify(pushPayload(repo, [{ sha: id, message: `commit ${n}` }]));
      const signature = await sign(target.secret, body);
      const p: Push = { sha: id, sentAt: wall() };
      pushes.set(id, p);
      const r = await fetch(`${target.front}/api/webhook/github`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': signature, 'user-agent': 'GitHub-Hookshot/bench' },
        body,
      });
      p.acceptedAt = wall();
      p.status = r.status;
      await r.arrayBuffer();
      return p;
    };

    // Warm-up: a few pushes one at a time (JIT, pools, the analyser's parsers), not counted.
    for (let i = 0; i < 10; i++) {
      const p = await push();
      await until(() => p.receivedAt !== undefined, 60_000, 'the warm-up pushes to reach the socket');
    }
    pushes.clear();

    // The load: RATE pushes a second, on a schedule (not waiting for answers), for SECONDS.
    const total = Math.round(RATE * SECONDS);
    // CPU of each process from here to the last frame: where a push's cost goes (the machine's cores are shared by all of them).
    const ours = () => ({
      ...Object.fromEntries(target.all.map((p) => [p.name, cpuOf(p.child.pid ?? 0)])),
      'this bench (load, fake GitHub, socket)': process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000,
    });
    const cpuBefore: Record<string, number> = ours();
    const storesBefore = { postgres: cpuByPid(['postgres']), redis: cpuByPid(['redis-server']) };
    const start = performance.now();
    const sent: Promise<Push>[] = [];
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      sent.push(push());
    }
    const all = await Promise.all(sent);
    // Every accepted push's frame (or up to 60 s), then its worker timing.
    await until(() => all.every((p) => p.status !== 202 || p.receivedAt !== undefined), 60_000, 'every pet.updated').catch(() => undefined);
    const cpuAfter: Record<string, number> = ours();
    const cpuPerPush = {
      ...Object.fromEntries(Object.keys(cpuAfter).map((k) => [k, (cpuAfter[k]! - (cpuBefore[k] ?? 0)) / total])),
      postgres: cpuSince(['postgres'], storesBefore.postgres) / total,
      redis: cpuSince(['redis-server'], storesBefore.redis) / total,
    };
    await until(() => all.every((p) => p.receivedAt === undefined || timings.has(p.sha.slice(0, 12))), 10_000, 'every timing line').catch(() => undefined);
    for (const p of all) p.timing = timings.get(p.sha.slice(0, 12));
    ws.close();
    return { mode, pushes: all, cpuPerPush };
  } finally {
    await target.close();
    await github.close();
    await rm(tmp, { recursive: true, force: true });
  }
}

const pct = (xs: number[], q: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};
const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');

const results: ModeResult[] = [];
for (const mode of MODES) {
  if (mode === 'topology' && spawnSync('caddy', ['version']).status !== 0) {
    console.log('topology skipped: caddy is not installed');
    continue;
  }
  results.push(await run(mode));
}

console.log(`\npush latency: ${RATE} signed pushes/s for ${SECONDS} s, one commit each, to pet.updated on one WebSocket\n`);
console.log('| shape | pushes | 202 | frames | p50 ms | p99 ms | p50 ms excl. analysis | p99 ms excl. analysis |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
const verdicts: string[] = [];
for (const r of results) {
  const done = r.pushes.filter((p) => p.receivedAt !== undefined && p.timing);
  const total = done.map((p) => p.receivedAt! - p.sentAt);
  const excl = done.map((p) => p.receivedAt! - p.sentAt - p.timing!.analysisMs);
  console.log(
    `| ${r.mode} | ${r.pushes.length} | ${r.pushes.filter((p) => p.status === 202).length} | ${r.pushes.filter((p) => p.receivedAt !== undefined).length} | ${f(pct(total, 0.5))} | ${f(pct(total, 0.99))} | ${f(pct(excl, 0.5))} | ${f(pct(excl, 0.99))} |`,
  );
  if (r.mode === 'topology') {
    const met = pct(excl, 0.5) < GOAL.p50 && pct(excl, 0.99) < GOAL.p99 && done.length === r.pushes.length;
    verdicts.push(`topology p50 ${f(pct(excl, 0.5))} ms (< ${GOAL.p50}), p99 ${f(pct(excl, 0.99))} ms (< ${GOAL.p99}) excluding the analysis, ${done.length}/${r.pushes.length} pushes seen: ${met ? 'MET' : 'NOT MET'}`);
  }
}
console.log('\nbreakdown (ms; p50 / p99 of each stage):\n');
console.log('| shape | ingest (POST → 202) | queue wait (202 → picked up) | worker prep (picked up → fetch) | GitHub fetch | analysis | transaction + publish | relay (publish → frame) |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  const done = r.pushes.filter((p) => p.receivedAt !== undefined && p.timing && p.acceptedAt !== undefined);
  const stage = (fn: (p: Push) => number) => {
    const xs = done.map(fn);
    return `${f(median(xs))} / ${f(pct(xs, 0.99))}`;
  };
  console.log(
    `| ${r.mode} | ${stage((p) => p.acceptedAt! - p.sentAt)} | ${stage((p) => p.timing!.claimedAt - p.acceptedAt!)} | ${stage((p) => p.timing!.prepMs)} | ${stage((p) => p.timing!.fetchMs)} | ${stage((p) => p.timing!.analysisMs)} | ${stage((p) => p.timing!.applyMs)} | ${stage((p) => p.receivedAt! - p.timing!.appliedAt)} |`,
  );
}
console.log('\nCPU per push during the load (ms; sending until the last frame), by process:\n');
for (const r of results) {
  const parts = Object.entries(r.cpuPerPush).sort((a, b) => b[1] - a[1]);
  const sum = parts.reduce((a, [, v]) => a + v, 0);
  console.log(`${r.mode}: ${parts.map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}; total ${sum.toFixed(2)} ms (${availableParallelism()} cores at this cost: ~${Math.round((availableParallelism() * 1000) / sum)} pushes/s; at low rates the timers and polls of idle time are in it too)`);
}
console.log(`\nmachine load average during the run: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (on ${availableParallelism()} cores)`);
for (const v of verdicts) console.log(`\ngoal: ${v}`);
