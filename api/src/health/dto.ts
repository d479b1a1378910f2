import { z } from 'zod';

export const LiveSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Live' });

export const ReadySchema = z
  .object({
    status: z.enum(['ok', 'degraded', 'unavailable']),
    checks: z.object({ db: z.enum(['ok', 'down']), bus: z.enum(['ok', 'down']) }),
  })
  .meta({
    id: 'HealthReady',
    description:
      'Readiness means this instance can accept webhooks: the database answers. 200 `ok` when the database and the bus answer; ' +
      '200 `degraded` when only the bus (Redis) is down — deliveries are stored in the database and enqueued when it is back; ' +
      '503 `unavailable` (same body) when the database does not answer.',
  });
