import { z } from 'zod';

export const LiveSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Live' });

export const ReadySchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    checks: z.object({ db: z.enum(['ok', 'down']), bus: z.enum(['ok', 'down']) }),
  })
  .meta({ id: 'HealthReady', description: 'Readiness: 200 when the database and the bus answer, 503 (same body) when one does not.' });
