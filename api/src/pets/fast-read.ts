/**
 * `GET /api/pets/{id}` with a session on plain node:http, in front of Hono,
 * the way ingest/fast-webhook.ts serves the webhook: the authenticated read
 * path (bench/read-path) without the Request/Response adaptation and the
 * generic middleware chain. The answer is the Hono route's (pets/routes.ts):
 * same body (store.ts readPet, the pet cache), same error envelope and codes
 * in the same order (rate limit, then session, then pet), same X-Request-Id
 * (a caller's id when it looks like one, as hono/request-id), same CORS
 * headers (http/cors.ts), the same request metric, and with `checkResponses`
 * (the test stack) the body is checked against PetSchema.
 *
 * Only the plain case comes here (isPetReadRequest): GET, the path exactly
 * `/api/pets/<uuid>` (no query), a Bearer token, no X-API-Key, no body.
 * Anything else goes to Hono, which answers it the same way.
 *
 * When the session and the pet are cached (auth/session-cache.ts,
 * pet-cache.ts), the answer is written synchronously from the cached JSON: no
 * promise, no query. Module-level functions over one record per request, not
 * closures (tsx's keepNames makes every named closure cost a defineProperty).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppDeps } from '../deps.ts';
import { CORS_EXPOSE_HEADERS, corsOrigin } from '../http/cors.ts';
import { AppError, logServerError, toAppError } from '../http/errors.ts';
import { bearerToken } from '../http/headers.ts';
import { limitNodeRequest } from '../http/rate-limit.ts';
import { PetSchema } from './dto.ts';
import { petCacheOf, type CachedPet, type PetCache } from './pet-cache.ts';
import { readPet } from './store.ts';

const PREFIX = '/api/pets/';
/** `/api/pets/` and a uuid, nothing else (validate.ts's UUID, anchored on the whole path). */
const PET_PATH = /^\/api\/pets\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The route's metric label, as Hono names it (c.req.routePath). */
const ROUTE = '/api/pets/:id';
/** hono/request-id's rule for a caller's X-Request-Id. */
const CALLER_ID = /[^\w\-=]/;
const EXPOSE = CORS_EXPOSE_HEADERS.join(',');

export function isPetReadRequest(req: IncomingMessage): boolean {
  const url = req.url!;
  if (req.method !== 'GET' || url.length !== PREFIX.length + 36 || !url.startsWith(PREFIX) || !PET_PATH.test(url)) return false;
  const h = req.headers;
  return h.authorization !== undefined && h['x-api-key'] === undefined && h['content-length'] === undefined && h['transfer-encoding'] === undefined;
}

export interface FastReadOptions {
  /** Check every answer against PetSchema (the test stack, as app.ts's checkResponses). */
  checkResponses?: boolean;
}

/** What the fast path keeps per app: built once (startApiServer), not per request. */
export interface FastRead {
  deps: AppDeps;
  cache: PetCache;
  allowOrigin: (origin: string | undefined) => string | null;
  checkResponses: boolean;
  /** The histogram's series per status, looked up once (prom-client hashes a label object on every observe). */
  series: Map<number, { observe(seconds: number): void }>;
  debug: boolean;
}

export function fastRead(deps: AppDeps, opts: FastReadOptions = {}): FastRead {
  return {
    deps,
    cache: petCacheOf(deps),
    allowOrigin: corsOrigin(deps.env),
    checkResponses: !!opts.checkResponses,
    series: new Map(),
    debug: deps.log.isLevelEnabled('debug'),
  };
}

/** One request. */
interface Reply {
  f: FastRead;
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  petId: string;
  token: string | null;
  started: number;
}

