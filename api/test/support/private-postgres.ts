/**
 * A PostgreSQL cluster of the test's own (issue 14's fault suite): `initdb`
 * into a temporary folder, started on a free loopback port from Debian's
 * binaries (/usr/lib/postgresql/<major>/bin), so a test may restart or stop it
 * — which it must never do to the shared server. initdb and pg_ctl refuse to
 * run as root: as root they run as the `postgres` user (`runuser -u postgres
 * --`) in a folder that user owns. Everything runs asynchronously: a restart
 * must not freeze the test's own event loop while its requests are in flight.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@tamagitto/db/testing';

function findBinDir(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const majors = readdirSync(base)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of majors) {
    const bin = join(base, v, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

const BIN = findBinDir();
const AS_ROOT = process.getuid?.() === 0;
const pgUser = AS_ROOT ? spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }) : null;
const pgGroup = AS_ROOT ? spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }) : null;

/** Why a private cluster cannot be started here, or null. */
export const privatePostgresSkip: string | null = !BIN
  ? 'PostgreSQL server binaries are not installed (/usr/lib/postgresql/*/bin; apt-get install -y postgresql)'
  : AS_ROOT && (pgUser?.status !== 0 || spawnSync('runuser', ['--help']).status !== 0)
    ? 'running as root, and there is no `postgres` user or no runuser to run initdb/pg_ctl as'
    : null;

export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust authentication, loopback only). */
  url: string;
  port: number;
  /** `pg_ctl restart -m fast`: every connection is terminated, the server is back when it resolves. */
  restart(): Promise<void>;
  /** Stops the server and deletes its folder. */
  stop(): Promise<void>;
}

function run(cmd: string, args: string[]): Promise<void> {
  const [file, argv] = AS_ROOT ? ['runuser', ['-u', 'postgres', '--', join(BIN!, cmd), ...args]] : [join(BIN!, cmd), args];
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += String(b)));
    child.stderr.on('data', (b: Buffer) => (out += String(b)));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${out.slice(-2000)}`))));
  });
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  if (privatePostgresSkip) throw new Error(privatePostgresSkip);
  const dir = await mkdtemp(join(tmpdir(), 'tamagitto-pg-'));
  if (AS_ROOT) await chown(dir, Number(pgUser!.stdout.trim()), Number(pgGroup!.stdout.trim()));
  const data = join(dir, 'data');
  const port = await freePort();
  await run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  // fsync off: a throwaway cluster on a loaded machine; a fast restart still checkpoints, so nothing committed is lost.
  const opts = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c full_page_writes=off -c max_connections=200`;
  await run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', opts, 'start']);
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    restart: () => run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-m', 'fast', 'restart']),
    async stop() {
      if (stopped) return;
      stopped = true;
      await run('pg_ctl', ['-D', data, '-w', '-t', '30', '-m', 'immediate', 'stop']).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
