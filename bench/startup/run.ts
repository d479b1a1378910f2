/**
 * bench/startup: start-up to ready of the production processes, compiled (what the images and
 * `npm run start:api` / `start:worker` run: `node --enable-source-maps <workspace>/dist/<bin>.mjs`)
 * against tsx from source (what they ran before: `node --import tsx <workspace>/src/bin/<bin>.ts`),
 * in the same run, in rounds whose order rotates.
 *   - api: spawn → the first 200 from GET /api/health/ready (database and bus checked);
 *   - worker: spawn → its `worker started` log line (consumer group joined, loops running).
 * Each also with the CPU the process had used when ready (user + system, load-independent).
 * Against PostgreSQL + Redis, the production shape, when BENCH_DATABASE_URL / TEST_DATABASE_URL and
 * BENCH_REDIS_URL / TEST_REDIS_URL are set (a fresh, migrated database; an empty Redis logical
 * database among 1–7, flushed afterwards); otherwise on PGlite (initialised before timing) and the
 * in-process bus, and says so.
 *
 *   npm run bench startup          Env: BENCH_ROUNDS (default 5). Writes bench/results/startup.json.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPostgresTestDb, freePort, type TestDb } from '@tamagitto/db/testing';
import { Redis } from 'ioredis';
import { ensureBuilt, staleReason } from '../../scripts/build.mjs';
import { cpuOf, median } from '../support/measure.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS = join(ROOT, 'bench', 'results');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL;
const TIMEOUT_MS = 120_000;

type Service = 'api' | 'worker';
type Build = 'compiled' | 'tsx';
const ARGS: Record<Service, Record<Build, string[]>> = {
  api: { compiled: ['--enable-source-maps', 'api/dist/start-api.mjs'], tsx: ['--import', 'tsx', 'api/src/bin/start-api.ts'] },
  worker: { compiled: ['--enable-source-maps', 'worker/dist/start-worker.mjs'], tsx: ['--import', 'tsx', 'worker/src/bin/start-worker.ts'] },
};

for (const w of ['api', 'worker'] as const) await ensureBuilt(w);
const freshCheck = performance.now();
staleReason('api');
staleReason('worker');
const freshCheckMs = performance.now() - freshCheck;

const tmp = mkdtempSync(join(tmpdir(), 'tamagitto-startup-'));
let db: TestDb | null = null;
let redisUrl: string | undefined;
if (DATABASE_URL && REDIS_URL) {
  db = await createPostgresTestDb(DATABASE_URL);
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await probe.connect();
  for (const i of [7, 6, 5, 4, 3, 2, 1]) {
    await probe.select(i);
    if ((await probe.dbsize()) === 0) {
      const u = new URL(REDIS_URL);
      u.pathname = `/${i}`;
      redisUrl = u.toString();
      break;
    }
  }
  await probe.quit();
  if (!redisUrl) throw new Error('no empty Redis logical database among 1–7 for the bench');
}
const env: Record<string, string> = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'info',
  DATA_DIR: join(tmp, 'data'),
  JWT_SECRET: randomBytes(32).toString('hex'),
  TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
  GITHUB_WEBHOOK_SECRET: randomBytes(20).toString('hex'),
  ...(db ? { DATABASE_URL: db.url! } : {}),
  ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
};

interface Sample {
  ms: number;
  cpuMs: number;
}

/** Starts one process, resolves when it is ready, then stops it (SIGTERM) and waits for its exit. */
async function startOnce(service: Service, build: Build): Promise<Sample> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ARGS[service][build], { cwd: ROOT, env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += String(b)));
  child.stderr.on('data', (b: Buffer) => (out += String(b)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let gone = false;
  void exited.then(() => (gone = true));
  const ready = async (): Promise<boolean> => {
    if (service === 'worker') return out.includes('worker started');
    try {
      return (await fetch(`http://127.0.0.1:${port}/api/health/ready`)).status === 200;
    } catch {
      return false;
    }
  };
  try {
    for (;;) {
      if (await ready()) break;
      if (gone) throw new Error(`${service} (${build}) exited before ready:\n${out.slice(-3000)}`);
      if (performance.now() - started > TIMEOUT_MS) throw new Error(`${service} (${build}) not ready within ${TIMEOUT_MS} ms:\n${out.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, service === 'worker' ? 5 : 10));
    }
    return { ms: performance.now() - started, cpuMs: cpuOf(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

console.log(`load average at start: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores; node ${process.version}`);
console.log(db ? `PostgreSQL (a fresh, migrated database) + Redis (${redisUrl})` : 'PGlite + the in-process bus (set TEST_DATABASE_URL and TEST_REDIS_URL for the production shape)');
if (!db) {
  // The first PGlite start creates the cluster and migrates: that is not start-up, so it is done here, untimed.
  await startOnce('api', 'compiled');
}

const samples: Record<Service, Record<Build, Sample[]>> = { api: { compiled: [], tsx: [] }, worker: { compiled: [], tsx: [] } };
const order: [Service, Build][] = [
  ['api', 'compiled'],
  ['api', 'tsx'],
  ['worker', 'compiled'],
  ['worker', 'tsx'],
];
try {
  for (let round = 1; round <= ROUNDS; round++) {
    const line: string[] = [];
    for (let i = 0; i < order.length; i++) {
      const [service, build] = order[(i + round - 1) % order.length]!;
      const s = await startOnce(service, build);
      samples[service][build].push(s);
    }
    for (const [service, build] of order) {
      const s = samples[service][build][round - 1]!;
      line.push(`${service} ${build} ${s.ms.toFixed(0)} ms (CPU ${s.cpuMs})`);
    }
    console.log(`round ${round}: ${line.join(' · ')} · load ${loadavg()[0]!.toFixed(1)}`);
  }
} finally {
  await db?.close();
  if (redisUrl) {
    const r = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    await r.flushdb();
    await r.quit();
  }
  rmSync(tmp, { recursive: true, force: true });
}

console.log('\nstart-up to ready, median of the rounds:');
const summary = (['api', 'worker'] as const).map((service) => {
  const c = samples[service].compiled;
  const t = samples[service].tsx;
  const row = {
    service,
    compiledMs: median(c.map((s) => s.ms)),
    tsxMs: median(t.map((s) => s.ms)),
    compiledCpuMs: median(c.map((s) => s.cpuMs)),
    tsxCpuMs: median(t.map((s) => s.cpuMs)),
  };
  console.log(
    `  ${service.padEnd(6)} compiled ${row.compiledMs.toFixed(0).padStart(5)} ms (CPU ${row.compiledCpuMs})   tsx ${row.tsxMs.toFixed(0).padStart(5)} ms (CPU ${row.tsxCpuMs})   tsx / compiled ${(row.tsxMs / row.compiledMs).toFixed(2)}× wall, ${(row.tsxCpuMs / row.compiledCpuMs).toFixed(2)}× CPU`,
  );
  return row;
});
console.log(`  npm run start:api / start:worker add the freshness check of dist/ (scripts/run.mjs): ${freshCheckMs.toFixed(1)} ms for both here`);

mkdirSync(RESULTS, { recursive: true });
writeFileSync(join(RESULTS, 'startup.json'), `${JSON.stringify({ at: new Date().toISOString(), shape: db ? 'postgres+redis' : 'pglite', rounds: ROUNDS, summary, samples }, null, 2)}\n`);
