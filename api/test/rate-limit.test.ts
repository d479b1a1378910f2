/**
 * Rate limits (api/src/http/rate-limit.ts, issue 15): 429 with Retry-After and
 * the error envelope, per address and per user, atomic under concurrency, in
 * memory for one process and in Redis across instances, and open (never a 5xx)
 * when Redis is down.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { sign } from '@octokit/webhooks-methods';
import { upsertUser } from '@tamagitto/db';
import { freePort, testEnv } from '@tamagitto/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientIp, createRateLimits, TIERS, tierOf } from '../src/http/rate-limit.ts';
import { startStack, stackTargets, type Stack } from './support/index.ts';

const [embedded] = stackTargets();

type Envelope = { error: { code: string; message: string } };

async function expectLimited(r: Response, what = 'request') {
  expect(r.status, what).toBe(429);
  const wait = Number(r.headers.get('retry-after'));
  expect(wait, 'Retry-After in seconds').toBeGreaterThanOrEqual(1);
  expect(wait).toBeLessThanOrEqual(3600);
  const body = (await r.json()) as Envelope;
  expect(body).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/try again in \d+ s/) } });
}

/** POST /api/auth/pat with a token GitHub refuses (a 401): any answer but 429 means the limiter admitted it. */
const signInAttempt = (s: Stack, from?: string) =>
  s.req('/api/auth/pat', { method: 'POST', json: { token: `ghp_${'x'.repeat(36)}` }, headers: from ? { 'x-forwarded-for': from } : {} });

const admitted = (rs: Response[]) => rs.filter((r) => r.status !== 429).length;

describe('clientIp and tierOf', () => {
  it.each([
    ['the socket without a proxy', '10.0.0.9', '203.0.113.5', 0, '10.0.0.9'],
    ['X-Forwarded-For is ignored without TRUST_PROXY', '::ffff:10.0.0.9', '203.0.113.5', 0, '10.0.0.9'],
    ['one proxy: the entry it appended', '10.0.0.2', '203.0.113.5', 1, '203.0.113.5'],
    ['one proxy: a forged left-most entry is not the client', '10.0.0.2', '1.1.1.1, 203.0.113.5', 1, '203.0.113.5'],
    ['two proxies', '10.0.0.2', '1.1.1.1, 203.0.113.5, 10.0.0.3', 2, '203.0.113.5'],
    ['no header behind a proxy: the socket', '10.0.0.2', undefined, 1, '10.0.0.2'],
  ])('%s', (_what, remote, xff, trust, expected) => {
    expect(clientIp(remote, xff, trust)).toBe(expected);
  });
  it('maps routes to their tiers', () => {
    expect(tierOf('POST', '/api/auth/pat')).toBe('auth');
    expect(tierOf('POST', '/api/auth/github/exchange')).toBe('auth');
    expect(tierOf('POST', '/api/conversation/chat')).toBe('chat');
    expect(tierOf('GET', '/api/pets/0b0e0c4e-2d2f-4d59-9d0a-7f5f2e6b8a11/portrait')).toBe('portrait');
    expect(tierOf('POST', '/api/badges/share')).toBe('badgeShare');
    expect(tierOf('GET', '/api/pets')).toBeNull();
  });
});

