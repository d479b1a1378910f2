/**
 * Rate limits on every route (issue 15), by user and by IP, with
 * rate-limiter-flexible: in Redis when the api runs with REDIS_URL (every
 * instance shares the counters), in memory otherwise (`npm start`, one process).
 * Each check is one atomic `consume` (a Lua INCR + PEXPIRE in Redis, a
 * synchronous counter in memory): N requests racing never admit more than the
 * limit, unlike a count-then-insert.
 *
 * Every request under /api (but health and metrics) consumes a point from the
 * general per-IP ceiling, from the general per-user ceiling when it carries a
 * valid session, from the per-key ceiling when it carries `X-API-Key` (keyed by
 * a prefix of the key's SHA-256, never the key: CI runners share addresses, and
 * one leaked or looping key must not drain its owner's other keys or sessions),
 * and from its route's own tier when it has one (TIERS). The
 * webhook consumes only its own per-IP tier: GitHub's deliveries come from a
 * few addresses in bursts. Over any of them: 429 `rate_limited` with
 * `Retry-After` (seconds until the tier that refused frees a point).
 *
 * If the store fails (Redis down, or slower than STORE_TIMEOUT_MS) the request
 * is let through: a limiter must never turn a Redis blip into an outage. Each
 * such pass is counted (`tamagitto_rate_limit_errors_total`) and the first of
 * an outage is logged.
 *
 * Every number is multiplied by RATE_LIMITS (api/src/env.ts): `off` disables
 * them (the webhook bench drives >10k req/s), `2` doubles them.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from '@tamagitto/db';
import type { SessionSigner } from '../auth/session-signer.ts';
import type { ApiEnv } from '../env.ts';
import type { Metrics } from '../health/metrics.ts';
import { AppError } from './errors.ts';
import { bearerToken } from './headers.ts';

export interface Tier {
  /** Requests allowed per window. */
  points: number;
  /** The window, in seconds. */
  seconds: number;
  /** Counted per client IP, per signed-in user, or per personal API key. */
  by: 'ip' | 'user' | 'key';
  /** For the README table and the 429 message. */
  what: string;
}

/** Every limit. The README's "Rate limits" table lists the same numbers. */
export const TIERS = {
  /** Unauthenticated sign-in: each call makes a GitHub call; a password-guessing target. */
  auth: { points: 10, seconds: 60, by: 'ip', what: 'sign-ins' },
  /** Spends the user's Anthropic key. */
  chat: { points: 20, seconds: 60, by: 'user', what: 'coach messages' },
  proactive: { points: 10, seconds: 60, by: 'user', what: 'proactive coach checks' },
  /** May start a Gemini generation (once per portrait key across users, cached after). */
  portrait: { points: 30, seconds: 60, by: 'user', what: 'portrait requests' },
  wsTicket: { points: 30, seconds: 60, by: 'user', what: 'WebSocket tickets' },
  /** Creates a Gist on the user's GitHub account. */
  badgeShare: { points: 10, seconds: 3600, by: 'user', what: 'badge shares' },
  /** GitHub sends from a few addresses, in bursts: generous. */
  webhook: { points: 1200, seconds: 60, by: 'ip', what: 'webhook deliveries' },
  /** Every other route, per signed-in user. */
  user: { points: 300, seconds: 60, by: 'user', what: 'requests' },
  /** Every request carrying X-API-Key (CI), per key. */
  apiKey: { points: 300, seconds: 60, by: 'key', what: 'requests' },
  /** Every route but the webhook, per client address (several users may share one behind NAT). */
  ip: { points: 600, seconds: 60, by: 'ip', what: 'requests' },
} as const satisfies Record<string, Tier>;
export type TierName = keyof typeof TIERS;

/** Route tiers by method and path (under /api); a request matching none has only the general ceilings. */
const ROUTE_TIERS: { method: string; path: RegExp; tier: TierName }[] = [
  { method: 'POST', path: /^\/api\/auth\/(pat|github\/exchange)$/, tier: 'auth' },
  { method: 'POST', path: /^\/api\/conversation\/chat$/, tier: 'chat' },
  { method: 'POST', path: /^\/api\/conversation\/proactive$/, tier: 'proactive' },
  { method: 'GET', path: /^\/api\/pets\/[^/]+\/portrait$/, tier: 'portrait' },
  { method: 'POST', path: /^\/api\/ws\/ticket$/, tier: 'wsTicket' },
  { method: 'POST', path: /^\/api\/badges\/share$/, tier: 'badgeShare' },
  { method: 'POST', path: /^\/api\/webhook\/github$/, tier: 'webhook' },
];

/** Never limited: probes and the scraper must see an instance that is being flooded. */
const EXEMPT = /^\/api\/(health\/|metrics$)/;

/** A store call slower than this lets the request through (a hung Redis must not hold every request). */
export const STORE_TIMEOUT_MS = 500;

