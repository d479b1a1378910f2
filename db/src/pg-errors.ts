/** A unique constraint said no (SQLSTATE 23505), on Postgres and PGlite alike: a race lost to another request. */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === '23505';
}

/**
 * Socket-level codes of a connection that could not be made or was cut: the
 * server is down, restarting, or unreachable. (Node sets `code` on the
 * AggregateError it raises when every address of a host refused.)
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs of a server that is going away or not taking connections yet:
 * 57P01 admin_shutdown (a fast shutdown, or pg_terminate_backend), 57P02
 * crash_shutdown, 57P03 cannot_connect_now (starting up / shutting down).
 * Class 08 (connection exception) is matched by prefix.
 */
const SERVER_GONE_CODES = new Set(['57P01', '57P02', '57P03']);

/**
 * What pg, pg-pool, PGlite and kysely say, without a code, when the connection
 * is gone: the socket ended mid-query, a client already broken by that is used
 * again (kysely's rollback), a connect that timed out or waited too long for a
 * free client, and a database used after close (a request racing shutdown).
 */
const MESSAGES = [
  /^Connection terminated/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
  /^timeout exceeded when trying to connect$/,
  /^Cannot use a pool after calling end on the pool$/,
  /^PGlite is closed$/,
  /^driver has already been destroyed$/,
];

/**
 * True when `err` means the database cannot be reached right now (dropped,
 * refused or not yet accepting connections), as opposed to a query that is
 * wrong. The api answers these with 503 `db_unavailable` and the worker leaves
 * the job for a retry; the pool reconnects by itself on the next query. The one
 * place these errors are recognised (pg 8 / pg-pool 3 / PGlite 0.5).
 */
export function isDbUnavailable(err: unknown): boolean {
  return check(err, 0);
}

function check(err: unknown, depth: number): boolean {
  if (err === null || typeof err !== 'object' || depth > 4) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string') {
    if (NETWORK_CODES.has(e.code) || SERVER_GONE_CODES.has(e.code)) return true;
    if (/^08[0-9A-Z]{3}$/.test(e.code)) return true;
  }
  if (typeof e.message === 'string' && MESSAGES.some((re) => re.test(e.message as string))) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => check(x, depth + 1))) return true;
  return check(e.cause, depth + 1);
}
