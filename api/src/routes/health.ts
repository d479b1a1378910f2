import { Hono } from 'hono';
import type { HealthReadyDto } from '@tamagitto/domain';
import type { AppDeps, AppEnv } from '../deps.ts';

/** Liveness never touches dependencies; readiness checks db and bus with a short timeout each. */
export function healthRoutes(deps: AppDeps) {
  const withTimeout = (p: Promise<boolean>, ms: number) =>
    Promise.race([p.catch(() => false), new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref())]);
  return new Hono<AppEnv>()
    .get('/health/live', (c) => c.json({ status: 'ok' as const }))
    .get('/health/ready', async (c) => {
      const [db, bus] = await Promise.all([withTimeout(deps.pingDb(), 2000), withTimeout(deps.bus.ping(), 2000)]);
      const body: HealthReadyDto = { status: db && bus ? 'ok' : 'degraded', checks: { db: db ? 'ok' : 'down', bus: bus ? 'ok' : 'down' } };
      return c.json(body, db && bus ? 200 : 503);
    })
    .get('/metrics', async (c) => {
      c.header('Content-Type', deps.metrics.registry.contentType);
      return c.body(await deps.metrics.registry.metrics());
    });
}
