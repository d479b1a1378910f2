/** The webhook's answers to GitHub, as zod schemas (documented, and checked in tests). */
import { z } from 'zod';

export const WebhookPingSchema = z
  .object({ ok: z.literal(true), event: z.literal('ping') })
  .meta({ id: 'WebhookPing', description: "GitHub's ping when a webhook is created: acknowledged, nothing stored." });

export const WebhookAcceptedSchema = z
  .object({
    accepted: z.literal(true),
    duplicate: z.boolean().describe('This delivery id was already stored (GitHub redelivered it): nothing new is done.'),
    queued: z.boolean().describe('A push for a known repository: the worker will analyse it. Other events are stored but not queued.'),
  })
  .meta({ id: 'WebhookAccepted', description: 'The delivery is stored durably before this answer.' });