export function servePetRead(f: FastRead, req: IncomingMessage, res: ServerResponse): void {
  const h = req.headers;
  const caller = h['x-request-id'] as string | undefined;
  const r: Reply = {
    f,
    req,
    res,
    requestId: caller && caller.length <= 255 && !CALLER_ID.test(caller) ? caller : randomUUID(),
    petId: req.url!.slice(PREFIX.length),
    token: bearerToken(h.authorization),
    started: performance.now(),
  };
  if (f.deps.rateLimits.kind === 'off' && r.token !== null) {
    // The hot case: session and pet cached, answered before this function returns.
    const now = Date.now();
    const claims = f.deps.sessions.cachedLiveSession(r.token, now);
    const hit = claims && f.cache.get(claims.userId, r.petId, now);
    if (hit) return sendPet(r, hit);
  }
  answer(r).then(
    (pet) => sendPet(r, pet),
    (err: unknown) => fail(r, err),
  );
}

/** The Hono chain's order: the rate limit (keyed by the token's user when it decodes), then the session, then the pet. */
async function answer(r: Reply): Promise<CachedPet> {
  const { deps } = r.f;
  const claims = r.token === null ? null : deps.sessions.decodeSession(r.token);
  // Settled below whatever the limiter says (an unhandled rejection otherwise).
  claims?.catch(() => undefined);
  if (deps.rateLimits.kind !== 'off') {
    const userId = claims ? await claims.then((c) => c.userId, () => null) : null;
    const refused = await limitNodeRequest(deps, { method: 'GET', path: r.req.url!, remote: r.req.socket.remoteAddress, headers: r.req.headers, userId });
    if (refused) throw refused;
  }
  // requireSession's refusal (http/require-session.ts), word for word.
  if (!claims) throw new AppError(401, 'unauthorized', 'sign in first: missing Authorization: Bearer <token>');
  const c = await claims;
  await deps.sessions.assertLive(c);
  return readPet(deps, c.userId, r.petId);
}

function sendPet(r: Reply, pet: CachedPet): void {
  if (r.f.checkResponses) {
    const checked = PetSchema.safeParse(pet.dto);
    if (!checked.success) return fail(r, new AppError(500, 'contract_violation', `GET ${ROUTE}: body of 200 does not match its schema: ${checked.error.message}`));
  }
  write(r, 200, pet.json, pet.length);
}

/** The headers every /api answer carries (app.ts: request id, CORS), then the body. */
function write(r: Reply, status: number, body: string, length: string, extra?: Record<string, string>): void {
  const { res, f } = r;
  if (!res.headersSent) {
    const headers = ['content-type', 'application/json', 'content-length', length, 'x-request-id', r.requestId, 'access-control-expose-headers', EXPOSE, 'vary', 'Origin'];
    const origin = r.req.headers.origin;
    const allowed = origin === undefined ? null : f.allowOrigin(origin);
    if (allowed !== null) headers.push('access-control-allow-origin', allowed);
    if (extra) for (const k in extra) headers.push(k.toLowerCase(), extra[k]!);
    res.writeHead(status, headers);
  }
  res.end(body);
  observe(r, status);
}

function writeJson(r: Reply, status: number, body: unknown, extra?: Record<string, string>): void {
  const text = JSON.stringify(body);
  write(r, status, text, String(Buffer.byteLength(text)), extra);
}

function observe(r: Reply, status: number): void {
  const { f } = r;
  let s = f.series.get(status);
  if (!s) f.series.set(status, (s = f.deps.metrics.httpDuration.labels({ method: 'GET', route: ROUTE, status: String(status) })));
  const ms = performance.now() - r.started;
  s.observe(ms / 1000);
  if (f.debug) f.deps.log.debug({ requestId: r.requestId, method: 'GET', path: r.req.url, status, ms: Math.round(ms * 10) / 10 }, 'request');
}

/** The Hono app's renderError: an AppError in the envelope (a database outage is 503 `db_unavailable`), anything else a logged 500. */
function fail(r: Reply, err: unknown): void {
  const app = toAppError(err);
  if (app) {
    if (app.status >= 500) logServerError(r.f.deps.log.child({ requestId: r.requestId }), app);
    return writeJson(r, app.status, { error: { code: app.code, message: app.message } }, app.headers);
  }
  const e = err as Error;
  r.f.deps.log.child({ requestId: r.requestId }).error({ err: { name: e.name, message: e.message, stack: e.stack } }, 'unhandled error');
  writeJson(r, 500, { error: { code: 'internal', message: 'internal error' } });
}
