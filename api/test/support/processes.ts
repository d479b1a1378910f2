/**
 * Child processes for tests that run the services as the images run them
 * (`node --enable-source-maps <workspace>/dist/start-*.mjs`, caddy, redis-server),
 * or from source (`node --import tsx …/bin/start-*.ts`): started with a
 * clean environment, their output kept (the last 400 chunks) for a failure
 * message, stopped politely and then killed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';

/** The repository's root: where the bins are started from. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface Proc {
  name: string;
  child: ChildProcess;
  out: string[];
  exited: Promise<number | null>;
  /** True until the process exits (or is killed). */
  readonly running: boolean;
}

export function startProcess(name: string, cmd: string, args: string[], env: Record<string, string>, cwd: string = ROOT): Proc {
  const child = spawn(cmd, args, { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: string[] = [];
  const keep = (b: Buffer) => {
    out.push(String(b));
    if (out.length > 400) out.splice(0, out.length - 400);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  return {
    name,
    child,
    out,
    exited,
    get running() {
      return child.exitCode === null && child.signalCode === null;
    },
  };
}

/**
 * A bin of this repository: a compiled one (`.mjs` under dist/, built by scripts/build.mjs) as its
 * image starts it, a `.ts` one from source through tsx.
 */
export function startBin(name: string, bin: string, env: Record<string, string>): Proc {
  return startProcess(name, process.execPath, bin.endsWith('.mjs') ? ['--enable-source-maps', bin] : ['--import', 'tsx', bin], env);
}

/** Builds api/dist and worker/dist when missing or older than their sources (scripts/build.mjs --if-stale). */
export function buildDist(): void {
  const r = spawnSync(process.execPath, ['scripts/build.mjs', 'api', 'worker', '--if-stale'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`scripts/build.mjs failed (${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
}

/**
 * Caddy with the repository's Caddyfile, as production runs it: on `front`
 * (http://127.0.0.1:port), serving `siteDir`, /api balanced over the api
 * instances on `apiPorts`; its storage and autosaved config inside `tmp`.
 */
export function startCaddy(front: string, siteDir: string, apiPorts: number[], tmp: string): Proc {
  return startProcess('caddy', 'caddy', ['run', '--config', join(ROOT, 'Caddyfile'), '--adapter', 'caddyfile'], {
    SITE_ADDRESS: front,
    SITE_ROOT: siteDir,
    API_UPSTREAMS: apiPorts.map((p) => `127.0.0.1:${p}`).join(' '),
    CADDY_ADMIN: 'off',
    CADDY_BIND: '127.0.0.1',
    HEALTH_INTERVAL: '1s',
    XDG_DATA_HOME: join(tmp, 'caddy-data'),
    XDG_CONFIG_HOME: join(tmp, 'caddy-config'),
  });
}

/** `signal`, then SIGKILL if it has not exited within `graceMs`. */
export async function stopProcess(p: Proc, signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
  if (!p.running) return;
  p.child.kill(signal);
  const timer = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
  await p.exited;
  clearTimeout(timer);
}

/** The tail of each process's output, for a failure message. */
export function dumpProcesses(procs: Proc[], chars = 3000): string {
  return procs.map((p) => `--- ${p.name} (exit ${p.child.exitCode ?? p.child.signalCode ?? 'running'})\n${p.out.join('').slice(-chars)}`).join('\n');
}

/** Sum of a Prometheus counter/gauge's samples whose labels include `match`. */
export function metricSum(text: string, name: string, match = ''): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name) || !line.includes(match)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== '{' && rest[0] !== ' ') continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

/**
 * The URL of a logical Redis database among `candidates` that holds no key: processes started
 * with the bus's default key prefix get one nobody else is using (empty it afterwards).
 */
export async function emptyRedisDatabase(redisUrl: string, candidates: number[], what: string): Promise<string> {
  const probe = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await probe.connect();
  let index = -1;
  for (const i of candidates) {
    await probe.select(i);
    if ((await probe.dbsize()) === 0) {
      index = i;
      break;
    }
  }
  await probe.quit();
  if (index < 0) throw new Error(`no empty Redis logical database among ${candidates.join(', ')} for ${what}`);
  const u = new URL(redisUrl);
  u.pathname = `/${index}`;
  return u.toString();
}
