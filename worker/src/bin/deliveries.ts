/**
 * `npm run deliveries -- …`: the operator's view of webhook deliveries that failed for good
 * (the dead letter, `failed`), and the way to try them again.
 *
 *   list --failed [--repo owner/name] [--limit N]   the dead letter, newest first
 *   show <id> [--payload]                           one delivery (the payload only with --payload)
 *   replay <id>…                                    try these again (failed, or scheduled for later)
 *   replay --failed [--repo owner/name]             try every failed one again
 *
 * Against DATABASE_URL, or the embedded PGlite under DATA_DIR when it is unset (as `npm run
 * migrate`). A replay resets the delivery (attempts 0, no error) and hands it to the workers:
 * with REDIS_URL it is enqueued on the Redis stream at once; without it there is no queue this
 * process can reach, so the delivery is left `retrying`, due now, and a running worker's
 * due-retry loop (worker/src/due-retries.ts) takes it within seconds — or the next worker to
 * start. PGlite's files belong to one process at a time: stop `npm start` before using this on
 * the embedded database (it refuses while the database looks open, unless --force).
 *
 * Exit codes: 0 done, 1 failed (nothing found, nothing replayed, database error), 2 usage.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs as parseNodeArgs } from 'node:util';
import {
  createBus,
  createDb,
  findRepositoryByFullName,
  getDelivery,
  listFailedDeliveries,
  releaseDueRetries,
  replayDeliveries,
  toDeliverySummary,
  type Bus,
  type Database,
} from '@tamagitto/db';
import type { Kysely } from 'kysely';

export const USAGE = `usage: npm run deliveries -- <command>
  list --failed [--repo owner/name] [--limit N]   dead-lettered deliveries, newest first (default limit 50)
  show <delivery-id> [--payload]                  one delivery; the payload itself only with --payload
  replay <delivery-id>…                           try these deliveries again (failed or scheduled ones)
  replay --failed [--repo owner/name]             try every failed delivery again
environment: DATABASE_URL (unset: the embedded database under DATA_DIR, default .data), REDIS_URL (set: enqueue at once)`;

export interface CliIo {
  db: Kysely<Database>;
  /** The workers' queue, when this process can reach it (REDIS_URL); null leaves replays due for the due-retry loop. */
  bus: Bus | null;
  now(): Date;
  out(line: string): void;
  err(line: string): void;
}

class UsageError extends Error {}

interface Parsed {
  command: string;
  positional: string[];
  flags: Map<string, string | true>;
}

