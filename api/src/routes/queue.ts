/**
 * The scored work queue (issue 5). Formula and sort: coach/queue-score.ts.
 * A GitHub rate limit is reported inside the 200 answer (`rateLimit`), not as
 * a failure: the popup can still show what we have.
 */
import { Hono, type Context } from 'hono';
import type { RecommendationsDto } from '@tamagitto/domain';
import { buildQueue } from '../coach/queue.ts';
import { topRecommendations } from '../coach/queue-score.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { requireSession } from '../http/require-session.ts';

export function queueRoutes(deps: AppDeps) {
  async function queueFor(c: Context<AppEnv>) {
    const q = await buildQueue(deps, c.get('userId'));
    if (q.rateLimit.retryAfterSeconds !== null) c.header('Retry-After', String(q.rateLimit.retryAfterSeconds));
    return q;
  }

  return new Hono<AppEnv>()
    .use('/github/queue', requireSession(deps.sessions))
    .use('/github/queue/*', requireSession(deps.sessions))
    .get('/github/queue', async (c) => c.json(await queueFor(c)))
    .get('/github/queue/recommendations', async (c) => {
      const q = await queueFor(c);
      const body: RecommendationsDto = { items: topRecommendations(q), rateLimit: q.rateLimit };
      return c.json(body);
    });
}
