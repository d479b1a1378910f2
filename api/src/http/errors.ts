/**
 * Domain errors are plain classes; `onError` turns them into the envelope
 * `{ error: { code, message } }` (the ErrorSchema in ./openapi.ts). Nothing else reaches the
 * client: no stack, no HTML, no upstream error text that could hold a secret.
 */
import { STATUS_CODES } from 'node:http';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '@tamagitto/domain';
import { isDbUnavailable, type Logger } from '@tamagitto/db';

export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'resource') => new AppError(404, 'not_found', `${what} not found`);

/** Seconds a client should wait before trying again when the database is unreachable (a restart takes a few). */
export const DB_RETRY_AFTER_S = 5;

/**
 * The database cannot be reached (restarting, refusing connections, the
 * connection dropped mid-query): 503 `db_unavailable`, never a 500 — nothing is
 * wrong with the request, and GitHub or the client can send it again. Which
 * errors count is decided in one place, `isDbUnavailable` (@tamagitto/db).
 */
export function dbUnavailable(cause: unknown): AppError {
  return new AppError(503, 'db_unavailable', 'the database is not reachable right now; try again shortly', { 'Retry-After': String(DB_RETRY_AFTER_S) }, { cause });
}

/**
 * What a thrown error becomes on the wire, for the Hono app (renderError) and
 * the webhook's raw fast path alike: an AppError as it is, a database outage as
 * 503 `db_unavailable`, anything else null (a bug: 500 `internal`, logged).
 */
export function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (isDbUnavailable(err)) return dbUnavailable(err);
  return null;
}

/** Logs what a 5xx answer hides from the client: a database outage as a warning, anything else as an error. */
export function logServerError(log: Logger | undefined, err: AppError): void {
  if (err.status < 500) return;
  const detail = { name: err.name, message: err.message, code: err.code };
  if (err.code !== 'db_unavailable') return void log?.error({ err: detail }, 'request failed');
  // The driver's own words (e.g. "57P01 terminating connection…", "connect ECONNREFUSED"): no secrets, worth having.
  const cause = err.cause as { message?: unknown; code?: unknown } | undefined;
  log?.warn({ err: { ...detail, cause: { message: String(cause?.message), code: cause?.code } } }, 'request failed: database unavailable');
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400: return 'bad_request';
    case 401: return 'unauthorized';
    case 403: return 'forbidden';
    case 404: return 'not_found';
    case 409: return 'conflict';
    case 413: return 'payload_too_large';
    case 415: return 'unsupported_media_type';
    case 429: return 'rate_limited';
    case 503: return 'not_ready';
    default: return status >= 500 ? 'internal' : 'bad_request';
  }
}

export function renderError(c: Context, err: Error, log: Logger | undefined) {
  const app = toAppError(err);
  if (app) {
    for (const [k, v] of Object.entries(app.headers)) c.header(k, v);
    logServerError(log, app);
    return c.json({ error: { code: app.code, message: app.message } }, app.status);
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    return c.json({ error: { code: codeForStatus(status), message: err.message || 'request failed' } }, status);
  }
  log?.error({ err: { name: err.name, message: err.message, stack: err.stack } }, 'unhandled error');
  return c.json({ error: { code: 'internal' as ErrorCode, message: 'internal error' } }, 500);
}

/**
 * The answer to a request node's HTTP parser refused before any handler saw it (headers over 16 KB: 431;
 * a request line or header that is not HTTP: 400; too slow: 408), in the envelope like every other error:
 * the raw HTTP/1.1 text to write before closing the connection. server.ts's `clientError` listener sends it.
 */
export function clientErrorReply(err: { code?: string }): string {
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const message =
    status === 431 ? 'the request line and headers are over 16 KB' : status === 408 ? 'the request took too long to arrive' : 'the request is not valid HTTP';
  const body = JSON.stringify({ error: { code: 'bad_request' satisfies ErrorCode, message } });
  return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}
