/**
 * `POST /api/webhook/github` as a Hono route. The logic is handle-webhook.ts;
 * server.ts serves the same route on a raw fast path (fast-webhook.ts) that
 * skips the Request/Response adaptation for `POST /api/webhook/github`
 * exactly. This route answers the rest (in-process app.request callers, the
 * path with a query string) the same way, and is the one the document
 * describes; bad-input.test.ts checks that both answer alike.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps, AppEnv } from '../deps.ts';
import { route } from '../http/openapi.ts';
import { WebhookAcceptedSchema, WebhookPayloadSchema, WebhookPingSchema } from './dto.ts';
import { handleWebhook, MAX_WEBHOOK_BYTES, tooLarge, webhookHeaders } from './handle-webhook.ts';

export function webhookRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post(
    '/webhook/github',
    route({
      tag: 'ingest',
      summary: 'Receive a GitHub webhook delivery',
      description:
        'Called by GitHub, not by clients. The body is the event payload as GitHub sends it (`application/json`, at most 25 MB). ' +
        'The signature is checked on the raw body before anything else: 401 `bad_signature` when it is missing or wrong. ' +
        'Then 400 `bad_request` for a missing or malformed X-GitHub-Delivery / X-GitHub-Event or a body that is not a JSON object, ' +
        '400 `unknown_event` for an event GitHub does not define, 415 when the webhook is not set to send JSON, 413 over 25 MB. ' +
        'The 202 comes as soon as the delivery is stored in the database; it is queued for analysis after, whatever the queue (Redis) does. ' +
        'While the database cannot be reached the answer is 503 `db_unavailable`: redeliver it (a delivery id already stored is acknowledged again, not processed twice).',
      security: 'webhook',
      bodyDocumented: WebhookPayloadSchema,
      requestHeaders: {
        'X-GitHub-Event': 'The event name (push, ping, pull_request, …).',
        'X-GitHub-Delivery': "GitHub's unique id for this delivery; a repeated id is acknowledged without doing anything again.",
        'X-Hub-Signature-256': 'sha256=<HMAC-SHA256 of the raw body with the webhook secret>.',
      },
      responses: {
        200: { description: 'A ping, acknowledged', schema: WebhookPingSchema },
        202: { description: 'Stored (and queued for analysis when it is a push)', schema: WebhookAcceptedSchema },
      },
      errors: [400, 401, 413, 415],
    }),
    bodyLimit({
      maxSize: MAX_WEBHOOK_BYTES,
      onError: () => {
        throw tooLarge();
      },
    }),
    async (c) => {
      // Refused from its headers before the body is read.
      const headers = webhookHeaders(deps, { event: c.req.header('x-github-event'), deliveryId: c.req.header('x-github-delivery'), signature: c.req.header('x-hub-signature-256') });
      const r = await handleWebhook(
        deps,
        {
          ...headers,
          contentType: c.req.header('content-type'),
          body: Buffer.from(await c.req.arrayBuffer()),
        },
        () => c.get('log'),
      );
      return c.json(r.body, r.status);
    },
  );
}
