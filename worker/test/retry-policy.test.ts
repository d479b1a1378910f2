/**
 * The retry policy's numbers (worker/src/retry-policy.ts, the table in worker/README.md) and
 * how real errors are classified: Octokit's errors from a local HTTP server and from a closed
 * port, a PostgreSQL pool and a Redis bus with nothing listening.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDb, RedisBus } from '@tamagitto/db';
import { freePort } from '@tamagitto/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { octokitFor } from '../src/github/fetch-commit.ts';
import {
  classifyError,
  GITHUB_CAP_MS,
  GITHUB_MAX_ATTEMPTS,
  githubCeiling,
  githubRetryAfterMs,
  nextAttempt,
  OTHER_MAX_ATTEMPTS,
  TRANSIENT_DELAYS_MS,
  TRANSIENT_MAX_IN_A_ROW,
} from '../src/retry-policy.ts';

const H = 3600_000;
const low = () => 0;
const high = () => 0.999999;

describe('retry schedule', () => {
  it('GitHub: even the shortest draws span more than 24 h before the dead letter', () => {
    let minimum = 0;
    let n = 1;
    for (; ; n++) {
      const d = nextAttempt('github', n, low);
      if (d === null) break;
      minimum += d;
    }
    expect(n).toBe(GITHUB_MAX_ATTEMPTS);
    expect(minimum).toBeGreaterThanOrEqual(24 * H);
    // …and the longest stays within a couple of days.
    let maximum = 0;
    for (let k = 1; k < GITHUB_MAX_ATTEMPTS; k++) maximum += nextAttempt('github', k, high)!;
    expect(maximum).toBeLessThan(72 * H);
  });

  it('GitHub: exponential from 30 s, capped at 2 h, each draw between half the ceiling and the ceiling', () => {
    expect([1, 2, 3, 4].map(githubCeiling)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(githubCeiling(9)).toBe(GITHUB_CAP_MS);
    expect(githubCeiling(33)).toBe(GITHUB_CAP_MS);
    for (let n = 1; n < GITHUB_MAX_ATTEMPTS; n++) {
      const c = githubCeiling(n);
      for (const r of [0, 0.25, 0.5, 0.75, 0.999999]) {
        const d = nextAttempt('github', n, () => r)!;
        expect(d).toBeGreaterThanOrEqual(c / 2);
        expect(d).toBeLessThanOrEqual(c);
      }
    }
    // The jitter spreads: different draws, different delays.
    expect(nextAttempt('github', 5, () => 0.1)).not.toBe(nextAttempt('github', 5, () => 0.9));
  });

  it('transient: retried within seconds (2 s first, never more than 30 s apart), for a full day in a row', () => {
    expect(nextAttempt('transient', 1, high)).toBeLessThanOrEqual(2_000);
    for (let n = 1; n <= TRANSIENT_MAX_IN_A_ROW; n += 97) {
      const d = nextAttempt('transient', n, high)!;
      expect(d).toBeGreaterThan(0);
      expect(d).toBeLessThanOrEqual(30_000);
    }
    expect(TRANSIENT_DELAYS_MS.at(-1)! * TRANSIENT_MAX_IN_A_ROW).toBeGreaterThanOrEqual(24 * H);
    expect(nextAttempt('transient', TRANSIENT_MAX_IN_A_ROW + 1)).toBeNull();
  });

  it('other: a few attempts, then the dead letter', () => {
    const delays = Array.from({ length: OTHER_MAX_ATTEMPTS + 1 }, (_, i) => nextAttempt('other', i + 1, high));
    expect(delays.slice(0, OTHER_MAX_ATTEMPTS - 1).every((d) => d !== null && d >= 30_000)).toBe(true);
    expect(delays.slice(OTHER_MAX_ATTEMPTS - 1)).toEqual([null, null]);
    expect(OTHER_MAX_ATTEMPTS).toBeLessThanOrEqual(5);
  });
});

describe('classifying real errors', () => {
  let server: Server;
  let url = '';
  beforeAll(async () => {
    // GET /<status>?h=name:value,… answers that status with those headers.
    server = createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      for (const pair of (u.searchParams.get('h') ?? '').split(',').filter(Boolean)) {
        const [k, v] = pair.split(':');
        headers[k!] = v!;
      }
      res.writeHead(Number(u.pathname.slice(1)), headers).end(JSON.stringify({ message: u.searchParams.get('m') ?? 'Injected' }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const githubError = async (path: string, base = url): Promise<unknown> => {
    try {
      await octokitFor(base, 'ghp_test').request(`GET ${path}`);
    } catch (err) {
      return err;
    }
    throw new Error('expected the request to fail');
  };

  it.each([
    ['a 502', '/502', 'github'],
    ['a 503', '/503', 'github'],
    ['a 429', '/429?h=retry-after:60', 'github'],
    ['a 403 with no requests left', '/403?h=x-ratelimit-remaining:0', 'github'],
    ['a 403 secondary rate limit', '/403?m=You%20have%20exceeded%20a%20secondary%20rate%20limit', 'github'],
    ['a plain 403 (no permission)', '/403?m=Resource%20not%20accessible', 'other'],
    ['a 409 (empty repository)', '/409', 'other'],
  ])('GitHub %s → %s', async (_what, path, kind) => {
    expect(classifyError(await githubError(path))).toBe(kind);
  });

  it('GitHub not answering at all (connection refused) is GitHub trouble, not our database', async () => {
    const port = await freePort();
    const err = await githubError('/x', `http://127.0.0.1:${port}`);
    expect((err as { status?: number }).status).toBe(500);
    expect(classifyError(err)).toBe('github');
  });

  it('a database that does not answer (connection refused) is transient', async () => {
    const h = await createDb({ databaseUrl: `postgres://postgres@127.0.0.1:${await freePort()}/none`, poolSize: 1 });
    const err = await h.db.selectFrom('users').select('id').execute().then(
      () => null,
      (e: unknown) => e,
    );
    await h.close();
    expect(err).not.toBeNull();
    expect(classifyError(err)).toBe('transient');
  });

  it('Redis not reachable is transient', async () => {
    const bus = new RedisBus({ url: `redis://127.0.0.1:${await freePort()}`, connectWaitMs: 100 });
    try {
      const err = await bus.enqueue([{ kind: 'delivery', ref: 'x' }]).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).not.toBeNull();
      expect(classifyError(err)).toBe('transient');
    } finally {
      await bus.close();
    }
  });

  it('bugs and bad payloads are other', () => {
    let parseError: unknown;
    try {
      JSON.parse('{not json');
    } catch (e) {
      parseError = e;
    }
    expect(classifyError(parseError)).toBe('other');
    expect(classifyError(new TypeError("Cannot read properties of undefined (reading 'sha')"))).toBe('other');
    expect(classifyError('a string')).toBe('other');
  });

  it("GitHub's Retry-After and rate-limit reset are honoured as a floor", async () => {
    const now = new Date('2026-12-06T12:00:00Z');
    expect(githubRetryAfterMs(await githubError('/429?h=retry-after:120'), now)).toBe(120_000);
    const reset = now.getTime() / 1000 + 600;
    expect(githubRetryAfterMs(await githubError(`/403?h=x-ratelimit-remaining:0,x-ratelimit-reset:${reset}`), now)).toBe(601_000);
    expect(githubRetryAfterMs(await githubError('/502'), now)).toBe(0);
  });
});
