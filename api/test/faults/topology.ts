/**
 * The production topology of issue 14's fault suite, natively and on services
 * of its own, so faults can be injected into them: a private PostgreSQL
 * cluster (support/private-postgres.ts), a private redis-server on a free port
 * (nothing persisted, as docker-compose.yml runs it), the fake GitHub, two api
 * and two worker processes started as the images start them, and Caddy with
 * the repository's Caddyfile in front. Used by api/test/faults.test.ts and
 * bench/faults/run.ts through ./scenarios.ts.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sign } from '@octokit/webhooks-methods';
import { createDb, migrateToLatest, type DbHandle } from '@tamagitto/db';
import { freePort, redisServerSkip, startRedisServer } from '@tamagitto/db/testing';
import type { PetDto, SessionDto } from '@tamagitto/domain';
import { FakeAnthropic } from '../coach/support/fake-anthropic.ts';
import { FakeGithub, pushPayload, sha, until } from '../support/index.ts';
import { privatePostgresSkip, startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.ts';
import { dumpProcesses, startBin, startCaddy, stopProcess, type Proc } from '../support/processes.ts';

const hasCaddy = spawnSync('caddy', ['version']).status === 0;

/** Why the fault suite cannot run here, or null. */
export const faultsSkip: string | null = !hasCaddy ? 'caddy is not installed (apt-get install -y caddy)' : (privatePostgresSkip ?? redisServerSkip);

export const TOKEN = 'ghp_faultsToken000000000000000000000001';
export const REPO = { owner: 'octocat', name: 'faulty', id: 7070701 };

export interface Answer {
  /** HTTP status, or 0 when no answer came (connection reset, the instance died). */
  status: number;
  ms: number;
  /** The error envelope's code, when the body is one. */
  code?: string;
}

export interface Instance {
  name: string;
  proc: Proc;
  port: number;
  /** http://127.0.0.1:<port> */
  direct: string;
}

export interface FaultTopology {
  front: string;
  apis: Instance[];
  workers: Instance[];
  github: FakeGithub;
  pg: PrivatePostgres;
  redisUrl: string;
  db: DbHandle;
  pet: PetDto;
  session: string;
  /** Stops the private redis-server (its queue is lost, as with the production container). */
  stopRedis(): Promise<void>;
  startRedis(): Promise<void>;
  /** Starts the i-th api (again) on its port. */
  startApi(i: number): Promise<void>;
  /** Starts the i-th worker (again), with extra environment (e.g. TAMAGITTO_TIME_SCALE). */
  startWorker(i: number, env?: Record<string, string>): Promise<void>;
  /** A commit the fake GitHub serves, named after `seed`. */
  commit(seed: string): string;
  /** A signed push of one commit to `base` (Caddy by default), answered or not within 15 s. */
  push(commitSha: string, deliveryId: string, base?: string): Promise<Answer>;
  /** How many times each commit was applied to the pet (health_history rows of reason commit). */
  appliedCounts(shas: readonly string[]): Promise<Map<string, number>>;
  metricsOf(inst: Instance, path?: string): Promise<string>;
  dump(): string;
  close(): Promise<void>;
}

