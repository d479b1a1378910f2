/**
 * The real server for tests: http + ws on a random port, the worker in the same
 * process, on a fresh database and bus — PGlite + in-process, or real
 * Postgres + Redis when TEST_DATABASE_URL / TEST_REDIS_URL are set — talking to
 * the fake GitHub. Logs are captured so tests can assert what was (not) logged.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { sign } from '@octokit/webhooks-methods';
import { createLogger, TokenCipher, type Bus } from '@tamagitto/db';
import { busTargets, dbTargets, type BusTarget, type DbTarget, type TestDb } from '@tamagitto/db/testing';
import { startWorker, type RunningWorker } from '@tamagitto/worker';
import WebSocket from 'ws';
import type { PetDto, ServerMessage, SessionDto } from '@tamagitto/domain';
import { readEnv, type Secrets } from '../../src/env.ts';
import { buildDeps, startApiServer, type ApiServer } from '../../src/server.ts';
import { FakeGithub } from './fake-github.ts';

const require = createRequire(import.meta.url);

export interface StackTarget {
  name: string;
  skip: string | null;
  db: DbTarget;
  bus: BusTarget;
}

/** Embedded (PGlite + in-process bus) always; Postgres + Redis when both are configured. */
export function stackTargets(): StackTarget[] {
  const [pglite, postgres] = dbTargets() as [DbTarget, DbTarget];
  const [memory, redis] = busTargets() as [BusTarget, BusTarget];
  return [
    { name: 'embedded (PGlite + in-process bus)', skip: null, db: pglite, bus: memory },
    { name: 'PostgreSQL + Redis', skip: postgres.skip ?? redis.skip, db: postgres, bus: redis },
  ];
}