const OPTIONS = {
  repo: { type: 'string' },
  limit: { type: 'string' },
  failed: { type: 'boolean' },
  payload: { type: 'boolean' },
  force: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

/** The command, its arguments and its flags (keyed `--name`), by node:util's parseArgs; a malformed line is a UsageError. */
function parseArgs(argv: readonly string[]): Parsed {
  let parsed;
  try {
    parsed = parseNodeArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const [command, ...positional] = parsed.positionals;
  const flags = new Map(Object.entries(parsed.values).map(([k, v]) => [`--${k}`, v as string | true]));
  return { command: command ?? '', positional, flags };
}

/** Runs one command; resolves to the exit code. Never throws. */
export async function runDeliveriesCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args: Parsed;
  try {
    if (argv.includes('--help')) {
      io.out(USAGE);
      return 0;
    }
    args = parseArgs(argv);
    if (args.command === '') {
      io.err(USAGE);
      return 2;
    }
    if (args.command === 'help' || args.flags.has('--help')) {
      io.out(USAGE);
      return 0;
    }
    switch (args.command) {
      case 'list':
        return await list(io, args);
      case 'show':
        return await show(io, args);
      case 'replay':
        return await replay(io, args);
      default:
        throw new UsageError(`unknown command "${args.command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`error: ${err.message}`);
      io.err(USAGE);
      return 2;
    }
    io.err(`error: ${(err as Error).message ?? String(err)}`);
    return 1;
  }
}

async function repoFilter(io: CliIo, args: Parsed): Promise<number | undefined | null> {
  const repo = args.flags.get('--repo');
  if (repo === undefined || repo === true) return undefined;
  const m = /^([^/\s]+)\/([^/\s]+)$/.exec(repo);
  if (!m) throw new UsageError('--repo expects owner/name');
  const found = await findRepositoryByFullName(io.db, m[1]!, m[2]!);
  if (!found) {
    io.err(`no adopted repository ${repo}`);
    return null;
  }
  return found.github_id;
}

async function list(io: CliIo, args: Parsed): Promise<number> {
  if (!args.flags.has('--failed')) throw new UsageError('list needs --failed (the dead letter is what it lists)');
  if (args.positional.length) throw new UsageError(`unexpected argument ${args.positional[0]}`);
  const limitText = args.flags.get('--limit');
  const limit = limitText === undefined ? 50 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new UsageError('--limit expects an integer 1–10000');
  const repositoryGithubId = await repoFilter(io, args);
  if (repositoryGithubId === null) return 1;
  const rows = await listFailedDeliveries(io.db, { limit, ...(repositoryGithubId !== undefined ? { repositoryGithubId } : {}) });
  if (rows.length === 0) {
    io.out('no failed deliveries');
    return 0;
  }
  io.out(
    table(
      ['DELIVERY', 'EVENT', 'REPOSITORY', 'RECEIVED', 'ATTEMPTS', 'KIND', 'COMMITS', 'ERROR'],
      rows.map((r) => [r.deliveryId, r.event, r.repositoryFullName ?? '-', iso(r.receivedAt), String(r.attempts), r.errorKind ?? '-', String(r.commits), oneLine(r.error ?? '', 80)]),
    ),
  );
  io.out(`${rows.length} failed deliver${rows.length === 1 ? 'y' : 'ies'}${rows.length === limit ? ` (the first ${limit}; --limit for more)` : ''}`);
  return 0;
}

async function show(io: CliIo, args: Parsed): Promise<number> {
  if (args.positional.length !== 1) throw new UsageError('show takes one delivery id');
  const row = await getDelivery(io.db, args.positional[0]!);
  if (!row) {
    io.err(`no delivery ${args.positional[0]}`);
    return 1;
  }
  const s = toDeliverySummary(row);
  const lines: [string, string][] = [
    ['delivery', s.deliveryId],
    ['event', s.action ? `${s.event} (${s.action})` : s.event],
    ['status', s.status],
    ['repository', s.repositoryFullName ? `${s.repositoryFullName} (${s.repositoryGithubId})` : '-'],
    ['received', iso(s.receivedAt)],
    ['finished', s.processedAt ? iso(s.processedAt) : '-'],
    ['attempts', String(s.attempts)],
    ['next attempt', s.nextAttemptAt ? iso(s.nextAttemptAt) : '-'],
    ['error kind', s.errorKind ?? '-'],
    ['error', s.error ?? '-'],
    ['head', s.headSha ?? '-'],
    ['commits', String(s.commits)],
    ['payload', `${s.payloadBytes} bytes${args.flags.has('--payload') ? '' : ' (--payload prints it)'}`],
  ];
  const width = Math.max(...lines.map(([k]) => k.length));
  for (const [k, v] of lines) io.out(`${k.padEnd(width)}  ${v}`);
  if (args.flags.has('--payload')) {
    io.out('');
    io.out(row.payload);
  }
  return 0;
}

async function replay(io: CliIo, args: Parsed): Promise<number> {
  const all = args.flags.has('--failed');
  if (all === (args.positional.length > 0)) throw new UsageError('replay takes delivery ids, or --failed (not both)');
  if (!all && args.flags.has('--repo')) throw new UsageError('--repo goes with --failed');
  const repositoryGithubId = all ? await repoFilter(io, args) : undefined;
  if (repositoryGithubId === null) return 1;
  const target = all ? { allFailed: true as const, ...(repositoryGithubId !== undefined ? { repositoryGithubId } : {}) } : { ids: args.positional };
  const now = io.now();
  const ids = await replayDeliveries(io.db, target, { as: io.bus ? 'queued' : 'due', now });
  if (!all) {
    const missed = args.positional.filter((id) => !ids.includes(id));
    for (const id of missed) {
      const row = await getDelivery(io.db, id);
      io.err(row ? `${id}: not replayed, its status is ${row.status} (only failed or retrying deliveries are)` : `${id}: no such delivery`);
    }
  }
  if (ids.length === 0) {
    io.out('nothing to replay');
    return all ? 0 : 1;
  }
  if (io.bus) {
    try {
      await io.bus.enqueue(ids.map((ref) => ({ kind: 'delivery', ref })));
      io.out(`replayed ${ids.length}: enqueued for the workers`);
    } catch (err) {
      await releaseDueRetries(io.db, ids, now);
      io.out(`replayed ${ids.length}: the queue refused them (${(err as Error).message}); left due now for the workers' due-retry loop`);
    }
  } else {
    io.out(`replayed ${ids.length}: due now; a running worker's due-retry loop takes ${ids.length === 1 ? 'it' : 'them'} within seconds (or the next worker to start)`);
  }
  for (const id of ids) io.out(`  ${id}`);
  return 0;
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

function iso(d: Date): string {
  return new Date(d).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function oneLine(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/**
 * Where the embedded database is: DATA_DIR as the user typed it (relative to where npm was started,
 * INIT_CWD: `npm run deliveries` runs this in worker/), or by default the `.data` that `npm start`
 * uses — it runs in the api workspace, so that is api/.data of the repository this file is in.
 * The repository is found upwards from this file (the root package.json names the workspaces):
 * from source that is three folders up, from the compiled worker/dist/deliveries.mjs two.
 */
export function embeddedDataDir(env: Record<string, string | undefined>, from = dirname(fileURLToPath(import.meta.url))): string {
  if (env.DATA_DIR) return resolve(env.INIT_CWD || process.cwd(), env.DATA_DIR);
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && 'workspaces' in (JSON.parse(readFileSync(manifest, 'utf8')) as object)) return join(dir, 'api', '.data');
    if (dirname(dir) === dir) return resolve(process.cwd(), '.data');
  }
}

/** The process: configuration from the environment (read here only), the database and, with REDIS_URL, the queue. */
async function main(argv: readonly string[], env: Record<string, string | undefined>): Promise<number> {
  const out = (l: string) => process.stdout.write(`${l}\n`);
  const err = (l: string) => process.stderr.write(`${l}\n`);
  const parsed = (() => {
    try {
      return parseArgs(argv);
    } catch {
      return null;
    }
  })();
  if (!parsed || parsed.command === '' || parsed.command === 'help' || argv.includes('--help')) {
    // Usage needs no database.
    return runDeliveriesCli(argv, { db: null as unknown as Kysely<Database>, bus: null, now: () => new Date(), out, err });
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  const dataDir = embeddedDataDir(env);
  if (!databaseUrl && !existsSync(join(dataDir, 'pglite', 'PG_VERSION'))) {
    err(`error: no embedded database in ${join(dataDir, 'pglite')} (set DATABASE_URL, or DATA_DIR to where \`npm start\` keeps it)`);
    return 1;
  }
  if (!databaseUrl && existsSync(join(dataDir, 'pglite', 'postmaster.pid')) && !parsed.flags.has('--force')) {
    err(`error: the embedded database in ${join(dataDir, 'pglite')} looks open (is \`npm start\` running?). PGlite's files belong to one process at a time: stop it first, or pass --force if it crashed.`);
    return 1;
  }
  let handle: Awaited<ReturnType<typeof createDb>>;
  try {
    handle = await createDb({ databaseUrl, dataDir });
  } catch (e) {
    err(`error: cannot open the database: ${(e as Error).message}`);
    return 1;
  }
  const bus = env.REDIS_URL && parsed.command === 'replay' ? createBus({ redisUrl: env.REDIS_URL }) : null;
  try {
    return await runDeliveriesCli(argv, { db: handle.db, bus, now: () => new Date(), out, err });
  } finally {
    await bus?.close().catch(() => {});
    // PGlite closed before its first query leaves its postmaster.pid behind (the next run would
    // take the database for open): one query first, for the commands that stopped at their usage.
    await handle.ping().catch(() => false);
    await handle.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2), process.env);
}
