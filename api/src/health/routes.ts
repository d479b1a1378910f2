/**
 * Health: liveness, readiness and metrics. Liveness never touches
 * dependencies; readiness checks the database and the bus with a short
 * timeout each, so a load balancer stops sending traffic while one is down.
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
        summary: 'Readiness: the database and the bus answer',
        security: 'public',
        responses: { 200: ReadySchema, 503: { description: 'A dependency is down (same body, status degraded)', schema: ReadySchema } },
      }),
      async (c) => {
        const [db, bus] = await Promise.all([withTimeout(deps.pingDb(), 2000), withTimeout(deps.bus.ping(), 2000)]);
        return c.json({ status: db && bus ? 'ok' : 'degraded', checks: { db: db ? 'ok' : 'down', bus: bus ? 'ok' : 'down' } } as const, db && bus ? 200 : 503);
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
