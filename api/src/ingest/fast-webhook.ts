/**
 * The webhook endpoint on plain node:http, in front of Hono. GitHub's
 * deliveries are the one hot path (bench/webhook-ingest): skipping the
 * Request/Response adaptation and the generic middleware chain roughly
 * halves the per-request CPU. Same logic (handle-webhook.ts), same envelope,
 * same X-Request-Id and metrics as every other route.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppDeps } from '../deps.ts';
import { logServerError, toAppError } from '../http/errors.ts';
import { limitNodeRequest } from '../http/rate-limit.ts';
import { handleWebhook, MAX_WEBHOOK_BYTES, tooLarge, webhookHeaders, type WebhookInput } from './handle-webhook.ts';

export const WEBHOOK_PATH = '/api/webhook/github';

export function isWebhookRequest(req: IncomingMessage): boolean {
  return req.method === 'POST' && req.url === WEBHOOK_PATH;
}

/**
 * One request's answer. Module-level functions over this record, not closures
 * made per request: tsx (how the api runs, in production too) compiles with
 * keepNames, so every named closure costs an Object.defineProperty each time it
 * is created: ~2-3 % of this path's CPU in the profile.
 */
interface Reply {
  deps: AppDeps;
  res: ServerResponse;
  requestId: string;
  started: number;
}

function send(r: Reply, status: number, body: unknown, extra?: Record<string, string>): void {
  const text = JSON.stringify(body);
  if (!r.res.headersSent) {
    r.res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'x-request-id': r.requestId, ...extra });
  }
  r.res.end(text);
  observe(r, status);
}

/**
 * The 202s, by (duplicate, queued): every accepted delivery answers one of four bodies, encoded
 * once; the headers go as a flat array (no object to copy and walk per answer).
 */
const ACCEPTED = [false, true].map((duplicate) => [false, true].map((queued) => Buffer.from(JSON.stringify({ accepted: true, duplicate, queued }))));

function sendAccepted(r: Reply, body: { duplicate: boolean; queued: boolean }): void {
  const bytes = ACCEPTED[body.duplicate ? 1 : 0]![body.queued ? 1 : 0]!;
  r.res.writeHead(202, ['content-type', 'application/json', 'content-length', String(bytes.length), 'x-request-id', r.requestId]);
  r.res.end(bytes);
  observe(r, 202);
}

/** The histogram's series per status, looked up once (prom-client hashes a label object on every observe). */
const series = new WeakMap<AppDeps['metrics'], Map<number, { observe(seconds: number): void }>>();

function observe(r: Reply, status: number): void {
  let byStatus = series.get(r.deps.metrics);
  if (!byStatus) series.set(r.deps.metrics, (byStatus = new Map()));
  let s = byStatus.get(status);
  if (!s) byStatus.set(status, (s = r.deps.metrics.httpDuration.labels({ method: 'POST', route: WEBHOOK_PATH, status: String(status) })));
  s.observe((performance.now() - r.started) / 1000);
}

/** The same mapping as the Hono app's renderError: a database outage is 503 `db_unavailable`, a bug a logged 500. */
function fail(r: Reply, err: unknown): void {
  const app = toAppError(err);
  if (app) {
    if (app.status >= 500) logServerError(r.deps.log.child({ requestId: r.requestId }), app);
    return send(r, app.status, { error: { code: app.code, message: app.message } }, app.headers);
  }
  r.deps.log.child({ requestId: r.requestId }).error({ err: { message: (err as Error).message } }, 'webhook failed');
  send(r, 500, { error: { code: 'internal', message: 'internal error' } });
}

export function serveWebhook(deps: AppDeps, req: IncomingMessage, res: ServerResponse): void {
  const reply: Reply = { deps, res, requestId: randomUUID(), started: performance.now() };
  const h = req.headers;
  let headers: Pick<WebhookInput, 'event' | 'deliveryId' | 'signature'>;
  try {
    headers = webhookHeaders(deps, { event: h['x-github-event'] as string | undefined, deliveryId: h['x-github-delivery'] as string | undefined, signature: h['x-hub-signature-256'] as string | undefined });
  } catch (err) {
    // Refused from its headers: the body is never read, and the connection is closed so the client stops sending.
    res.setHeader('connection', 'close');
    fail(reply, err);
    req.resume();
    return;
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_WEBHOOK_BYTES) {
    // Refuse before reading; close so the client stops sending.
    res.setHeader('connection', 'close');
    fail(reply, tooLarge());
    req.resume();
    return;
  }
  if (deps.rateLimits.kind === 'off') return readAndHandle(reply, req, headers);
  // The per-IP webhook tier (http/rate-limit.ts), before the body is read: the stream stays paused meanwhile.
  limitNodeRequest(deps, { method: 'POST', path: WEBHOOK_PATH, remote: req.socket.remoteAddress, headers: h }).then(
    (refused) => {
      if (!refused) return readAndHandle(reply, req, headers);
      res.setHeader('connection', 'close');
      fail(reply, refused);
      req.resume();
    },
    (err: unknown) => fail(reply, err),
  );
}

function readAndHandle(reply: Reply, req: IncomingMessage, headers: Pick<WebhookInput, 'event' | 'deliveryId' | 'signature'>): void {
  const { deps, res } = reply;
  const h = req.headers;
  const chunks: Buffer[] = [];
  let size = 0;
  let aborted = false;
  req.on('data', (chunk: Buffer) => {
    if (aborted) return;
    size += chunk.length;
    if (size > MAX_WEBHOOK_BYTES) {
      aborted = true;
      res.setHeader('connection', 'close');
      fail(reply, tooLarge());
      return;
    }
    chunks.push(chunk);
  });
  req.on('error', () => {
    aborted = true;
  });
  req.on('end', () => {
    if (aborted) return;
    handleWebhook(
      deps,
      {
        ...headers,
        contentType: h['content-type'],
        body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size),
      },
      // A child logger only when something is logged: this path is hot.
      () => deps.log.child({ requestId: reply.requestId }),
    ).then(
      (r) => (r.status === 202 && !res.headersSent ? sendAccepted(reply, r.body) : send(reply, r.status, r.body)),
      (err: unknown) => fail(reply, err),
    );
  });
}
