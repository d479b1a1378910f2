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
import { AppError } from '../errors.ts';
import { handleWebhook, MAX_WEBHOOK_BYTES, tooLarge } from './handle-webhook.ts';

export const WEBHOOK_PATH = '/api/webhook/github';

export function isWebhookRequest(req: IncomingMessage): boolean {
  return req.method === 'POST' && req.url === WEBHOOK_PATH;
}

export function serveWebhook(deps: AppDeps, req: IncomingMessage, res: ServerResponse): void {
  const started = performance.now();
  const requestId = randomUUID();
  // A child logger only when something is logged: this path is hot.
  const log = () => deps.log.child({ requestId });
  const send = (status: number, body: unknown, extra: Record<string, string> = {}) => {
    const text = JSON.stringify(body);
    if (!res.headersSent) {
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'x-request-id': requestId, ...extra });
    }
    res.end(text);
    deps.metrics.httpDuration.observe({ method: 'POST', route: WEBHOOK_PATH, status: String(status) }, (performance.now() - started) / 1000);
  };
  const fail = (err: unknown) => {
    if (err instanceof AppError) return send(err.status, { error: { code: err.code, message: err.message } }, err.headers);
    log().error({ err: { message: (err as Error).message } }, 'webhook failed');
    send(500, { error: { code: 'internal', message: 'internal error' } });
  };

  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_WEBHOOK_BYTES) {
    // Refuse before reading; close so the client stops sending.
    res.setHeader('connection', 'close');
    fail(tooLarge());
    req.resume();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let aborted = false;
  req.on('data', (chunk: Buffer) => {
    if (aborted) return;
    size += chunk.length;
    if (size > MAX_WEBHOOK_BYTES) {
      aborted = true;
      res.setHeader('connection', 'close');
      fail(tooLarge());
      return;
    }
    chunks.push(chunk);
  });
  req.on('error', () => {
    aborted = true;
  });
  req.on('end', () => {
    if (aborted) return;
    const h = req.headers;
    handleWebhook(
      deps,
      {
        event: h['x-github-event'] as string | undefined,
        deliveryId: h['x-github-delivery'] as string | undefined,
        signature: h['x-hub-signature-256'] as string | undefined,
        contentType: h['content-type'],
        body: chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'),
      },
      log,
    ).then((r) => send(r.status, r.body), fail);
  });
}
