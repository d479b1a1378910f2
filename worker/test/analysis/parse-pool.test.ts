/**
 * The parse pool survives its threads (issue #3, "Budgets"): a thread that
 * really dies — process.exit or an uncaught throw inside the thread — is
 * replaced, only the job it was running fails (after one retry on a fresh
 * thread), and later jobs still run in the pool, not on the event loop.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createParsePool, type ParsePoolOptions, type ThreadParsePool } from '../../src/analysis/parse-pool.ts';
import { analyseCommitWith } from '../../src/analysis/index.ts';

const bootUrl = new URL('./fixtures/crashing-parse-worker.mjs', import.meta.url);
const MARKER = '/* die here */';
const pools: ThreadParsePool[] = [];

function crashingPool(mode: 'exit' | 'throw', times: number, extra: ParsePoolOptions = {}): ThreadParsePool {
  const crashes = new SharedArrayBuffer(4);
  const pool = createParsePool({ size: 2, backoffMs: 10, bootUrl, workerData: { marker: MARKER, mode, times, crashes }, ...extra });
  pools.push(pool);
  return pool;
}

const good = (n: number) => ({ source: `function f${n}(a) { return a && ${n}; }`, language: 'javascript' as const, countTests: false });
const bad = { source: `function boom(a) { ${MARKER} return a || 1; }`, language: 'javascript' as const, countTests: false };

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('parse pool with threads that die', () => {
  it.each(['exit', 'throw'] as const)('fails only the job on a thread that dies twice (%s), and keeps parsing in fresh threads', async (mode) => {
    const pool = crashingPool(mode, Infinity);
    const before = await Promise.all([1, 2, 3].map((n) => pool.parse(good(n))));
    expect(before.map((m) => m.functions[0]?.complexity)).toEqual([2, 2, 2]);

    const outcome = await Promise.allSettled([pool.parse(bad), ...[4, 5, 6, 7].map((n) => pool.parse(good(n)))]);
    expect(outcome[0]?.status).toBe('rejected');
    expect(String((outcome[0] as PromiseRejectedResult).reason)).toMatch(/parse thread died twice on this file/);
    expect(outcome.slice(1).map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);

    const completedBefore = pool.stats().completed;
    const later = await Promise.all([8, 9, 10].map((n) => pool.parse(good(n))));
    expect(later.map((m) => m.functions[0]?.name)).toEqual(['f8', 'f9', 'f10']);
    const stats = pool.stats();
    expect(stats).toMatchObject({ crashed: 2, retried: 1, failed: 1, inThread: 0 });
    // Answered by pool threads, not parsed on the event loop.
    expect(stats.completed - completedBefore).toBe(3);
    expect(stats.alive).toBeGreaterThan(0);
    expect(stats.started).toBeGreaterThanOrEqual(3);
  });

  it('retries a job once on a fresh thread and succeeds when only the first thread dies', async () => {
    const pool = crashingPool('exit', 1);
    const [survivor, other] = await Promise.all([pool.parse(bad), pool.parse(good(1))]);
    expect(survivor.functions.map((f) => [f.name, f.complexity])).toEqual([['boom', 2]]);
    expect(other.functions[0]?.name).toBe('f1');
    expect(pool.stats()).toMatchObject({ crashed: 1, retried: 1, failed: 0, inThread: 0 });
  });

  it('stops replacing threads past its restart budget and parses in the calling thread instead', async () => {
    const pool = crashingPool('exit', Infinity, { size: 1, maxRestarts: 2, restartWindowMs: 60_000 });
    await expect(pool.parse(bad)).rejects.toThrow(/died twice/);
    const after = await pool.parse(good(1));
    expect(after.functions[0]?.name).toBe('f1');
    expect(pool.stats()).toMatchObject({ crashed: 2, alive: 0, inThread: 1 });
  });

  it('parses in the calling thread when threads cannot even start, without failing any job', async () => {
    const pool = createParsePool({ size: 2, backoffMs: 10, bootUrl: new URL('./fixtures/unbootable-parse-worker.mjs', import.meta.url) });
    pools.push(pool);
    const results = await Promise.all([1, 2, 3].map((n) => pool.parse(good(n))));
    expect(results.map((m) => m.functions[0]?.name)).toEqual(['f1', 'f2', 'f3']);
    expect(pool.stats()).toMatchObject({ crashed: 2, failed: 0, retried: 0, inThread: 3, alive: 0 });
  });

  it('gives the engine a partial result with the file listed as skipped when its thread dies twice', async () => {
    const pool = crashingPool('throw', Infinity);
    const file = (path: string, after: string) => ({ path, status: 'added' as const, additions: 1, deletions: 0, before: null, after });
    const report = await analyseCommitWith(
      { sha: 'c', message: 'm', files: [file('src/a.js', bad.source), file('src/b.js', good(1).source), file('src/c.js', good(2).source)] },
      { pool },
    );
    expect(report.partial).toBe(true);
    expect(report.skippedFiles).toEqual([{ path: 'src/a.js', reason: expect.stringMatching(/parse failed: .*died twice/), code: 'parse_failed', params: { error: expect.stringMatching(/died twice/) } }]);
    expect(report.metrics.files_analysed).toBe(2);
    expect(pool.stats().inThread).toBe(0);
  });

  it('drops queued jobs whose caller gave up (signal), instead of parsing them for nobody', async () => {
    const pool = createParsePool({ size: 1 });
    pools.push(pool);
    const abandon = new AbortController();
    const jobs = Array.from({ length: 40 }, (_, i) => pool.parse(good(i), { signal: abandon.signal }).then(() => 'parsed', () => 'dropped'));
    abandon.abort();
    const outcomes = await Promise.all(jobs);
    // The jobs already sent to the thread (two in flight) finish; the queued rest are dropped.
    expect(outcomes.filter((o) => o === 'parsed').length).toBeLessThanOrEqual(2);
    expect(pool.stats().dropped).toBe(outcomes.filter((o) => o === 'dropped').length);
    expect(await pool.parse(good(99))).toMatchObject({ functions: [{ name: 'f99' }] });
  });
});
