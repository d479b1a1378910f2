/**
 * The production topology, natively (issue 6; docker-compose.yml's shape
 * without Docker): two api and two worker processes started exactly as the
 * images start them — the compiled bins, `node --enable-source-maps
 * api/dist/start-api.mjs` and `worker/dist/start-worker.mjs` (built first when
 * missing or stale, scripts/build.mjs) — against the real
 * PostgreSQL (a fresh database) and Redis (an empty logical database), with
 * Caddy in front running the repo's Caddyfile. Every client request goes
 * through Caddy; the instances' own ports are used only to read /api/metrics,
 * to tell which instance served what.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sign } from '@octokit/webhooks-methods';
import { createPostgresTestDb, freePort, testEnv } from '@tamagitto/db/testing';
import type { TestDb } from '@tamagitto/db/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
// The site's own build helper, as the Lighthouse bench uses it.
import type { PetDto, ServerMessage, SessionDto } from '@tamagitto/domain';
import { FakeGithub, pushPayload, sha, socketOf, until } from './support/index.ts';
import { buildDist, emptyRedisDatabase, metricSum, ROOT, startBin, startCaddy, stopProcess, type Proc } from './support/processes.ts';
import type { TestSocket } from './support/index.ts';

const hasCaddy = spawnSync('caddy', ['version']).status === 0;
const skip = !hasCaddy
  ? 'caddy is not installed (apt-get install -y caddy)'
  : !testEnv.databaseUrl || !testEnv.redisUrl
    ? 'TEST_DATABASE_URL and TEST_REDIS_URL must both be set (real PostgreSQL and Redis)'
    : null;
if (skip) console.warn(`[tamagitto tests] skipping the production topology test: ${skip}`);

const TOKEN = 'ghp_topologyToken0000000000000000000001';
const repo = { owner: 'octocat', name: 'scaled-out', id: 6060601 };
const BURST = 200;
/** Metrics are scraped from each instance directly, with this token; Caddy answers 404 for them. */
const METRICS_TOKEN = randomBytes(16).toString('hex');

