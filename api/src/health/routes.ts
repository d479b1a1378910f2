/**
 * Health: liveness, readiness and metrics (behind METRICS_TOKEN). Liveness never touches
 * dependencies: it says the process works (restart it if not). Readiness says
 * the instance can accept webhooks, which needs the database only: a load
 * balancer stops sending traffic while the database does not answer. The bus
 * is reported but does not make the instance unready: a delivery stored while
 * Redis is down is enqueued when it is back (ingest/delivery-ingestor.ts), and
 * taking every instance out of rotation would turn a Redis blip into an outage.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import { bearerToken } from '../http/headers.ts';
import { route } from '../http/openapi.ts';
import { LiveSchema, ReadySchema } from './dto.ts';

export function healthRoutes(deps: AppDeps) {
  const withTimeout = (p: Promise<boolean>, ms: number) =>
    Promise.race([p.catch(() => false), new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref())]);
  return new Hono<AppEnv>()
    .get('/health/live', route({ tag: 'health', summary: 'Liveness: the process answers', security: 'public', responses: { 200: LiveSchema } }), (c) =>
      c.json({ status: 'ok' as const }),
    )
    .get(
      '/health/ready',
      route({
        tag: 'health',
        summary: 'Readiness: the instance can accept webhooks (the database answers)',
        description: 'The bus is reported in `checks.bus`; Redis down alone answers 200 `degraded`, not 503.',
        security: 'public',
        responses: {
          200: { description: 'The database answers (`ok`, or `degraded` when the bus is down)', schema: ReadySchema },
          503: { description: 'The database does not answer (same body, status unavailable)', schema: ReadySchema },
        },
      }),
      async (c) => {
        const [db, bus] = await Promise.all([withTimeout(deps.pingDb(), 2000), withTimeout(deps.bus.ping(), 2000)]);
        const status = !db ? 'unavailable' : bus ? 'ok' : 'degraded';
        return c.json({ status, checks: { db: db ? 'ok' : 'down', bus: bus ? 'ok' : 'down' } } as const, db ? 200 : 503);
      },
    )
    .get(
      '/metrics',
      route({
        tag: 'health',
        summary: 'Prometheus metrics (text exposition format)',
        description:
          'For the scraper, not the public: requires `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise) and answers 404 when METRICS_TOKEN is not configured. Caddy does not serve it; scrape each instance directly.',
        security: 'public',
        requestHeaders: { Authorization: 'Bearer <METRICS_TOKEN>' },
        responses: { 200: { description: 'Prometheus text format', contentType: 'text/plain' } },
        errors: [401, 404],
      }),
      async (c) => {
        const token = deps.env.METRICS_TOKEN;
        if (!token) throw new AppError(404, 'not_found', 'no such route');
        if (!bearerMatches(c.req.header('authorization'), token)) throw new AppError(401, 'unauthorized', 'metrics need Authorization: Bearer <METRICS_TOKEN>');
        c.header('Content-Type', deps.metrics.registry.contentType);
        return c.body(await deps.metrics.registry.metrics());
      },
    );
}

/** Constant-time: both sides are hashed to 32 bytes first, so neither the length nor a prefix leaks through timing. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = bearerToken(header) ?? '';
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(given), digest(token)) && given.length > 0;
}
