/**
 * The Hono app: routes per resource under /api, one error envelope, a request
 * id on every response and every log line. `AppType` feeds Hono's typed client.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import type { AppDeps, AppEnv } from './deps.ts';
import pkg from '../package.json' with { type: 'json' };
import { docsRoutes } from './docs/routes.ts';
import { CORS_ALLOW_HEADERS, CORS_ALLOW_METHODS, CORS_EXPOSE_HEADERS, corsOrigin } from './http/cors.ts';
import { AppError, renderError } from './http/errors.ts';
import { openApiDocument } from './http/openapi.ts';
import { rateLimit } from './http/rate-limit.ts';
import { MAX_JSON_BYTES } from './http/validate.ts';
import { WEBHOOK_PATH } from './ingest/fast-webhook.ts';
import { authRoutes } from './auth/routes.ts';
import { healthRoutes } from './health/routes.ts';
import { petRoutes } from './pets/routes.ts';
import { webhookRoutes } from './ingest/routes.ts';
import { liveRoutes } from './live/routes.ts';
import { ClientMessageSchema, ServerMessageSchema } from './live/dto.ts';
import { sessionRoutes } from './sessions/routes.ts';
import { queueRoutes } from './queue/routes.ts';
import { coachRoutes } from './coach/routes.ts';
import { puzzleRoutes } from './puzzles/routes.ts';
import { analyticsRoutes } from './analytics/routes.ts';
import { settingsRoutes } from './settings/routes.ts';
import { accountRoutes } from './account/routes.ts';
import { portraitRoutes } from './portraits/routes.ts';
import { deliveryRoutes } from './deliveries/routes.ts';
import { keyRoutes } from './keys/routes.ts';
import { checkRoutes } from './checks/routes.ts';

export interface AppOptions {
  /** Check every response against its documented schema (the test stack turns this on). */
  checkResponses?: boolean;
}

export function createApp(deps: AppDeps, options: AppOptions = {}) {
  const allowOrigin = corsOrigin(deps.env, deps.log);
  const app = new Hono<AppEnv>();

  app.use(
    '*',
    requestId({
      headerName: 'X-Request-Id',
      // Accept a caller's id only if it looks like one (it ends up in logs).
      generator: () => crypto.randomUUID(),
    }),
  );
  app.use('*', async (c, next) => {
    const log = deps.log.child({ requestId: c.get('requestId') });
    c.set('log', log);
    if (options.checkResponses) c.set('checkResponses', true);
    const started = performance.now();
    await next();
    const ms = performance.now() - started;
    const route = c.req.routePath || 'unmatched';
    deps.metrics.httpDuration.observe({ method: c.req.method, route, status: String(c.res.status) }, ms / 1000);
    log.debug({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(ms * 10) / 10 }, 'request');
  });
  app.use(
    '/api/*',
    cors({
      origin: allowOrigin,
      allowHeaders: CORS_ALLOW_HEADERS,
      allowMethods: CORS_ALLOW_METHODS,
      exposeHeaders: CORS_EXPOSE_HEADERS,
      maxAge: 600,
    }),
  );

  // After CORS, so a 429 carries the headers the extension needs to read it; before any body is read.
  app.use('/api/*', rateLimit(deps));

  // Every body but a webhook's is small JSON: past MAX_JSON_BYTES the request is refused before it is read
  // (by Content-Length, or as the stream arrives). The webhook has its own 25 MB limit.
  const jsonLimit = bodyLimit({
    maxSize: MAX_JSON_BYTES,
    onError: () => {
      throw new AppError(413, 'payload_too_large', `the body is over ${MAX_JSON_BYTES / 1024} KB`);
    },
  });
  // GET and HEAD carry no body (@hono/node-server hands Hono none): nothing to limit.
  app.use('/api/*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.path === WEBHOOK_PATH ? next() : jsonLimit(c, next)));

  // Before basePath(): it clones the app, and the clone must carry both handlers.
  app.notFound((c) => c.json({ error: { code: 'not_found' as const, message: 'no such route' } }, 404));
  app.onError((err, c) => renderError(c, err, c.get('log') ?? deps.log));

  const routes = app
    .basePath('/api')
    .route('/', healthRoutes(deps))
    .route('/', authRoutes(deps))
    .route('/', petRoutes(deps))
    .route('/', webhookRoutes(deps))
    .route('/', liveRoutes(deps))
    .route('/', sessionRoutes(deps))
    .route('/', queueRoutes(deps))
    .route('/', coachRoutes(deps))
    .route('/', puzzleRoutes(deps))
    .route('/', analyticsRoutes(deps))
    .route('/', settingsRoutes(deps))
    .route('/', accountRoutes(deps))
    .route('/', portraitRoutes(deps))
    .route('/', deliveryRoutes(deps))
    .route('/', keyRoutes(deps))
    .route('/', checkRoutes(deps))
    .route('/', docsRoutes(() => openApiDocument(app, { version: pkg.version, schemas: { ServerMessage: ServerMessageSchema, ClientMessage: ClientMessageSchema } })));

  return routes;
}

export type AppType = ReturnType<typeof createApp>;