/** Runs `fn` over `items` with at most `concurrency` at once, starting at most `perSecond` a second. */
export async function paced<T, R>(items: readonly T[], opts: { concurrency: number; perSecond?: number }, fn: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: Math.min(opts.concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        if (opts.perSecond) {
          const due = t0 + (i * 1000) / opts.perSecond;
          if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
        }
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

export async function startFaultTopology(opts: { log?: (line: string) => void } = {}): Promise<FaultTopology> {
  if (faultsSkip) throw new Error(faultsSkip);
  const note = opts.log ?? (() => {});
  const procs: Proc[] = [];
  const tmp = await mkdtemp(join(tmpdir(), 'tamagitto-faults-'));
  const github = await new FakeGithub().start();
  github.addUser({ login: REPO.owner, id: 583231, token: TOKEN, name: 'The Octocat' });
  github.addRepo(REPO.owner, REPO.name, { id: REPO.id, language: 'Go' });
  // Scenario 6: the coach of api-1 fails upstream (Claude overloaded: 529 → the api answers 5xx), api-2's works.
  const claudeDown = await new FakeAnthropic().start();
  const claudeUp = await new FakeAnthropic().start();
  const realFail = claudeDown.reply;
  claudeDown.reply = (r) => {
    claudeDown.failNext = 529;
    return realFail(r);
  };
  claudeDown.failNext = 529;

  const pg = await startPrivatePostgres();
  const redisPort = await freePort();
  let redis = startRedisServer(redisPort);
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  const db = await createDb({ databaseUrl: pg.url, poolSize: 4 });
  await migrateToLatest(db.db);

  // A minimal site for Caddy's file server (the topology test builds the real one; this suite is about /api).
  const siteDir = join(tmp, 'site');
  await mkdir(siteDir, { recursive: true });
  await writeFile(join(siteDir, 'index.html'), '<!doctype html><title>Tamagitto</title>');
  await writeFile(join(siteDir, '404.html'), '<!doctype html><title>Page not found</title>');

  const webhookSecret = randomBytes(20).toString('hex');
  const apiPorts = [await freePort(), await freePort()];
  const workerMetricsPorts = [await freePort(), await freePort()];
  const caddyPort = await freePort();
  const front = `http://127.0.0.1:${caddyPort}`;
  const metricsToken = randomBytes(16).toString('hex');
  const shared = {
    DATABASE_URL: pg.url,
    // /api/metrics answers only with this bearer token (api/src/health/routes.ts).
    METRICS_TOKEN: metricsToken,
    REDIS_URL: redisUrl,
    JWT_SECRET: randomBytes(32).toString('hex'),
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    GITHUB_WEBHOOK_SECRET: webhookSecret,
    GITHUB_API_URL: github.url,
    GITHUB_OAUTH_URL: github.url,
    PUBLIC_URL: front,
    LOG_LEVEL: 'warn',
    DATA_DIR: join(tmp, 'data'),
    // The suite's bursts all come from 127.0.0.1, beyond the webhook's per-address limit
    // (api/src/http/rate-limit.ts); the faults, not the limits, are under test here.
    RATE_LIMITS: 'off',
  };
  const apis: Instance[] = apiPorts.map((port, i) => ({ name: `api-${i + 1}`, proc: undefined as unknown as Proc, port, direct: `http://127.0.0.1:${port}` }));
  const workers: Instance[] = workerMetricsPorts.map((port, i) => ({ name: `worker-${i + 1}`, proc: undefined as unknown as Proc, port, direct: `http://127.0.0.1:${port}` }));

  const startApi = async (i: number) => {
    const a = apis[i]!;
    a.proc = startBin(a.name, 'api/src/bin/start-api.ts', {
      ...shared,
      PORT: String(a.port),
      HOST: '127.0.0.1',
      ANTHROPIC_BASE_URL: i === 0 ? claudeDown.url : claudeUp.url,
    });
    procs.push(a.proc);
    await until(() => fetch(`${a.direct}/api/health/ready`).then((r) => r.ok, () => false), 90_000, `${a.name} ready`);
  };
  const startWorker = async (i: number, env: Record<string, string> = {}) => {
    const w = workers[i]!;
    // A short claim time: a killed worker's unacknowledged jobs move on within a second.
    w.proc = startBin(w.name, 'worker/src/bin/start-worker.ts', {
      ...shared,
      LOG_LEVEL: 'info',
      WORKER_NAME: `faults-w${i + 1}`,
      WORKER_CONCURRENCY: '4',
      JOB_CLAIM_IDLE_MS: '1000',
      WORKER_METRICS_PORT: String(w.port),
      ...env,
    });
    procs.push(w.proc);
    await until(() => w.proc.out.join('').includes('worker started'), 90_000, `${w.name} started`);
  };

  let caddy: Proc | undefined;
  try {
    await Promise.all([startApi(0), startApi(1), startWorker(0), startWorker(1)]);
    caddy = startCaddy(front, siteDir, apiPorts, tmp);
    procs.push(caddy);
    await until(() => fetch(`${front}/api/health/ready`).then((r) => r.ok, () => false), 30_000, 'Caddy proxying to the api');
  } catch (err) {
    const msg = `${(err as Error).message}\n${dumpProcesses(procs)}`;
    await Promise.all(procs.map((p) => stopProcess(p, 'SIGKILL')));
    await Promise.all([redis.stop(), pg.stop(), github.close(), claudeDown.close(), claudeUp.close(), db.close()]);
    await rm(tmp, { recursive: true, force: true });
    throw new Error(msg);
  }
  note(`topology up: Caddy ${front}, 2 api, 2 workers, PostgreSQL :${pg.port}, Redis :${redisPort}`);

  // Sign in and adopt through Caddy.
  const signedIn = await fetch(`${front}/api/auth/pat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: TOKEN }) });
  if (signedIn.status !== 200) throw new Error(`sign-in failed: ${signedIn.status} ${await signedIn.text()}`);
  const session = ((await signedIn.json()) as SessionDto).token;
  const adopted = await fetch(`${front}/api/pets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session}` },
    body: JSON.stringify({ repo: `${REPO.owner}/${REPO.name}` }),
  });
  if (adopted.status !== 201) throw new Error(`adopt failed: ${adopted.status} ${await adopted.text()}`);
  const pet = (await adopted.json()) as PetDto;

  const push = async (commitSha: string, deliveryId: string, base = front): Promise<Answer> => {
    const body = JSON.stringify(pushPayload(REPO, [{ sha: commitSha, message: `commit ${commitSha.slice(0, 7)}` }]));
    const t0 = performance.now();
    try {
      const r = await fetch(`${base}/api/webhook/github`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'push',
          'x-github-delivery': deliveryId,
          'x-hub-signature-256': await sign(webhookSecret, body),
          'user-agent': 'GitHub-Hookshot/faults',
        },
        body,
        signal: AbortSignal.timeout(15_000),
      });
      const text = await r.text();
      let code: string | undefined;
      try {
        code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
      } catch {
        /* not an envelope */
      }
      return { status: r.status, ms: performance.now() - t0, ...(code ? { code } : {}) };
    } catch {
      return { status: 0, ms: performance.now() - t0 };
    }
  };

  return {
    front,
    apis,
    workers,
    github,
    pg,
    redisUrl,
    db,
    pet,
    session,
    async stopRedis() {
      await redis.stop();
    },
    async startRedis() {
      redis = startRedisServer(redisPort);
      await until(async () => {
        const r = await fetch(`${apis[0]!.direct}/api/health/ready`).then((x) => x.json() as Promise<{ status?: string }>, () => ({}) as { status?: string });
        return r.status === 'ok';
      }, 30_000, 'Redis back (readiness ok)');
    },
    startApi,
    startWorker,
    commit(seed) {
      const id = sha(`faults-${seed}`);
      github.addCommit(REPO.owner, REPO.name, {
        sha: id,
        message: `commit ${seed}`,
        files: [{ filename: `src/${seed}.go`, after: `package main\n\n// F returns 42.\nfunc F() int {\n\treturn 42\n}\n` }],
      });
      return id;
    },
    push,
    async appliedCounts(shas) {
      const counts = new Map<string, number>();
      for (let i = 0; i < shas.length; i += 1000) {
        const rows = await db.db
          .selectFrom('health_history')
          .select(['sha', (eb) => eb.fn.countAll<string>().as('n')])
          .where('entity_id', '=', pet.id)
          .where('reason', '=', 'commit')
          .where('sha', 'in', shas.slice(i, i + 1000))
          .groupBy('sha')
          .execute();
        for (const r of rows) counts.set(r.sha!, Number(r.n));
      }
      return counts;
    },
    async metricsOf(inst, path = inst.name.startsWith('api') ? '/api/metrics' : '/metrics') {
      const res = await fetch(`${inst.direct}${path}`, { headers: { authorization: `Bearer ${metricsToken}` } });
      if (!res.ok) throw new Error(`${inst.name}: ${path} answered ${res.status}`);
      return res.text();
    },
    dump: () => dumpProcesses(procs),
    async close() {
      await Promise.all(procs.map((p) => stopProcess(p)));
      await Promise.all([redis.stop(), github.close(), claudeDown.close(), claudeUp.close(), db.close().catch(() => {})]);
      await pg.stop();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}