export function tierOf(method: string, path: string): TierName | null {
  for (const t of ROUTE_TIERS) if (t.method === method && t.path.test(path)) return t.tier;
  return null;
}

/**
 * The client's address. With `trustProxy` = N proxies in front (Caddy: 1), the
 * N-th entry from the right of X-Forwarded-For: each proxy appends the address
 * it saw, so the right-most entries are written by our own proxies and cannot be
 * forged, while the left-most is whatever the client sent (Caddy 2.6 replaces an
 * untrusted client's header rather than appending to it, so there both agree).
 * Without proxies the header is ignored: anyone can send it.
 */
export function clientIp(remote: string | undefined, forwardedFor: string | string[] | undefined, trustProxy: number): string {
  if (trustProxy > 0 && forwardedFor) {
    const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const ip = hops[hops.length - trustProxy] ?? hops[0];
    if (ip) return normaliseIp(ip);
  }
  return remote ? normaliseIp(remote) : 'unknown';
}

/** IPv4 arriving on a dual-stack socket reads `::ffff:1.2.3.4`: one client, one key. */
function normaliseIp(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

export interface Refusal {
  tier: TierName;
  retryAfterS: number;
}

export interface RateLimitsOptions {
  env: Pick<ApiEnv, 'REDIS_URL' | 'RATE_LIMITS'>;
  log: Logger;
  metrics: Pick<Metrics, 'rateLimited' | 'rateLimitErrors'>;
  /** Key prefix in Redis (tests give each run its own; instances that must share counters share it). */
  prefix?: string;
  storeTimeoutMs?: number;
}

/**
 * The limiters of one process.
 *
 * @example
 * const limits = createRateLimits({ env, log, metrics });
 * const refused = await limits.check({ method: 'POST', path: '/api/auth/pat', ip: '203.0.113.9', userId: null });
 * if (refused) throw rateLimitedError(refused);
 */
export class RateLimits {
  readonly kind: 'redis' | 'memory' | 'off';
  readonly #limiters = new Map<TierName, RateLimiterAbstract>();
  readonly #redis: Redis | undefined;
  readonly #log: Logger;
  readonly #metrics: RateLimitsOptions['metrics'];
  readonly #timeoutMs: number;
  #failing = false;

  constructor(opts: RateLimitsOptions) {
    this.#log = opts.log;
    this.#metrics = opts.metrics;
    this.#timeoutMs = opts.storeTimeoutMs ?? STORE_TIMEOUT_MS;
    const factor = opts.env.RATE_LIMITS;
    if (factor === 0) {
      this.kind = 'off';
      return;
    }
    const prefix = opts.prefix ?? 'tamagitto:rl:';
    if (opts.env.REDIS_URL) {
      // Fail fast while disconnected: no offline queue, so a command errors at once and the request passes.
      // Auto-pipelining: the consumes of one tick (every request's two or three) go out in one socket write.
      this.#redis = new Redis(opts.env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000, enableAutoPipelining: true });
      // ioredis reconnects by itself; the listener keeps a blip from crashing the process.
      this.#redis.on('error', () => {});
    }
    this.kind = this.#redis ? 'redis' : 'memory';
    for (const [name, t] of Object.entries(TIERS) as [TierName, Tier][]) {
      const common = { points: Math.max(1, Math.round(t.points * factor)), duration: t.seconds, keyPrefix: `${prefix}${name}` };
      this.#limiters.set(name, this.#redis ? new RateLimiterRedis({ ...common, storeClient: this.#redis, rejectIfRedisNotReady: true }) : new RateLimiterMemory(common));
    }
  }

  /** The limit a tier enforces here (after RATE_LIMITS), or null when limits are off. */
  points(tier: TierName): number | null {
    return this.#limiters.get(tier)?.points ?? null;
  }

  /**
   * Consumes one point from each tier that applies to the request; null when
   * every one admits it (or the store failed), else the refusal with the longest wait.
   */
  async check(req: { method: string; path: string; ip: string; userId: string | null; apiKey?: string | null }): Promise<Refusal | null> {
    if (this.kind === 'off' || EXEMPT.test(req.path)) return null;
    const route = tierOf(req.method, req.path);
    const tiers: [TierName, string][] = [];
    if (route === 'webhook') tiers.push(['webhook', req.ip]);
    else {
      tiers.push(['ip', req.ip]);
      if (req.userId) tiers.push(['user', req.userId]);
      if (req.apiKey) tiers.push(['apiKey', req.apiKey]);
      if (route) {
        const key = TIERS[route].by === 'ip' ? req.ip : req.userId;
        // A user tier without a valid session: the route answers 401 anyway, and the IP ceiling holds.
        if (key) tiers.push([route, key]);
      }
    }
    const results = await Promise.all(tiers.map(([tier, key]) => this.consume(tier, key)));
    let worst: Refusal | null = null;
    for (const r of results) if (r && (!worst || r.retryAfterS > worst.retryAfterS)) worst = r;
    if (worst) this.#metrics.rateLimited.inc({ tier: worst.tier });
    return worst;
  }

  /** One atomic consume; a refusal, or null when admitted or when the store failed (fail open). */
  async consume(tier: TierName, key: string): Promise<Refusal | null> {
    const limiter = this.#limiters.get(tier);
    if (!limiter) return null;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        limiter.consume(key),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`rate-limit store did not answer within ${this.#timeoutMs} ms`)), this.#timeoutMs);
        }),
      ]);
      if (this.#failing) {
        this.#failing = false;
        this.#log.info('rate-limit store is back: limits are enforced again');
      }
      return null;
    } catch (err) {
      if (err instanceof RateLimiterRes) return { tier, retryAfterS: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
      this.#metrics.rateLimitErrors.inc();
      if (!this.#failing) {
        this.#failing = true;
        this.#log.warn({ err: { message: (err as Error).message } }, 'rate-limit store failed: letting requests through until it answers');
      }
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    const redis = this.#redis;
    if (!redis) return;
    // QUIT waits for Redis's answer: only worth it when connected, and never for long (a hung Redis never answers).
    if (redis.status === 'ready') {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([redis.quit().catch(() => {}), new Promise((r) => (timer = setTimeout(r, 1_000)))]);
      clearTimeout(timer);
    }
    redis.disconnect();
  }
}

