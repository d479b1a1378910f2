/**
 * The queue's JSON shapes, as zod schemas: the routes document and (in tests)
 * check their answers with them, and @tamagitto/domain's QueueDto & co. are
 * the types generated from them. GithubRate is shared with analytics (the
 * velocity chart reads GitHub through the same cache and rate state).
 */
import { QUEUE_REASON_CODES } from '@tamagitto/domain';
import { z } from 'zod';

export const QueueItemKindSchema = z.enum(['review_request', 'own_pr', 'assigned_issue']).meta({ id: 'QueueItemKind' });

export const CiStateSchema = z
  .enum(['success', 'failure', 'pending', 'none'])
  .meta({ id: 'CiState', description: 'CI of the head commit, from commit statuses and check runs together: any failure fails, anything running is pending.' });

export const QueueFactorsSchema = z
  .object({
    sizeLines: z.number().nullable().describe('additions + deletions; null for issues (size unknown).'),
    estimatedReviewMinutes: z.number(),
    ageHours: z.number(),
    waitingHours: z.number().describe('How long someone has been waiting on you (review requests).'),
    request: z.enum(['direct', 'team']).nullable().describe('Review requests only: asked of you by name, or of one of your teams.'),
    ci: CiStateSchema,
    draft: z.boolean(),
    blocked: z.boolean().describe('Merge conflicts, GitHub\'s "blocked" merge state, or a `blocked` label.'),
    approvals: z.number().nullable().describe('Own PRs: approvals (latest review per reviewer).'),
    changesRequested: z.boolean().nullable().describe('Own PRs: whether changes were requested (latest review per reviewer).'),
  })
  .meta({ id: 'QueueFactors', description: 'The inputs of `confidence_score`, shown to the user (formula: api/src/queue/queue-score.ts).' });

export const QueueItemSchema = z
  .object({
    id: z.string().describe('"owner/name#number"'),
    kind: QueueItemKindSchema,
    repo: z.string(),
    number: z.number(),
    title: z.string(),
    url: z.string(),
    author: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    confidence_score: z.number().describe('0–100: how confidently you can finish this now.'),
    factors: QueueFactorsSchema,
    breakdown: z.array(z.object({ factor: z.string(), points: z.number(), note: z.string() })).describe('Points each factor contributed, so the score can be explained.'),
  })
  .meta({ id: 'QueueItem' });

export const GithubRateSchema = z
  .object({
    limited: z.boolean(),
    retryAfterSeconds: z.number().nullable(),
    remaining: z.number().nullable(),
    limit: z.number().nullable(),
    resetAt: z.string().nullable(),
    message: z.string().nullable(),
  })
  .meta({ id: 'GithubRate', description: 'GitHub\'s rate limit as last seen; `limited` means GitHub asked us to back off and the data may be stale or partial.' });

export const QueueSchema = z
  .object({
    reviewRequests: z.array(QueueItemSchema),
    ownPullRequests: z.array(QueueItemSchema),
    assignedIssues: z.array(QueueItemSchema),
    fetchedAt: z.string(),
    stale: z.boolean().describe('True when some of this came from an earlier fetch because GitHub limited us.'),
    rateLimit: GithubRateSchema,
  })
  .meta({ id: 'Queue', description: 'The work queue, each list best score first.' });

export const QueueReasonCodeSchema = z
  .enum(QUEUE_REASON_CODES)
  .meta({ id: 'QueueReasonCode', description: 'Why an item is recommended; its params per code: QUEUE_REASON_PARAMS in db/domain/src/queue-reasons.ts.' });

export const QueueReasonSchema = z
  .object({
    code: QueueReasonCodeSchema,
    params: z.record(z.string(), z.union([z.string(), z.number()])).describe('The numbers and names in `reason` (`hours`: a duration in hours, `minutes`: an estimate, `ci`: a CiState).'),
  })
  .meta({ id: 'QueueReason', description: '`reason` as a code and params, for a client to word in its own language.' });

export const RecommendationSchema = z
  .object({
    rank: z.number(),
    pass: z.enum(['confidence', 'waiting']),
    reason: z.string().describe('In English; `reasonCode` says the same as a code.'),
    reasonCode: QueueReasonSchema,
    item: QueueItemSchema,
  })
  .meta({ id: 'Recommendation' });

export const RecommendationsSchema = z
  .object({ items: z.array(RecommendationSchema), rateLimit: GithubRateSchema })
  .meta({ id: 'Recommendations', description: 'The "math-test sort" of the whole queue, top 3: quick confident wins first, then what others have waited on longest.' });
