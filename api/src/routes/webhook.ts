/** POST /api/webhook/github — see ingest/handle-webhook.ts. (server.ts serves the same logic on a raw fast path.) */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps, AppEnv } from '../deps.ts';
import { handleWebhook, MAX_WEBHOOK_BYTES, tooLarge } from '../ingest/handle-webhook.ts';

export function webhookRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post(
    '/webhook/github',
    bodyLimit({
      maxSize: MAX_WEBHOOK_BYTES,
      onError: () => {
        throw tooLarge();
      },
    }),
    async (c) => {
      const r = await handleWebhook(
        deps,
        {
          event: c.req.header('x-github-event'),
          deliveryId: c.req.header('x-github-delivery'),
          signature: c.req.header('x-hub-signature-256'),
          contentType: c.req.header('content-type'),
          body: await c.req.text(),
        },
        () => c.get('log'),
      );
      return c.json(r.body, r.status);
    },
  );
}