describe('rate limits in one process (memory)', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack(embedded!, { worker: false });
  });
  afterAll(async () => s?.close());

  it('the embedded api counts in memory', () => {
    expect(s.api.deps.rateLimits.kind).toBe('memory');
  });

  it(`sign-in: ${TIERS.auth.points} a minute per address, then 429 with Retry-After and the envelope; X-Forwarded-For is not trusted without TRUST_PROXY`, async () => {
    for (let i = 0; i < TIERS.auth.points; i++) expect((await signInAttempt(s)).status).not.toBe(429);
    await expectLimited(await signInAttempt(s), 'over the limit');
    await expectLimited(await signInAttempt(s, '198.51.100.77'), 'a made-up X-Forwarded-For changes nothing');
    // The refusal reaches the extension: CORS headers are on the 429 too.
    const r = await s.req('/api/auth/pat', { method: 'POST', json: { token: 'x' }, headers: { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' } });
    expect(r.status).toBe(429);
    expect(r.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
  });

  it('per user: one user over the WebSocket-ticket limit does not limit another', async () => {
    const a = (await s.api.deps.sessions.issueSession(await userId(s, 'ticket-a'))).token;
    const b = (await s.api.deps.sessions.issueSession(await userId(s, 'ticket-b'))).token;
    const ticket = (token: string) => s.req('/api/ws/ticket', { method: 'POST', token });
    for (let i = 0; i < TIERS.wsTicket.points; i++) expect((await ticket(a)).status).toBe(201);
    await expectLimited(await ticket(a));
    expect((await ticket(b)).status).toBe(201);
  });

  it('health probes and metrics are never limited', async () => {
    const probes = await Promise.all(Array.from({ length: 50 }, () => s.req('/api/health/live')));
    expect(probes.every((r) => r.status === 200)).toBe(true);
  });
});

/** A user row to sign sessions for (the ticket route needs a live session), written directly: sign-ins from this address are used up. */
let nextGithubId = 40_000;
async function userId(s: Stack, login: string): Promise<string> {
  const user = await upsertUser(s.db.db, { githubId: nextGithubId++, login, name: null, avatarUrl: null }, { encrypted: s.api.deps.cipher.encrypt(`ghp_${login}`), scopes: null });
  return user.id;
}

describe('rate limits behind a proxy (TRUST_PROXY=1), scaled down (RATE_LIMITS=0.01)', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack(embedded!, { worker: false, env: { TRUST_PROXY: '1', RATE_LIMITS: '0.01' } });
  });
  afterAll(async () => s?.close());

  it('counts each client address apart, and a forged left-most entry does not escape', async () => {
    // RATE_LIMITS=0.01: sign-in allows one a minute per address.
    expect((await signInAttempt(s, '198.51.100.1')).status).not.toBe(429);
    await expectLimited(await signInAttempt(s, '198.51.100.1'));
    await expectLimited(await signInAttempt(s, '203.0.113.250, 198.51.100.1'), 'prepending an address');
    expect((await signInAttempt(s, '198.51.100.2')).status).not.toBe(429);
  });

  it('the webhook has its own per-address tier, on the raw fast path and the Hono route alike', async () => {
    const body = JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 });
    const signature = await sign(s.secrets.webhookSecret, body);
    const deliver = (path: string) =>
      fetch(`${s.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-github-event': 'ping', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': signature, 'x-forwarded-for': '140.82.115.9' },
        body,
      });
    const points = Math.round(TIERS.webhook.points * 0.01);
    for (let i = 0; i < points; i++) expect((await deliver('/api/webhook/github')).status).toBe(200);
    await expectLimited(await deliver('/api/webhook/github'), 'fast path');
    await expectLimited(await deliver('/api/webhook/github?via=hono'), 'Hono route');
    // GitHub's deliveries do not use up the general ceiling of the address.
    expect((await s.req('/api/openapi.json', { headers: { 'x-forwarded-for': '140.82.115.9' } })).status).toBe(200);
  });

  it('is atomic: 40 sign-ins at once from one address admit exactly the limit', async () => {
    const rs = await Promise.all(Array.from({ length: 40 }, () => signInAttempt(s, '198.51.100.40')));
    expect(admitted(rs)).toBe(1);
    for (const r of rs.filter((x) => x.status === 429)) await expectLimited(r);
  });
});

describe('RATE_LIMITS=off', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack(embedded!, { worker: false, env: { RATE_LIMITS: 'off' } });
  });
  afterAll(async () => s?.close());
  it('admits everything (the webhook bench runs so)', async () => {
    expect(s.api.deps.rateLimits.kind).toBe('off');
    const rs = await Promise.all(Array.from({ length: TIERS.auth.points * 2 }, () => signInAttempt(s)));
    expect(admitted(rs)).toBe(rs.length);
  });
});

describe('when Redis is down the limits fail open', () => {
  let s: Stack;
  let silent: Server;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    s = await startStack(embedded!, { worker: false });
    // A port that accepts connections and never answers: a hung Redis.
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    await s?.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((r) => silent?.close(r));
  });

  it.each([
    ['refusing connections', async () => `redis://127.0.0.1:${await freePort()}`],
    ['accepting and never answering', async () => `redis://127.0.0.1:${(silent.address() as { port: number }).port}`],
  ])('Redis %s: every request is served (never a 5xx), each pass counted, the outage logged once', async (_what, url) => {
    const deps = s.api.deps;
    await deps.rateLimits.close();
    deps.rateLimits = createRateLimits({ env: { REDIS_URL: await url(), RATE_LIMITS: 1 }, log: deps.log, metrics: deps.metrics, prefix: `tamagitto-test-rl-${randomBytes(4).toString('hex')}:` });
    const errorsBefore = await failOpenCount(s);
    const started = performance.now();
    const rs = [];
    for (let i = 0; i < TIERS.auth.points + 5; i++) rs.push(await signInAttempt(s));
    expect(rs.map((r) => r.status).filter((st) => st === 429 || st >= 500)).toEqual([]);
    expect(performance.now() - started, 'no request waits on the dead store').toBeLessThan(10_000);
    expect(await failOpenCount(s)).toBeGreaterThan(errorsBefore);
    expect(s.logs.join('')).toContain('rate-limit store failed');
  });
});

