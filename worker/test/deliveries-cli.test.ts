/**
 * `npm run deliveries`: its commands on PGlite through runDeliveriesCli (list, show, replay with
 * and without a queue, usage errors), and the real bin as a child process against an embedded
 * database in a temporary DATA_DIR.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, deadLetter, insertDeliveries, MemoryBus, migrateToLatest, upsertRepository, type IncomingDelivery } from '@tamagitto/db';
import { dbTargets, seedPgliteDataDir, type TestDb } from '@tamagitto/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedDataDir, runDeliveriesCli, type CliIo } from '../src/bin/deliveries.ts';

const workerDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHA = 'a'.repeat(40);

const push = (id: string, repoId: number, fullName: string): IncomingDelivery => ({
  deliveryId: id,
  event: 'push',
  action: null,
  repositoryGithubId: repoId,
  repositoryFullName: fullName,
  payload: JSON.stringify({ after: SHA, repository: { id: repoId, full_name: fullName }, commits: [{ id: SHA, message: 'x' }, { id: 'b'.repeat(40), message: 'y' }], secret_marker: 'PAYLOAD-BODY' }),
  status: 'queued',
});

describe('deliveries CLI on PGlite', () => {
  let h: TestDb;
  const now = new Date('2026-12-06T12:00:00Z');
  const run = async (argv: string[], bus: MemoryBus | null = null) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { db: h.db, bus, now: () => now, out: (l) => out.push(l), err: (l) => err.push(l) };
    const code = await runDeliveriesCli(argv, io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  beforeAll(async () => {
    h = await dbTargets()[0]!.create();
    await upsertRepository(h.db, { githubId: 11, owner: 'octo', name: 'one', language: null, defaultBranch: 'main', private: false });
    await upsertRepository(h.db, { githubId: 22, owner: 'octo', name: 'two', language: null, defaultBranch: 'main', private: false });
    await insertDeliveries(h.db, [push('dead-a', 11, 'octo/one'), push('dead-b', 22, 'octo/two'), push('alive', 11, 'octo/one')]);
    await deadLetter(h.db, 'dead-a', { error: 'gave up after 34 attempts (github): 502 Server Error', kind: 'github' });
    await deadLetter(h.db, 'dead-b', { error: 'gave up after 4 attempts (other): Unexpected token', kind: 'other' });
  });
  afterAll(() => h?.close());

  it('list --failed: a table of the dead letter, filtered by --repo', async () => {
    const all = await run(['list', '--failed']);
    expect(all.code).toBe(0);
    expect(all.out).toMatch(/^DELIVERY\s+EVENT\s+REPOSITORY\s+RECEIVED\s+ATTEMPTS\s+KIND\s+COMMITS\s+ERROR/);
    expect(all.out).toMatch(/dead-a\s+push\s+octo\/one\s+\S+\s+0\s+github\s+2\s+gave up after 34 attempts \(github\): 502/);
    expect(all.out).toMatch(/dead-b .*other/);
    expect(all.out).not.toMatch(/alive/);
    expect(all.out).toMatch(/2 failed deliveries/);
    const one = await run(['list', '--failed', '--repo', 'octo/two']);
    expect(one.out).toMatch(/dead-b/);
    expect(one.out).not.toMatch(/dead-a/);
    expect((await run(['list', '--failed', '--repo', 'octo/nope'])).code).toBe(1);
  });

  it('show: the row without its payload unless --payload', async () => {
    const r = await run(['show', 'dead-a']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^status\s+failed$/m);
    expect(r.out).toMatch(/^error kind\s+github$/m);
    expect(r.out).toMatch(/^commits\s+2$/m);
    expect(r.out).toMatch(new RegExp(`^head\\s+${SHA}$`, 'm'));
    expect(r.out).toMatch(/^payload\s+\d+ bytes \(--payload prints it\)$/m);
    expect(r.out).not.toMatch(/PAYLOAD-BODY/);
    const p = await run(['show', 'dead-a', '--payload']);
    expect(p.out).toMatch(/PAYLOAD-BODY/);
    expect((await run(['show', 'missing'])).code).toBe(1);
  });

  it('usage errors exit 2', async () => {
    for (const argv of [[], ['frobnicate'], ['list'], ['show'], ['replay'], ['replay', 'x', '--failed'], ['list', '--failed', '--limit', 'many'], ['list', '--bogus']]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(/usage: npm run deliveries/);
    }
    expect((await run(['--help'])).code).toBe(0);
  });

  it('replay <id> with a queue: reset and enqueued; a delivery not failed is refused', async () => {
    const bus = new MemoryBus();
    try {
      const r = await run(['replay', 'dead-a'], bus);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/replayed 1: enqueued/);
      expect(await bus.depth()).toBe(1);
      const row = await h.db.selectFrom('webhook_deliveries').selectAll().where('delivery_id', '=', 'dead-a').executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'queued', attempts: 0, error: null, error_kind: null, next_attempt_at: null });
      const again = await run(['replay', 'alive'], bus);
      expect(again.code).toBe(1);
      expect(again.err).toMatch(/alive: not replayed, its status is queued/);
    } finally {
      await bus.close();
    }
  });

  it('replay --failed without a queue: left retrying, due now, for the due-retry loop', async () => {
    const r = await run(['replay', '--failed']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/replayed 1: due now/);
    const row = await h.db.selectFrom('webhook_deliveries').selectAll().where('delivery_id', '=', 'dead-b').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'retrying', attempts: 0, error: null });
    expect(new Date(row.next_attempt_at!).toISOString()).toBe(now.toISOString());
    expect((await run(['replay', '--failed'])).out).toMatch(/nothing to replay/);
  });
});

describe('the embedded database the CLI finds by default', () => {
  it("is api/.data of the repository, from the source and from the compiled worker/dist alike", () => {
    const root = join(workerDir, '..');
    expect(embeddedDataDir({}, join(workerDir, 'src', 'bin'))).toBe(join(root, 'api', '.data'));
    expect(embeddedDataDir({}, join(workerDir, 'dist'))).toBe(join(root, 'api', '.data'));
    expect(embeddedDataDir({ DATA_DIR: 'elsewhere', INIT_CWD: '/srv' })).toBe('/srv/elsewhere');
  });
});

describe('deliveries CLI as a process, on an embedded database', () => {
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'deliveries-cli-'));
    await seedPgliteDataDir(dir);
    const h = await createDb({ dataDir: dir });
    await migrateToLatest(h.db);
    await insertDeliveries(h.db, [push('proc-dead', 33, 'octo/three')]);
    await deadLetter(h.db, 'proc-dead', { error: 'gave up after 34 attempts (github): 503', kind: 'github' });
    await h.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // The compiled CLI, as the worker image runs it (`node worker/dist/deliveries.mjs`; built here
  // when stale): the same code as `npm run deliveries`, without five tsx start-ups (~28 s here).
  const compiled = join(workerDir, 'dist', 'deliveries.mjs');
  beforeAll(() => {
    const built = spawnSync(process.execPath, ['scripts/build.mjs', 'worker', '--if-stale'], { cwd: join(workerDir, '..'), encoding: 'utf8' });
    expect(built.status, `${built.stdout}${built.stderr}`).toBe(0);
  }, 180_000);
  const bin = (...args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, INIT_CWD: workerDir };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    return spawnSync(process.execPath, ['--enable-source-maps', compiled, ...args], { cwd: workerDir, encoding: 'utf8', env, timeout: 60_000 });
  };

  it('lists and replays, with exit codes 0, 1 and 2', () => {
    const list = bin('list', '--failed');
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/proc-dead\s+push\s+octo\/three/);
    expect(bin('show', 'nope').status).toBe(1);
    expect(bin('bogus').status).toBe(2);
    const replay = bin('replay', 'proc-dead');
    expect(replay.status, replay.stderr).toBe(0);
    expect(replay.stdout).toMatch(/replayed 1: due now/);
    expect(bin('show', 'proc-dead').stdout).toMatch(/^status\s+retrying$/m);
  }, 120_000);

  it('refuses an embedded database that looks open (npm start running), unless --force', () => {
    writeFileSync(join(dir, 'pglite', 'postmaster.pid'), '-42\n');
    try {
      const r = bin('list', '--failed');
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/looks open/);
    } finally {
      rmSync(join(dir, 'pglite', 'postmaster.pid'), { force: true });
    }
  }, 60_000);
});
