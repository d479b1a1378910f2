/**
 * The scored work queue. Formula and sort: queue-score.ts; the GitHub reads:
 * build-queue.ts. A GitHub rate limit is reported inside the 200 answer
 * (`rateLimit`, plus Retry-After), not as a failure: the popup can still show
 * what we have.
 */
import { Hono, type Context } from 'hono';
import type { RecommendationsDto } from '@tamagitto/domain';
import type { AppDeps, AppEnv } from '../deps.ts';
import { route } from '../http/openapi.ts';
import { requireSession } from '../http/require-session.ts';
import { buildQueue } from './build-queue.ts';
import { QueueSchema, RecommendationsSchema } from './dto.ts';
import { topRecommendations } from './queue-score.ts';

const RATE_LIMITED_HEADERS = { 'Retry-After': 'Only when GitHub rate-limited us (`rateLimit.limited`): seconds until asking again is worthwhile.' };
// Search and pulls failures other than a rate limit: an expired token (401), a permission problem (429), an outage (502).
const GITHUB_ERRORS = [429, 502] as const;

export function queueRoutes(deps: AppDeps) {
  async function queueFor(c: Context<AppEnv>) {
    const q = await buildQueue(deps, c.get('userId'));
    if (q.rateLimit.retryAfterSeconds !== null) c.header('Retry-After', String(q.rateLimit.retryAfterSeconds));
    return q;
  }

  return new Hono<AppEnv>()
    .use('/github/queue', requireSession(deps.sessions))
    .use('/github/queue/*', requireSession(deps.sessions))
    .get(
      '/github/queue',
      route({
        tag: 'queue',
        summary: 'Your work queue: review requests, own PRs and assigned issues, scored',
        description: 'Unchanged GitHub data is revalidated with ETags, so refreshing often is cheap. When GitHub rate-limits us the answer is still 200, partial or from the last complete fetch (`stale`).',
        security: 'session',
        responses: { 200: { description: 'The queue', schema: QueueSchema, headers: RATE_LIMITED_HEADERS } },
        errors: GITHUB_ERRORS,
      }),
      async (c) => c.json(await queueFor(c)),
    )
    .get(
      '/github/queue/recommendations',
      route({
        tag: 'queue',
        summary: 'The top three of the queue, each with a reason',
        security: 'session',
        responses: { 200: { description: 'At most three items, ranked', schema: RecommendationsSchema, headers: RATE_LIMITED_HEADERS } },
        errors: GITHUB_ERRORS,
      }),
      async (c) => {
        const q = await queueFor(c);
        const body: RecommendationsDto = { items: topRecommendations(q), rateLimit: q.rateLimit };
        return c.json(body);
      },
    );
}