describe.skipIf(skip)('production topology: Caddy → 2 api, 2 workers, PostgreSQL, Redis', () => {
  const procs: Proc[] = [];
  let apis: { proc: Proc; direct: string }[] = [];
  let workers: Proc[] = [];
  let caddy: Proc;
  let front: string;
  let github: FakeGithub;
  let db: TestDb;
  let redisUrl: string;
  let tmp: string;
  let siteDir: string;
  let webhookSecret: string;
  let session: string;
  let pet: PetDto;

  /** A request through Caddy. */
  const req = (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    if (session) headers.set('authorization', `Bearer ${session}`);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    return fetch(front + path, { ...init, headers, body });
  };

  const deliver = async (payload: unknown, deliveryId: string = randomUUID()) => {
    const body = JSON.stringify(payload);
    return fetch(`${front}/api/webhook/github`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'push',
        'x-github-delivery': deliveryId,
        'x-hub-signature-256': await sign(webhookSecret, body),
        'user-agent': 'GitHub-Hookshot/topology',
      },
      body,
    });
  };

  const commit = (seed: string) => {
    const id = sha(`topology-${seed}`);
    github.addCommit(repo.owner, repo.name, {
      sha: id,
      message: `commit ${seed}`,
      files: [{ filename: `src/${seed}.go`, after: `package main\n\n// F${seed} returns 42.\nfunc F${seed.replace(/\W/g, '')}() int {\n\treturn 42\n}\n` }],
    });
    return id;
  };

  /** Jobs a worker has read from the stream but not yet acknowledged. */
  const pendingOf = async (consumer: string): Promise<number> => {
    const r = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    try {
      const summary = (await r.xpending('tamagitto:jobs', 'workers')) as [number, unknown, unknown, [string, string][] | null];
      return Number(summary[3]?.find(([c]) => c === consumer)?.[1] ?? 0);
    } finally {
      r.disconnect();
    }
  };

  const metricsOf = async (direct: string) => (await fetch(`${direct}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();

  const openSocket = async (): Promise<TestSocket> => {
    const t = await req('/api/ws/ticket', { method: 'POST' });
    expect(t.status).toBe(201);
    const { ticket } = (await t.json()) as { ticket: string };
    return socketOf(new WebSocket(`${front.replace('http', 'ws')}/api/ws?ticket=${encodeURIComponent(ticket)}`));
  };

  const dump = () => procs.map((p) => `--- ${p.name} (exit ${p.child.exitCode ?? p.child.signalCode ?? 'running'})\n${p.out.join('').slice(-3000)}`).join('\n');

  beforeAll(async () => {
    github = await new FakeGithub().start();
    github.addUser({ login: repo.owner, id: 583231, token: TOKEN, name: 'The Octocat' });
    github.addRepo(repo.owner, repo.name, { id: repo.id, language: 'Go' });
    db = await createPostgresTestDb(testEnv.databaseUrl!);

    // The processes use the bus's default key prefix, so give them a logical
    // Redis database nobody else is using, and empty it afterwards.
    redisUrl = await emptyRedisDatabase(testEnv.redisUrl!, [15, 14, 13, 12, 11, 10, 9, 8], 'the topology test');

    // The real landing site, built by its own build command (the site is another workspace: no imports from it).
    tmp = await mkdtemp(join(tmpdir(), 'tamagitto-topology-'));
    siteDir = join(tmp, 'site');
    const built = spawnSync('npm', ['run', 'build', '-w', 'site', '--', '--outDir', siteDir, '--emptyOutDir', '--logLevel', 'error'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`building the site failed: ${built.stderr || built.stdout}`);

    buildDist();
    webhookSecret = randomBytes(20).toString('hex');
    const [p1, p2, pc] = [await freePort(), await freePort(), await freePort()];
    front = `http://127.0.0.1:${pc}`;
    const shared = {
      DATABASE_URL: db.url!,
      REDIS_URL: redisUrl,
      JWT_SECRET: randomBytes(32).toString('hex'),
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      GITHUB_WEBHOOK_SECRET: webhookSecret,
      GITHUB_API_URL: github.url,
      GITHUB_OAUTH_URL: github.url,
      PUBLIC_URL: front,
      LOG_LEVEL: 'info',
      DATA_DIR: join(tmp, 'data'),
      METRICS_TOKEN,
    };
    apis = [p1, p2].map((port, i) => ({
      proc: startBin(`api-${i + 1}`, 'api/dist/start-api.mjs', { ...shared, PORT: String(port), HOST: '127.0.0.1', TRUST_PROXY: '1' }),
      direct: `http://127.0.0.1:${port}`,
    }));
    // Short claim time: the killed worker's unacked jobs move on within a second.
    workers = [1, 2].map((i) =>
      startBin(`worker-${i}`, 'worker/dist/start-worker.mjs', { ...shared, WORKER_NAME: `topology-w${i}`, WORKER_CONCURRENCY: '4', JOB_CLAIM_IDLE_MS: '1000' }),
    );
    caddy = startCaddy(front, siteDir, [p1, p2], tmp);
    procs.push(...apis.map((a) => a.proc), ...workers, caddy);

    try {
      for (const a of apis) {
        await until(() => fetch(`${a.direct}/api/health/ready`).then((r) => r.ok, () => false), 60_000, `${a.proc.name} ready`);
      }
      for (const w of workers) await until(() => w.out.join('').includes('worker started'), 60_000, `${w.name} started`);
      await until(() => fetch(`${front}/api/health/ready`).then((r) => r.ok, () => false), 20_000, 'Caddy proxying to the api');
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${dump()}`);
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all(procs.map((p) => stopProcess(p)));
    if (redisUrl) {
      const r = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
      await r.flushdb();
      await r.quit();
    }
    await db?.close();
    await github?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }, 60_000);

  it('serves the landing site with its security headers', async () => {
    const r = await fetch(`${front}/`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(await r.text()).toContain('A pet for every GitHub repository');
    const miss = await fetch(`${front}/no-such-page`);
    expect(miss.status).toBe(404);
    expect(await miss.text()).toContain('Page not found');
    const apiMiss = await fetch(`${front}/api/no-such-route`);
    expect(apiMiss.status).toBe(404);
    // Metrics are never served through the front door, not even with the token.
    const metrics = await fetch(`${front}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(metrics.status).toBe(404);
    expect(((await metrics.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect(await apiMiss.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('serves the API reference through Caddy with its own CSP, and JSON with a CSP that forbids everything', async () => {
    const docs = await fetch(`${front}/api/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-security-policy')).toContain("script-src 'self'");
    const script = await fetch(`${front}/api/docs/assets/swagger-ui-bundle.js`);
    expect(script.status).toBe(200);
    const json = await fetch(`${front}/api/health/live`);
    expect(json.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('signs in and adopts through Caddy', async () => {
    const r = await req('/api/auth/pat', { method: 'POST', json: { token: TOKEN } });
    expect(r.status, await r.clone().text()).toBe(200);
    session = ((await r.json()) as SessionDto).token;
    const a = await req('/api/pets', { method: 'POST', json: { repo: `${repo.owner}/${repo.name}` } });
    expect(a.status, await a.clone().text()).toBe(201);
    pet = (await a.json()) as PetDto;
    expect(pet).toMatchObject({ family: 'robot', state: 'egg' });
  });

  it('a push that lands on one api instance reaches a WebSocket held by the other', async () => {
    const ws = await openSocket();
    await ws.next((m) => m.type === 'hello');
    const clients = await Promise.all(apis.map(async (a) => metricSum(await metricsOf(a.direct), 'tamagitto_ws_clients')));
    expect([...clients].sort()).toEqual([0, 1]);
    const other = apis[1 - clients.indexOf(1)]!;

    // least_conn sends new requests to the instance without the socket; tries over
    // 20 s make the test independent of that choice all the same, and outlast the
    // 10 s for which Caddy sidelines an instance it failed to reach (fail_duration),
    // which can happen on a loaded CI machine.
    let landed: string | undefined;
    const deadline = Date.now() + 20_000;
    for (let i = 0; !landed && Date.now() < deadline; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 250));
      const before = metricSum(await metricsOf(other.direct), 'tamagitto_webhook_deliveries_total', 'event="push"');
      const c = commit(`cross-${i}`);
      const r = await deliver(pushPayload(repo, [{ sha: c, message: `cross ${i}` }]));
      expect(r.status).toBe(202);
      const after = metricSum(await metricsOf(other.direct), 'tamagitto_webhook_deliveries_total', 'event="push"');
      if (after > before) landed = c;
    }
    expect(landed, 'no delivery reached the instance without the WebSocket').toBeDefined();
    const update = (await ws.next((m) => m.type === 'pet.updated' && m.sha === landed, 30_000)) as Extract<ServerMessage, { type: 'pet.updated' }>;
    expect(update.petId).toBe(pet.id);
    ws.close();
  }, 90_000);

  it(`SIGKILL of a worker mid-burst of ${BURST} pushes: every delivery applied exactly once`, async () => {
    const shas = Array.from({ length: BURST }, (_, i) => commit(`burst-${i}`));
    const ids = shas.map((_, i) => `topology-burst-${i}`);
    const processed = async () =>
      Number(
        (
          await db.db
            .selectFrom('webhook_deliveries')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('delivery_id', 'like', 'topology-burst-%')
            .where('status', '=', 'processed')
            .executeTakeFirstOrThrow()
        ).n,
      );

    let killedAt = -1;
    let heldByKilled = 0;
    for (let i = 0; i < BURST; i += 20) {
      const batch = shas.slice(i, i + 20).map((c, j) => deliver(pushPayload(repo, [{ sha: c, message: `burst ${i + j}` }]), ids[i + j]!));
      for (const r of await Promise.all(batch)) expect(r.status).toBe(202);
      if (i === 100) {
        // Wait for the workers to have finished some (on a loaded CI machine the first
        // hundred may all still be queued), so the kill lands mid-burst.
        await until(async () => (await processed()) > 0, 60_000, 'the first deliveries processed');
        // Mid-burst, while worker 1 holds claimed-but-unacknowledged jobs: freeze
        // it (SIGSTOP, so it can ack nothing more), check it really holds some,
        // then kill it without any chance to clean up.
        await until(async () => {
          workers[0]!.child.kill('SIGSTOP');
          if ((await pendingOf('topology-w1')) > 0) return true;
          workers[0]!.child.kill('SIGCONT');
          await new Promise((r) => setTimeout(r, 20));
          return false;
        }, 30_000, 'worker 1 holding unacknowledged jobs');
        killedAt = await processed();
        heldByKilled = await pendingOf('topology-w1');
        workers[0]!.child.kill('SIGKILL');
        await workers[0]!.exited;
      }
    }
    // Its jobs were in flight when it died: only another worker's claim can finish them.
    expect(heldByKilled).toBeGreaterThan(0);
    expect(killedAt).toBeGreaterThan(0);
    expect(killedAt).toBeLessThan(BURST);

    try {
      await until(async () => (await processed()) === BURST, 120_000, `all ${BURST} deliveries processed`);
    } catch (err) {
      throw new Error(`${(err as Error).message} (${await processed()} processed)\n${dump()}`);
    }
    const history = await db.db.selectFrom('health_history').select(['sha']).where('entity_id', '=', pet.id).where('sha', 'in', shas).execute();
    const analyses = await db.db.selectFrom('commit_analyses').select(['sha']).where('sha', 'in', shas).execute();
    const perSha = (rows: { sha: string | null }[]) => {
      const m = new Map<string, number>();
      for (const r of rows) m.set(r.sha!, (m.get(r.sha!) ?? 0) + 1);
      return m;
    };
    const h = perSha(history);
    const a = perSha(analyses);
    expect(shas.filter((s) => h.get(s) !== 1), 'commits not applied exactly once').toEqual([]);
    expect(shas.filter((s) => a.get(s) !== 1), 'commits not analysed exactly once').toEqual([]);
    const now = (await (await req(`/api/pets/${pet.id}`)).json()) as PetDto;
    const latest = await db.db.selectFrom('health_history').select('health_after').where('entity_id', '=', pet.id).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(now.health).toBe(latest.health_after);
  }, 240_000);

  it("an instance's own 5xx (GitHub failing: 502) does not take it out of rotation", async () => {
    // Adoption asks GitHub for the repository; GitHub answers 502 for this one.
    github.failNext(/^\/repos\/octocat\/upstream-down$/, 502, 10_000);
    const served502 = async () =>
      Promise.all(apis.map(async (a) => metricSum(await metricsOf(a.direct), 'tamagitto_http_request_duration_seconds_count', 'route="/api/pets",status="502"')));
    const initial = await served502();
    // Until each instance has answered a 502 at least once (least_conn breaks ties at random).
    for (let i = 0; i < 40; i++) {
      const r = await req('/api/pets', { method: 'POST', json: { repo: 'octocat/upstream-down' } });
      expect(r.status, await r.clone().text()).toBe(502);
      expect(await r.json()).toMatchObject({ error: { code: 'github_error' } });
      const now = await served502();
      if (now.every((n, k) => n > initial[k]!)) break;
    }
    expect((await served502()).every((n, k) => n > initial[k]!), 'both instances answered a 502').toBe(true);

    // Within the 10 s a passive 5xx check would sideline them: both still serve.
    const served = async () => Promise.all(apis.map(async (a) => metricSum(await metricsOf(a.direct), 'tamagitto_http_request_duration_seconds_count', 'route="/api/health/live"')));
    const before = await served();
    for (let i = 0; i < 20; i++) expect((await req('/api/health/live')).status, `request ${i} after the 502s`).toBe(200);
    const after = await served();
    expect(after.map((n, k) => n - before[k]!).every((d) => d > 0), `requests per instance: ${after.map((n, k) => n - before[k]!).join(', ')}`).toBe(true);
  }, 60_000);

  it('stopping one api instance: Caddy keeps serving, and clients reconnect to the other', async () => {
    await stopProcess(apis[0]!.proc);
    for (let i = 0; i < 20; i++) {
      const r = await req('/api/pets');
      expect(r.status, `request ${i} after api-1 stopped`).toBe(200);
    }
    expect((await fetch(`${front}/api/health/ready`)).status).toBe(200);
    const ws = await openSocket();
    await ws.next((m) => m.type === 'hello');
    const c = commit('after-stop');
    expect((await deliver(pushPayload(repo, [{ sha: c, message: 'after stop' }]))).status).toBe(202);
    await ws.next((m) => m.type === 'pet.updated' && m.sha === c, 30_000);
    ws.close();
  }, 90_000);
});
