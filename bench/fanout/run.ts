/**
 * bench/fanout (issue 18): live fan-out on one api process (PostgreSQL + Redis, as in production).
 *
 * - 20,000 authenticated WebSocket clients (each with its own ticket from POST /api/ws/ticket):
 *   BENCH_BROADCAST (10,000) of one user, the rest over 2,000 other users (5 sockets each). The api's
 *   RSS is printed before and after (goal < 1 GB).
 * - Rounds (BENCH_ROUNDS, default 5), alternating who goes first: one `pet.updated` published on
 *   Redis for the 10,000-socket user, timed from the publish to the first and the last delivery;
 *   and the same payload published to a raw `ws` server (serve.ts raw) that broadcasts it to its
 *   10,000 clients. Goal: the api's last delivery within 1.5× the raw server's (median of rounds).
 * - The SSE stream next to it: BENCH_SSE_CLIENTS (10,000) `GET /api/events` streams of another
 *   user, one `pet.updated` per round, first/last delivery; the api stores each event in
 *   live_events before it goes to SSE streams (it carries the row's id), so the store is in it.
 *
 * The clients live in BENCH_CLIENT_PROCS (3) child processes (clients.ts), each on its own
 * loopback source address; the servers are processes of their own. Every process gets
 * RLIMIT_NOFILE raised with prlimit(1) (root can raise the hard limit; otherwise the current
 * limit stays and the bench says so). Clients and servers share this machine's cores.
 *
 * Env: BENCH_WS_CLIENTS (20000), BENCH_BROADCAST (10000), BENCH_SSE_CLIENTS (10000),
 * BENCH_ROUNDS (5), BENCH_CLIENT_PROCS (3), BENCH_DATABASE_URL / BENCH_REDIS_URL (the local services),
 * BENCH_PROFILE=DIR (the api's V8 CPU profile, written there when it exits).
 */
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createBus } from '@tamagitto/db';
import { median } from '../support/measure.ts';

const WS_CLIENTS = Number(process.env.BENCH_WS_CLIENTS ?? 20_000);
const BROADCAST = Number(process.env.BENCH_BROADCAST ?? 10_000);
const SSE_CLIENTS = Number(process.env.BENCH_SSE_CLIENTS ?? 10_000);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
const PROCS = Math.max(1, Number(process.env.BENCH_CLIENT_PROCS ?? 3));
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const IDLE_USERS = 2_000;
const NOFILE = 200_000;
/** File descriptors an api process needs besides client sockets: stdio, the database pool, Redis, epoll, the listener, the ticket requests' connections… */
const RESERVE = 250;
const RAW_CHANNEL = 'bench.raw';

/** Raises a process's open-files limit (soft and hard); false when not allowed. */
function raiseNofile(pid: number): boolean {
  return spawnSync('prlimit', ['--pid', String(pid), `--nofile=${NOFILE}:${NOFILE}`]).status === 0;
}

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return kb / 1024;
}

