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

/**
 * What the api reads of a delivery (documented only: the handler checks the
 * signature over the raw bytes before it parses anything). The whole payload
 * is stored byte for byte; the worker reads the push's commits from it.
 */
export const WebhookPayloadSchema = z
  .looseObject({
    action: z.string().optional().describe('For events with actions (pull_request: opened, synchronize, …).'),
    repository: z
      .looseObject({ id: z.number().int(), full_name: z.string() })
      .optional()
      .describe('The repository the event happened in; deliveries for repositories nobody adopted are stored, not analysed.'),
    after: z.string().optional().describe('push: the sha the branch points to now.'),
    commits: z.array(z.looseObject({ id: z.string(), message: z.string() })).optional().describe('push: the commits pushed, oldest first.'),
  })
  .meta({ id: 'WebhookPayload', description: "GitHub's event payload as GitHub sends it (see GitHub's webhook event documentation); only the fields below are read." });