export function createRateLimits(opts: RateLimitsOptions): RateLimits {
  return new RateLimits(opts);
}

/** The 429 every limit answers, in the error envelope. */
export function rateLimitedError(r: Refusal): AppError {
  const t: Tier = TIERS[r.tier];
  const window = t.seconds === 3600 ? 'an hour' : t.seconds === 60 ? 'a minute' : `${t.seconds} s`;
  const per = t.by === 'ip' ? 'address' : t.by === 'key' ? 'API key' : 'user';
  return new AppError(429, 'rate_limited', `too many ${t.what} (limit per ${per} in ${window}): try again in ${r.retryAfterS} s`, {
    'Retry-After': String(r.retryAfterS),
  });
}

/** What the limiter needs of the app's dependencies (api/src/deps.ts; not imported, which would make a module cycle). */
export interface RateLimitDeps {
  rateLimits: RateLimits;
  env: Pick<ApiEnv, 'TRUST_PROXY'>;
}

/**
 * The Hono middleware for every /api route (app.ts). The raw fast paths (the webhook, GET /api/pets/{id}) call `limitNodeRequest`.
 * A request is counted as its user's when its bearer token decodes as a session (SessionSigner.decodeSession:
 * signature, issuer, audience, expiry, without the row, so a forged `sub` cannot pick or drain someone's
 * bucket; a revoked session is refused by requireSession after this, which reuses the decoding).
 */
export function rateLimit(deps: RateLimitDeps & { sessions: Pick<SessionSigner, 'decodeSession'> }): MiddlewareHandler {
  return async (c, next) => {
    if (deps.rateLimits.kind === 'off' || EXEMPT.test(c.req.path)) return next();
    let remote: string | undefined;
    try {
      remote = getConnInfo(c).remote.address;
    } catch {
      // app.request() in tests: no socket.
    }
    const ip = clientIp(remote, c.req.header('x-forwarded-for'), deps.env.TRUST_PROXY);
    const token = bearerToken(c.req.header('authorization'));
    let userId: string | null = null;
    if (token) {
      const claims = deps.sessions.decodeSession(token);
      c.set('sessionClaims', claims);
      userId = await claims.then((s) => s.userId, () => null);
    }
    const refused = await deps.rateLimits.check({ method: c.req.method, path: c.req.path, ip, userId, apiKey: apiKeyBucket(c.req.header('x-api-key')) });
    if (refused) throw rateLimitedError(refused);
    return next();
  };
}

/** The per-key bucket of an `X-API-Key` header: a prefix of its SHA-256 (the key itself is never a Redis key), or null without one. */
export function apiKeyBucket(header: string | undefined): string | null {
  if (!header) return null;
  return createHash('sha256').update(header).digest('hex').slice(0, 24);
}

/**
 * The same check for a request served outside Hono (the webhook's and GET /api/pets/{id}'s fast paths): null
 * to go on, else the 429. `userId`: the user its session token decodes to (as the middleware's), if any.
 */
export async function limitNodeRequest(
  deps: RateLimitDeps,
  req: { method: string; path: string; remote: string | undefined; headers: IncomingHttpHeaders; userId?: string | null },
): Promise<AppError | null> {
  const ip = clientIp(req.remote, req.headers['x-forwarded-for'], deps.env.TRUST_PROXY);
  const refused = await deps.rateLimits.check({ method: req.method, path: req.path, ip, userId: req.userId ?? null });
  return refused ? rateLimitedError(refused) : null;
}