async function startServer(mode: 'api' | 'raw', env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  // BENCH_PROFILE=DIR: the api writes a V8 CPU profile there when it exits (open it in Chrome DevTools).
  const profile = mode === 'api' && process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'bench/fanout/serve.ts', mode], {
    env: { ...process.env, ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  raiseNofile(child.pid!);
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${mode} server exited early (${code})`)));
    createInterface({ input: child.stdout! }).on('line', (l) => l.startsWith('READY ') && resolve(l.slice(6).trim()));
  });
  return { url, child };
}

interface ClientProc {
  child: ChildProcess;
  next(type: 'ok' | 'round'): Promise<{ type: string; message?: string; got?: number; first?: number; last?: number }>;
}

function startClients(index: number): ClientProc {
  const child = fork('bench/fanout/clients.ts', [], { execArgv: ['--import', 'tsx'], env: { ...process.env, BENCH_LOCAL_ADDRESS: `127.0.0.${10 + index}` } });
  raiseNofile(child.pid!);
  const inbox: { type: string }[] = [];
  const waiting: { type: string; resolve: (m: never) => void; reject: (e: Error) => void }[] = [];
  child.on('message', (m: { type: string; message?: string }) => {
    const w = waiting.findIndex((x) => x.type === m.type || (x.type === 'ok' && m.type === 'error'));
    if (w < 0) return void inbox.push(m);
    const [x] = waiting.splice(w, 1);
    if (m.type === 'error') x!.reject(new Error(m.message));
    else x!.resolve(m as never);
  });
  return {
    child,
    next(type) {
      const i = inbox.findIndex((m) => m.type === type);
      if (i >= 0) return Promise.resolve(inbox.splice(i, 1)[0] as never);
      return new Promise((resolve, reject) => waiting.push({ type, resolve, reject }));
    },
  };
}

/** Splits `n` into `parts` near-equal counts. */
const split = (n: number, parts: number) => Array.from({ length: parts }, (_, i) => Math.floor(n / parts) + (i < n % parts ? 1 : 0));

async function command(procs: ClientProc[], build: (i: number) => object): Promise<void> {
  await Promise.all(
    procs.map((p, i) => {
      p.child.send(build(i));
      return p.next('ok');
    }),
  );
}

const seedFile = join(tmpdir(), `fanout-seed-${randomBytes(4).toString('hex')}.json`);
const apiPrefix = `tamagitto-bench-${randomBytes(4).toString('hex')}:`;
const rawPrefix = `tamagitto-bench-raw-${randomBytes(4).toString('hex')}:`;
const cleanup: (() => void)[] = [];
try {
  const api = await startServer('api', { BENCH_DATABASE_URL: DATABASE_URL, BENCH_REDIS_URL: REDIS_URL, BENCH_PREFIX: apiPrefix, BENCH_SEED_FILE: seedFile, BENCH_USERS: String(IDLE_USERS + 2) });
  cleanup.push(() => api.child.kill('SIGTERM'));
  const raw = await startServer('raw', { BENCH_REDIS_URL: REDIS_URL, BENCH_PREFIX: rawPrefix });
  cleanup.push(() => raw.child.kill('SIGTERM'));
  const seed = JSON.parse(readFileSync(seedFile, 'utf8')) as { url: string; users: { id: string; token: string }[] };
  const [target, sseUser, ...idle] = seed.users as [{ id: string; token: string }, { id: string; token: string }, ...{ id: string; token: string }[]];
  const procs = Array.from({ length: PROCS }, (_, i) => startClients(i));
  cleanup.push(() => procs.forEach((p) => p.child.kill('SIGKILL')));
  const pid = api.child.pid!;
  const nofile = Number(/Max open files\s+(\d+)/.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'))?.[1] ?? 0);
  const raised = nofile >= NOFILE;
  // One socket is one file descriptor: past its RLIMIT_NOFILE the api cannot accept more.
  const wsCount = Math.min(WS_CLIENTS, nofile - RESERVE);
  const sseCount = Math.min(SSE_CLIENTS, nofile - RESERVE - BROADCAST);
  console.log(
    `open-files limit of each process: ${nofile}${raised ? ` (raised with prlimit --nofile=${NOFILE})` : ` (prlimit --nofile=${NOFILE} was refused: the hard limit is ${nofile} and this container has no CAP_SYS_RESOURCE)`}` +
      (wsCount < WS_CLIENTS ? `; so ${wsCount} WebSockets (not ${WS_CLIENTS}) fit in the api, and the SSE streams are measured after the idle sockets close, ${sseCount} of them` : ''),
  );

  const rssIdle = rssMb(pid);
  let t = performance.now();
  const idleSplit = split(wsCount - BROADCAST, PROCS);
  const idleTokens = idle.map((u) => u.token);
  const per = Math.ceil(idleTokens.length / PROCS);
  await command(procs, (i) => ({ cmd: 'ws', group: 'idle', url: seed.url, tokens: idleTokens.slice(i * per, (i + 1) * per), count: idleSplit[i] }));
  const bSplit = split(BROADCAST, PROCS);
  await command(procs, (i) => ({ cmd: 'ws', group: 'api', url: seed.url, tokens: [target.token], count: bSplit[i] }));
  const connectS = (performance.now() - t) / 1000;
  await new Promise((r) => setTimeout(r, 2_000));
  const rssWs = rssMb(pid);
  const perSocketKb = ((rssWs - rssIdle) * 1024) / wsCount;
  console.log(
    `${wsCount} WebSocket clients connected (a ticket each) in ${connectS.toFixed(1)} s; api RSS ${rssIdle.toFixed(0)} MB before, ${rssWs.toFixed(0)} MB after (${perSocketKb.toFixed(1)} KB per socket` +
      (wsCount < WS_CLIENTS ? `; ${WS_CLIENTS} at that rate: ${(rssIdle + (perSocketKb * WS_CLIENTS) / 1024).toFixed(0)} MB)` : ')'),
  );

  t = performance.now();
  await command(procs, (i) => ({ cmd: 'raw', group: 'raw', url: raw.url, count: bSplit[i] }));
  console.log(`${BROADCAST} raw ws clients connected in ${((performance.now() - t) / 1000).toFixed(1)} s; raw server RSS ${rssMb(raw.child.pid!).toFixed(0)} MB`);

  const apiBus = createBus({ redisUrl: REDIS_URL, prefix: apiPrefix });
  const rawBus = createBus({ redisUrl: REDIS_URL, prefix: rawPrefix });
  cleanup.push(() => void apiBus.close());
  cleanup.push(() => void rawBus.close());
  const event = (userId: string, marker: string) => ({ type: 'pet.updated', userId, petId: '7b4c6a52-6c3e-4d0b-9d53-0e5f4a3c2b1a', health: 72, state: 'happy', stage: 'baby', delta: 2, reason: 'commit', sha: marker, at: new Date().toISOString() });

  /** One broadcast: arm the group in every client process, publish, and collect first/last delivery (ms after the publish). */
  async function broadcast(group: string, expect: number[], publish: (marker: string) => Promise<void>) {
    const marker = randomBytes(20).toString('hex');
    await command(procs, (i) => ({ cmd: 'arm', group, marker, expect: expect[i], timeoutMs: 60_000 }));
    const reports = procs.map((p) => p.next('round'));
    const t0 = performance.timeOrigin + performance.now();
    await publish(marker);
    const r = (await Promise.all(reports)) as { got: number; first: number; last: number }[];
    const got = r.reduce((n, x) => n + x.got, 0);
    const seen = r.filter((x) => x.got > 0);
    return { got, first: Math.min(...seen.map((x) => x.first)) - t0, last: Math.max(...seen.map((x) => x.last)) - t0 };
  }
  const ws = () => broadcast('api', bSplit, (m) => apiBus.publish('pet.updated', event(target.id, m)));
  const rawRound = () => broadcast('raw', bSplit, (m) => rawBus.publish(RAW_CHANNEL, event(target.id, m)));
  const sSplit = split(sseCount, PROCS);
  const sse = () => broadcast('sse', sSplit, (m) => apiBus.publish('pet.updated', event(sseUser.id, m)));
  // Warm-up: JIT, the relay's first store.
  await ws();
  await rawRound();
  const rounds: { api: Awaited<ReturnType<typeof ws>>; raw: Awaited<ReturnType<typeof ws>>; sse: Awaited<ReturnType<typeof ws>> | null }[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    if (i % 2 === 0) {
      const a = await ws();
      rounds.push({ api: a, raw: await rawRound(), sse: null });
    } else {
      const r = await rawRound();
      rounds.push({ api: await ws(), raw: r, sse: null });
    }
  }
  const rssAfterWs = rssMb(pid);

  // The SSE streams, next to the 10,000 sockets of the broadcast (the idle ones make room for them when the limit is short).
  if (wsCount + sseCount + RESERVE > nofile) {
    await command(procs, () => ({ cmd: 'close', group: 'idle' }));
    await new Promise((r) => setTimeout(r, 3_000));
  }
  t = performance.now();
  await command(procs, (i) => ({ cmd: 'sse', group: 'sse', url: seed.url, token: sseUser.token, count: sSplit[i] }));
  await new Promise((r) => setTimeout(r, 2_000));
  const rssSse = rssMb(pid);
  console.log(`${sseCount} SSE streams open in ${((performance.now() - t) / 1000).toFixed(1)} s; api RSS ${rssSse.toFixed(0)} MB with them and the ${BROADCAST} broadcast sockets`);
  await sse();
  for (const r of rounds) r.sse = await sse();
  const rssEnd = rssMb(pid);

  console.log(`\nfan-out: one pet.updated to ${BROADCAST} WebSockets of one user (of ${wsCount} connected) vs a raw ws broadcast to ${BROADCAST}, and to ${sseCount} SSE streams; ms from the Redis publish, ${ROUNDS} round(s)\n`);
  console.log('| round | api WS first | api WS last | raw ws first | raw ws last | ratio (last) | SSE first | SSE last | delivered api / raw / SSE |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  rounds.forEach(({ api: a, raw: r, sse: s0 }, i) => {
    const s = s0!;
    console.log(
      `| ${i + 1} | ${a.first.toFixed(1)} | ${a.last.toFixed(1)} | ${r.first.toFixed(1)} | ${r.last.toFixed(1)} | ${(a.last / r.last).toFixed(2)} | ${s.first.toFixed(1)} | ${s.last.toFixed(1)} | ${a.got} / ${r.got} / ${s.got} |`,
    );
  });
  const ratios = rounds.map((x) => x.api.last / x.raw.last);
  const med = (f: (x: (typeof rounds)[number]) => number) => median(rounds.map(f)).toFixed(1);
  console.log(
    `\nmedians: api WS first ${med((x) => x.api.first)} / last ${med((x) => x.api.last)} ms; raw ws first ${med((x) => x.raw.first)} / last ${med((x) => x.raw.last)} ms; SSE first ${med((x) => x.sse!.first)} / last ${med((x) => x.sse!.last)} ms`,
  );
  console.log(`api RSS after the WebSocket rounds ${rssAfterWs.toFixed(0)} MB, at the end ${rssEnd.toFixed(0)} MB; machine load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} on ${availableParallelism()} cores (clients and servers share them)`);
  const missing = rounds.some((x) => x.api.got !== BROADCAST || x.raw.got !== BROADCAST || x.sse!.got !== sseCount);
  const ratio = median(ratios);
  const rss20k = wsCount < WS_CLIENTS ? rssIdle + (perSocketKb * WS_CLIENTS) / 1024 : rssWs;
  console.log(`\ngoal: api RSS < 1024 MB with ${WS_CLIENTS} WebSockets → ${rssWs.toFixed(0)} MB with ${wsCount}${wsCount < WS_CLIENTS ? ` (${rss20k.toFixed(0)} MB at ${WS_CLIENTS} by the per-socket rate)` : ''}: ${rss20k < 1024 ? 'MET' : 'NOT MET'}`);
  console.log(
    `goal: api broadcast's last delivery within 1.5× the raw ws server's (median of rounds) → ${ratio.toFixed(2)} (rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')})${missing ? ', some deliveries missing' : ''}: ${ratio <= 1.5 && !missing ? 'MET' : 'NOT MET'}`,
  );
} catch (err) {
  console.error('fanout failed:', err);
  process.exitCode = 1;
} finally {
  for (const c of cleanup.reverse()) c();
  rmSync(seedFile, { force: true });
  // Let the api drop its database.
  await new Promise((r) => setTimeout(r, 3_000));
  process.exit(process.exitCode ?? 0);
}
