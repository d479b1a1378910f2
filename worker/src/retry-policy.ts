/**
 * When a failed delivery is tried again, and when it is given up on (dead-lettered).
 * The schedule is stored on the delivery row (`next_attempt_at`), not kept in the queue,
 * so a Redis restart loses no retry (process-delivery.ts writes it, due-retries.ts acts on it).
 *
 * Three kinds of failure (`DeliveryErrorKind`, db/src/schema.ts):
 * - `transient`: our own infrastructure dropped out (the database or Redis connection). Nothing
 *   is wrong with the delivery, so it is retried within seconds and never dead-lettered for it;
 *   these attempts do not count against the delivery's budget (see process-delivery.ts).
 * - `github`: GitHub failing (5xx, 429 or a rate-limited 403, or no answer at all). Incidents last
 *   hours, so exponential backoff with jitter over more than 24 h before giving up.
 * - `other`: anything else (a bug, a payload we cannot read, a 4xx that is not a rate limit):
 *   a few attempts, then the dead letter, where an operator can look at it and replay it.
 *
 * The numbers are the README's retry table (worker/README.md); change both together.
 */
import { isDbUnavailable, type DeliveryErrorKind } from '@tamagitto/db';

/** Transient: the delay before each retry of a run of lost connections; the last one repeats. */
export const TRANSIENT_DELAYS_MS: readonly number[] = [2_000, 5_000, 10_000, 20_000, 30_000];
/** Transient failures in a row (per worker process) before one counts against the budget as `other`: 24 h at 30 s. */
export const TRANSIENT_MAX_IN_A_ROW = 2_880;

/** GitHub: the first retry waits about this long, each next one twice as long… */
export const GITHUB_BASE_MS = 30_000;
/** …up to this (each delay is drawn between half its ceiling and the ceiling)… */
export const GITHUB_CAP_MS = 2 * 3600_000;
/** …and the delivery is dead-lettered when this many attempts have failed: 33 retries, at least 26 h. */
export const GITHUB_MAX_ATTEMPTS = 34;

/** Other errors: the delay before each retry; one more failure after the last is the dead letter. */
export const OTHER_DELAYS_MS: readonly number[] = [60_000, 5 * 60_000, 30 * 60_000];
export const OTHER_MAX_ATTEMPTS = OTHER_DELAYS_MS.length + 1;

/** The largest budget: a delivery bumped past it (e.g. it crashes the worker each time) is dead-lettered on sight. */
export const MAX_ATTEMPTS = Math.max(GITHUB_MAX_ATTEMPTS, OTHER_MAX_ATTEMPTS);

/** What GitHub asks us to wait, honoured as a floor (a rate limit's reset), at most this long. */
const MAX_GITHUB_HINT_MS = 2 * 3600_000;

/** A number in [0, 1): `Math.random` in production, fixed in tests. */
export type Rand = () => number;

/**
 * The delay before the next attempt, or null to dead-letter. `attempts` is how many attempts of
 * this kind have failed, this one included (for `transient`, how many in a row). Delays are drawn
 * in [ceiling/2, ceiling] ("equal jitter"): spread out so that a thousand deliveries failing
 * together do not return together, yet never shorter than half the ceiling — with full jitter
 * (0…ceiling) no number of attempts could promise the schedule spans 24 h.
 */
export function nextAttempt(kind: DeliveryErrorKind, attempts: number, rand: Rand = Math.random): number | null {
  const n = Math.max(1, Math.floor(attempts));
  const jitter = (ceiling: number) => Math.round(ceiling / 2 + (ceiling / 2) * clamp01(rand()));
  switch (kind) {
    case 'transient':
      if (n > TRANSIENT_MAX_IN_A_ROW) return null;
      return jitter(TRANSIENT_DELAYS_MS[Math.min(n, TRANSIENT_DELAYS_MS.length) - 1]!);
    case 'github':
      if (n >= GITHUB_MAX_ATTEMPTS) return null;
      return jitter(githubCeiling(n));
    case 'other':
      if (n >= OTHER_MAX_ATTEMPTS) return null;
      return jitter(OTHER_DELAYS_MS[n - 1]!);
  }
}