export interface Stack {
  api: ApiServer;
  url: string;
  github: FakeGithub;
  db: TestDb;
  bus: Bus;
  secrets: Secrets;
  logs: string[];
  worker: RunningWorker | null;
  /** Stops everything and drops the database / bus keys. */
  close(): Promise<void>;
  req(path: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<Response>;
  signIn(githubToken: string): Promise<SessionDto>;
  adopt(session: string, repo: string): Promise<PetDto>;
  deliver(event: string, payload: unknown, opts?: { deliveryId?: string; secret?: string }): Promise<Response>;
  openSocket(session: string): Promise<TestSocket>;
}

export interface TestSocket {
  ws: WebSocket;
  messages: ServerMessage[];
  next(pred: (m: ServerMessage) => boolean, ms?: number): Promise<ServerMessage>;
  close(): void;
}

export async function startStack(
  target: StackTarget,
  opts: {
    worker?: boolean;
    env?: Record<string, string>;
    claimIdleMs?: number;
    /** A controllable clock for the api and the worker (lifecycle tests); real time by default. */
    now?: () => Date;
    /** Passed to startWorker; 0 turns the lifecycle scheduler off so a test drives it with runLifecycleOnce. */
    schedulerIntervalMs?: number;
    /** Wraps the target's bus before the api and the worker get it (fault injection: a bus that fails or hangs). */
    wrapBus?: (bus: Bus) => Bus;
  } = {},
): Promise<Stack> {
  const github = await new FakeGithub().start();
  const db = await target.db.create();
  const busHandle = await target.bus.create();
  const bus = opts.wrapBus ? opts.wrapBus(busHandle.bus) : busHandle.bus;
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const log = createLogger({ level: 'debug', name: 'test', destination: sink });
  const secrets: Secrets = {
    jwtSecret: randomBytes(32).toString('hex'),
    tokenEncryptionKey: randomBytes(32).toString('hex'),
    webhookSecret: randomBytes(20).toString('hex'),
  };
  const env = readEnv({ GITHUB_API_URL: github.url, GITHUB_OAUTH_URL: github.url, LOG_LEVEL: 'debug', ...opts.env });
  const api = await startApiServer(buildDeps({ env, secrets, db, bus, log, now: opts.now }), { port: 0, host: '127.0.0.1' }, { checkResponses: true });
  const worker =
    opts.worker === false
      ? null
      : await startWorker(
          { db: db.db, bus, log, cipher: new TokenCipher(secrets.tokenEncryptionKey), githubApiUrl: github.url, now: opts.now ?? (() => new Date()) },
          { name: `test-${randomUUID().slice(0, 8)}`, concurrency: 2, claimIdleMs: opts.claimIdleMs ?? 1_000, schedulerIntervalMs: opts.schedulerIntervalMs },
        );
  const sockets: WebSocket[] = [];

  const stack: Stack = {
    api,
    url: api.url,
    github,
    db,
    bus,
    secrets,
    logs,
    worker,
    async close() {
      for (const s of sockets) s.terminate();
      await api.close();
      await worker?.stop();
      await busHandle.close();
      await db.close();
      await github.close();
    },
    req(path, init = {}) {
      const headers = new Headers(init.headers);
      if (init.token) headers.set('authorization', `Bearer ${init.token}`);
      let body = init.body;
      if (init.json !== undefined) {
        headers.set('content-type', 'application/json');
        body = JSON.stringify(init.json);
      }
      return fetch(`${api.url}${path}`, { ...init, headers, body });
    },
    async signIn(githubToken) {
      const r = await stack.req('/api/auth/pat', { method: 'POST', json: { token: githubToken } });
      if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${await r.text()}`);
      return (await r.json()) as SessionDto;
    },
    async adopt(session, repo) {
      const r = await stack.req('/api/pets', { method: 'POST', token: session, json: { repo } });
      if (r.status !== 201) throw new Error(`adopt failed: ${r.status} ${await r.text()}`);
      return (await r.json()) as PetDto;
    },
    async deliver(event, payload, o = {}) {
      const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
      return fetch(`${api.url}/api/webhook/github`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': event,
          'x-github-delivery': o.deliveryId ?? randomUUID(),
          'x-hub-signature-256': await sign(o.secret ?? secrets.webhookSecret, body),
          'user-agent': 'GitHub-Hookshot/test',
        },
        body,
      });
    },
    async openSocket(session) {
      const t = await stack.req('/api/ws/ticket', { method: 'POST', token: session });
      const { ticket } = (await t.json()) as { ticket: string };
      const ws = new WebSocket(`${api.url.replace('http', 'ws')}/api/ws?ticket=${encodeURIComponent(ticket)}`);
      sockets.push(ws);
      return socketOf(ws);
    },
  };
  return stack;
}

export function socketOf(ws: WebSocket): Promise<TestSocket> {
  const messages: ServerMessage[] = [];
  const waiters: { pred: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as ServerMessage;
    messages.push(m);
    for (const w of [...waiters]) {
      if (w.pred(m)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once('open', () =>
      resolve({
        ws,
        messages,
        next(pred, ms = 15_000) {
          const seen = messages.find(pred);
          if (seen) return Promise.resolve(seen);
          return new Promise((res, rej) => {
            const timer = setTimeout(() => rej(new Error(`no matching WebSocket message within ${ms} ms; got ${JSON.stringify(messages)}`)), ms);
            waiters.push({
              pred,
              resolve: (m) => {
                clearTimeout(timer);
                res(m);
              },
            });
          });
        },
        close: () => ws.close(),
      }),
    );
  });
}

interface PushExample {
  ref: string;
  before: string;
  after: string;
  commits: { id: string; message: string; [k: string]: unknown }[];
  head_commit: Record<string, unknown> | null;
  repository: Record<string, unknown> & { owner: Record<string, unknown> };
  [k: string]: unknown;
}

/**
 * A real `push` delivery from @octokit/webhooks-examples, rewritten to the
 * given repository and commits.
 */
export function pushPayload(repo: { owner: string; name: string; id: number }, commits: { sha: string; message: string }[]): PushExample {
  const examples = require('@octokit/webhooks-examples') as { name: string; examples: PushExample[] }[];
  const base = examples.find((e) => e.name === 'push')!.examples.find((x) => x.commits.length > 0)!;
  const p = structuredClone(base);
  const template = p.commits[0]!;
  p.commits = commits.map((c) => ({ ...structuredClone(template), id: c.sha, tree_id: c.sha, message: c.message, url: `https://github.com/${repo.owner}/${repo.name}/commit/${c.sha}`, distinct: true }));
  p.head_commit = p.commits.at(-1) ?? null;
  p.before = '0'.repeat(40);
  p.after = commits.at(-1)?.sha ?? '0'.repeat(40);
  p.ref = 'refs/heads/main';
  p.repository = {
    ...p.repository,
    id: repo.id,
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    owner: { ...p.repository.owner, login: repo.owner, name: repo.owner },
    html_url: `https://github.com/${repo.owner}/${repo.name}`,
  };
  return p;
}

/** The `error` of an API error answer (`{"error": {code, message}}`). */
export async function errorOf(r: Response): Promise<{ code: string; message: string }> {
  return ((await r.json()) as { error: { code: string; message: string } }).error;
}

export function sha(seed: string): string {
  let out = '';
  let h = 2166136261;
  while (out.length < 40) {
    for (const ch of seed + out.length) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 40);
}

export async function until<T>(fn: () => Promise<T | undefined | false> | T | undefined | false, ms = 15_000, what = 'condition'): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
