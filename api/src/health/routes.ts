/**
 * Health: liveness, readiness and metrics. Liveness never touches
 * dependencies: it says the process works (restart it if not). Readiness says
 * the instance can accept webhooks, which needs the database only: a load
 * balancer stops sending traffic while the database does not answer. The bus
 * is reported but does not make the instance unready: a delivery stored while
 * Redis is down is enqueued when it is back (ingest/delivery-ingestor.ts), and
 * taking every instance out of rotation would turn a Redis blip into an outage.
 */
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../deps.ts';
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
      route({ tag: 'health', summary: 'Prometheus metrics (text exposition format)', security: 'public', responses: { 200: { description: 'Prometheus text format', contentType: 'text/plain' } } }),
      async (c) => {
        c.header('Content-Type', deps.metrics.registry.contentType);
        return c.body(await deps.metrics.registry.metrics());
      },
    );
}