/** The ceiling of the n-th GitHub retry: 30 s, 1 min, 2 min … 2 h, 2 h … */
export function githubCeiling(n: number): number {
  return Math.min(GITHUB_CAP_MS, GITHUB_BASE_MS * 2 ** Math.min(30, n - 1));
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0.5;
}

interface OctokitLikeError {
  name?: unknown;
  status?: unknown;
  message?: unknown;
  request?: unknown;
  response?: { headers?: Record<string, string | number | undefined> };
}

/** An error from Octokit's request layer (`RequestError`, named HttpError): GitHub answered with a status, or not at all. */
function githubStatus(err: unknown): number | null {
  const e = err as OctokitLikeError | null;
  if (!e || typeof e !== 'object' || e.name !== 'HttpError' || typeof e.status !== 'number') return null;
  return e.status;
}

/** What ioredis and the bus say when Redis cannot be reached (their connection errors carry no SQLSTATE). */
const REDIS_MESSAGES = [
  /^Redis is not reachable/,
  /^bus is closed$/,
  /^Connection is closed\.?$/,
  /^Reached the max retries per request limit/,
  /^Stream isn't writeable/,
  /^LOADING /,
];

function isRedisUnavailable(err: unknown): boolean {
  const e = err as { name?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.name === 'MaxRetriesPerRequestError') return true;
  return typeof e.message === 'string' && REDIS_MESSAGES.some((re) => re.test(e.message as string));
}

/** True for GitHub's "you are rate limited" answers: 429, or 403 with no requests left or a rate-limit message. */
function isRateLimited(err: OctokitLikeError, status: number): boolean {
  if (status === 429) return true;
  if (status !== 403) return false;
  const h = err.response?.headers ?? {};
  if (String(h['x-ratelimit-remaining'] ?? '') === '0' || h['retry-after'] !== undefined) return true;
  return typeof err.message === 'string' && /rate limit/i.test(err.message);
}

/**
 * Which policy a failure falls under. GitHub's errors are recognised first: a network error
 * talking to GitHub also carries ECONNREFUSED-like causes, and must not pass for our database.
 */
export function classifyError(err: unknown): DeliveryErrorKind {
  const status = githubStatus(err);
  if (status !== null) {
    // No answer at all (Octokit reports it as 500), a server error, or a rate limit.
    if (status >= 500 || isRateLimited(err as OctokitLikeError, status)) return 'github';
    return 'other';
  }
  if (isDbUnavailable(err) || isRedisUnavailable(err)) return 'transient';
  return 'other';
}

/**
 * How long GitHub asked us to wait (`Retry-After`, or a rate limit's reset time), as a floor for
 * the next delay; 0 when it said nothing.
 */
export function githubRetryAfterMs(err: unknown, now: Date): number {
  const h = (err as OctokitLikeError | null)?.response?.headers;
  if (!h) return 0;
  const retryAfter = Number(h['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter > 0) return Math.min(MAX_GITHUB_HINT_MS, retryAfter * 1000);
  if (String(h['x-ratelimit-remaining'] ?? '') === '0') {
    const reset = Number(h['x-ratelimit-reset']) * 1000;
    if (Number.isFinite(reset) && reset > now.getTime()) return Math.min(MAX_GITHUB_HINT_MS, reset - now.getTime() + 1_000);
  }
  return 0;
}

/**
 * The delay before the next attempt after `err` (of `kind`, the `attempts`-th failure), or null to
 * dead-letter: `nextAttempt`, never shorter than what GitHub asked for (`githubRetryAfterMs`).
 */
export function retryDelay(kind: DeliveryErrorKind, attempts: number, err: unknown, now: Date, rand?: Rand): number | null {
  const delay = nextAttempt(kind, attempts, rand);
  return delay !== null && kind === 'github' ? Math.max(delay, githubRetryAfterMs(err, now)) : delay;
}

/** A failure as stored on its row (delivery or check): the message, led by the HTTP status when it does not say it. */
export function errorText(err: unknown): string {
  const status = (err as { status?: unknown } | null)?.status;
  const text = String((err as Error | null)?.message ?? err);
  return typeof status === 'number' && !text.includes(String(status)) ? `${status} ${text}` : text;
}