async function failOpenCount(s: Stack): Promise<number> {
  const text = await s.api.deps.metrics.registry.metrics();
  return Number(/^tamagitto_rate_limit_errors_total (\d+)/m.exec(text)?.[1] ?? 0);
}

describe.skipIf(!testEnv.redisUrl)('rate limits in Redis, shared by two api instances (TEST_REDIS_URL)', () => {
  let a: Stack;
  let b: Stack;
  beforeAll(async () => {
    const prefix = `tamagitto-test-rl-${randomBytes(4).toString('hex')}:`;
    const both = await Promise.all([0, 1].map(() => startStack(embedded!, { worker: false, env: { TRUST_PROXY: '1' } })));
    a = both[0]!;
    b = both[1]!;
    for (const s of both) {
      await s.api.deps.rateLimits.close();
      s.api.deps.rateLimits = createRateLimits({ env: { REDIS_URL: testEnv.redisUrl, RATE_LIMITS: 1 }, log: s.api.deps.log, metrics: s.api.deps.metrics, prefix });
    }
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('an address gets the limit once across both instances, not once per instance', async () => {
    expect(a.api.deps.rateLimits.kind).toBe('redis');
    // Wait for both clients to connect (a request before that is let through: fail open).
    await waitReady(a);
    await waitReady(b);
    const rs: Response[] = [];
    for (let i = 0; i < TIERS.auth.points * 2; i++) rs.push(await signInAttempt(i % 2 ? a : b, '198.51.100.200'));
    expect(admitted(rs)).toBe(TIERS.auth.points);
    await expectLimited(rs.at(-1)!);
  });

  it('is atomic across instances: 60 concurrent sign-ins split over both admit exactly the limit', async () => {
    const rs = await Promise.all(Array.from({ length: 60 }, (_, i) => signInAttempt(i % 2 ? a : b, '198.51.100.201')));
    expect(admitted(rs)).toBe(TIERS.auth.points);
  });
});

/** Until the instance's Redis client answers (a consume on a throwaway key is admitted by the store, not failed open). */
async function waitReady(s: Stack): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const before = await failOpenCount(s);
    await s.api.deps.rateLimits.consume('ip', `probe-${randomUUID()}`);
    if ((await failOpenCount(s)) === before) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the rate-limit Redis client never connected');
}
