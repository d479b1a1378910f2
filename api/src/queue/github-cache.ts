/**
 * GitHub reads for the queue (and the features that read GitHub the same
 * way: the session summary's reviewed PRs, the velocity chart): conditional
 * requests with ETags and rate-limit awareness, per user.
 *
 * Why: the popup refreshes the queue often; a 304 answer to `If-None-Match`
 * does not count against GitHub's rate limit, so a refresh of an unchanged
 * queue costs (almost) nothing. Cached bodies live in process memory (bounded
 * LRU): they can always be rebuilt from GitHub, and a second api instance just
 * pays one full request per URL to fill its own cache.
 *
 * When GitHub says "slow down" (403 with x-ratelimit-remaining: 0, or 429, or
 * any retry-after), the user's GitHub calls pause until the reset and callers
 * get a `GithubRateLimited` they turn into a friendly field in the response.
 */
import type { Octokit } from '@octokit/rest';
import type { AppDeps } from '../deps.ts';
import { githubStatus } from '../github/client.ts';

interface CachedResponse {
  etag: string;
  status: number;
  url: string;
  headers: Record<string, string | number | undefined>;
  data: unknown;
}

export interface RateState {
  limit: number | null;
  remaining: number | null;
  resetAt: string | null;
  /** Set after a 403/429: no calls for this user until then. */
  limitedUntil: number | null;
}

export class GithubRateLimited extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`GitHub rate limit reached: retry in ${retryAfterSeconds} s`);
    this.name = 'GithubRateLimited';
  }
}

const MAX_USERS = 1_000;
const MAX_ENTRIES_PER_USER = 500;

export class GithubCache {
  readonly #byUser = new Map<string, Map<string, CachedResponse>>();
  readonly #rate = new Map<string, RateState>();
  /** Counters the tests (and /metrics later) read: how often a 304 saved a full response. */
  readonly stats = { requests: 0, notModified: 0 };

  get(userId: string, key: string): CachedResponse | undefined {
    const m = this.#byUser.get(userId);
    const hit = m?.get(key);
    if (m && hit) {
      m.delete(key); // LRU: re-insert as newest
      m.set(key, hit);
    }
    return hit;
  }

  set(userId: string, key: string, value: CachedResponse): void {
    let m = this.#byUser.get(userId);
    if (!m) {
      if (this.#byUser.size >= MAX_USERS) this.#byUser.delete(this.#byUser.keys().next().value as string);
      m = new Map();
      this.#byUser.set(userId, m);
    }
    m.delete(key);
    m.set(key, value);
    if (m.size > MAX_ENTRIES_PER_USER) m.delete(m.keys().next().value as string);
  }

  rate(userId: string): RateState {
    let r = this.#rate.get(userId);
    if (!r) {
      r = { limit: null, remaining: null, resetAt: null, limitedUntil: null };
      this.#rate.set(userId, r);
    }
    return r;
  }
}

const caches = new WeakMap<AppDeps, GithubCache>();

/** One cache per running app (tests start several stacks in one process). */
export function githubCacheFor(deps: AppDeps): GithubCache {
  let c = caches.get(deps);
  if (!c) {
    c = new GithubCache();
    caches.set(deps, c);
  }
  return c;
}

function header(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const v = headers?.[name];
  return v === undefined || v === null ? undefined : String(v);
}

/**
 * An Octokit for `token` whose GET requests send `If-None-Match` and answer a
 * 304 from the cache, and which records GitHub's rate-limit headers.
 *
 * @example
 * const gh = cachedGithub(deps, userId, token);
 * const { data } = await gh.rest.search.issuesAndPullRequests({ q: 'is:pr author:octocat' });
 */
export function cachedGithub(deps: AppDeps, userId: string, token: string): Octokit {
  const cache = githubCacheFor(deps);
  const gh = deps.github(token);
  const rate = cache.rate(userId);
  gh.hook.wrap('request', async (request, options) => {
    const now = deps.now().getTime();
    if (rate.limitedUntil !== null) {
      if (rate.limitedUntil > now) throw new GithubRateLimited(Math.ceil((rate.limitedUntil - now) / 1000));
      rate.limitedUntil = null;
    }
    const endpoint = gh.request.endpoint.parse(options);
    const key = `${endpoint.method} ${endpoint.url}`;
    const cached = endpoint.method === 'GET' ? cache.get(userId, key) : undefined;
    if (cached) options.headers = { ...options.headers, 'if-none-match': cached.etag };
    cache.stats.requests++;
    try {
      const res = await request(options);
      record(rate, res.headers as Record<string, unknown>);
      const etag = header(res.headers as Record<string, unknown>, 'etag');
      if (endpoint.method === 'GET' && etag) {
        cache.set(userId, key, { etag, status: res.status, url: res.url, headers: res.headers as CachedResponse['headers'], data: res.data });
      }
      return res;
    } catch (err) {
      const status = githubStatus(err);
      const headers = (err as { response?: { headers?: Record<string, unknown> } }).response?.headers;
      record(rate, headers);
      if (status === 304 && cached) {
        cache.stats.notModified++;
        return { status: 200, url: cached.url, headers: cached.headers, data: cached.data } as Awaited<ReturnType<typeof request>>;
      }
      const retryAfter = retryAfterSeconds(status, headers, now);
      if (retryAfter !== null) {
        rate.limitedUntil = now + retryAfter * 1000;
        throw new GithubRateLimited(retryAfter);
      }
      throw err;
    }
  });
  return gh;
}

function record(rate: RateState, headers: Record<string, unknown> | undefined): void {
  const limit = header(headers, 'x-ratelimit-limit');
  const remaining = header(headers, 'x-ratelimit-remaining');
  const reset = header(headers, 'x-ratelimit-reset');
  if (limit !== undefined) rate.limit = Number(limit);
  if (remaining !== undefined) rate.remaining = Number(remaining);
  if (reset !== undefined) rate.resetAt = new Date(Number(reset) * 1000).toISOString();
}

/**
 * GitHub's documented back-off signals: `retry-after` (secondary limits), or a
 * 403/429 with `x-ratelimit-remaining: 0` (wait until `x-ratelimit-reset`).
 * A plain 403 (no permission) is not a rate limit.
 */
export function retryAfterSeconds(status: number | undefined, headers: Record<string, unknown> | undefined, nowMs: number): number | null {
  if (status !== 403 && status !== 429) return null;
  const ra = header(headers, 'retry-after');
  if (ra !== undefined && Number.isFinite(Number(ra))) return Math.max(1, Math.ceil(Number(ra)));
  if (header(headers, 'x-ratelimit-remaining') === '0') {
    const reset = Number(header(headers, 'x-ratelimit-reset'));
    if (Number.isFinite(reset)) return Math.max(1, Math.ceil(reset - nowMs / 1000));
    return 60;
  }
  return status === 429 ? 60 : null;
}
