/**
 * What the api says about a pet's failed analyses: the deliveries of its repository that
 * the worker gave up on (the dead letter), each with its cause, and the answer to retrying them.
 */
import type { DeliverySummary } from '@tamagitto/db';
import { z } from 'zod';

export const FailedDeliverySchema = z
  .object({
    deliveryId: z.string().describe("GitHub's delivery id (X-GitHub-Delivery)."),
    event: z.string().describe('The webhook event, e.g. `push`.'),
    receivedAt: z.string().describe('When the delivery arrived.'),
    attempts: z.number().int().describe('How many attempts failed before it was given up on.'),
    error: z.string().nullable().describe('The last cause, e.g. "gave up after 34 attempts (github): 502 Server Error".'),
    errorKind: z.enum(['transient', 'github', 'other']).nullable().describe('`github`: GitHub kept failing; `transient`: our own services; `other`: anything else.'),
    commits: z.number().int().describe('Commits in the push.'),
    headSha: z.string().nullable().describe("The push's head commit."),
  })
  .meta({ id: 'FailedDelivery', description: 'A delivery whose analysis failed for good (until retried).' });

export const FailedDeliveriesSchema = z
  .object({ failed: z.array(FailedDeliverySchema) })
  .meta({ id: 'FailedDeliveries', description: "The pet's repository's failed deliveries, newest first (at most 50)." });

export const RetriedSchema = z
  .object({ retried: z.number().int().describe('Deliveries queued again (0 when none had failed).') })
  .meta({ id: 'RetriedDeliveries', description: 'The failed deliveries were queued for analysis again.' });

export function toFailedDeliveryDto(d: DeliverySummary): z.infer<typeof FailedDeliverySchema> {
  return {
    deliveryId: d.deliveryId,
    event: d.event,
    receivedAt: new Date(d.receivedAt).toISOString(),
    attempts: d.attempts,
    error: d.error,
    errorKind: d.errorKind,
    commits: d.commits,
    headSha: d.headSha,
  };
}
