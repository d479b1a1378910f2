/**
 * Velocity and LLM usage for the Stats tab. Velocity reads GitHub
 * (velocity.ts); LLM usage sums the user's `llm_usage` rows (store.ts).
 * Both count days in the user's own time zone.
 */
import { getUser } from '@tamagitto/db';
import { addDays, localDay, type VelocityDto } from '@tamagitto/domain';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import { route } from '../http/openapi.ts';
import { requireSession } from '../http/require-session.ts';
import { countParam } from '../http/validate.ts';
import { rateDto } from '../queue/build-queue.ts';
import { LlmUsageSchema, toLlmUsageDto, VelocitySchema } from './dto.ts';
import { llmUsageSince } from './store.ts';
import { velocity } from './velocity.ts';

const MAX_DAYS = 90;

/** 'YYYY-MM-DD' naming a real calendar day (2026-02-30 is not one). */
const Day = z.iso.date({ error: 'a date like 2026-11-24' });

const VelocityQuery = z.object({
  from: Day.optional().describe('First day, YYYY-MM-DD (default: 13 days before `to`).'),
  to: Day.optional().describe('Last day, YYYY-MM-DD (default: today in your time zone). At most 90 days from `from`.'),
});
const UsageQuery = z.object({
  days: countParam(30, 365, 'How many days back, up to now (default 30).'),
});

export function analyticsRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use('/analytics/*', requireSession(deps.sessions))
    .get(
      '/analytics/velocity',
      route({
        tag: 'analytics',
        summary: 'PRs merged and PRs reviewed per day',
        description: 'When GitHub rate-limits us the answer is still 200, with the numbers read so far, `truncated` and `rateLimit.limited`.',
        security: 'session',
        query: VelocityQuery,
        responses: { 200: { description: 'One entry per day of the range', schema: VelocitySchema, headers: { 'Retry-After': 'Only when GitHub rate-limited us: seconds until asking again is worthwhile.' } } },
        // 429 / 502: GitHub refused (permissions) or failed; 401 also when GitHub rejects the stored token.
        errors: [429, 502],
      }),
      async (c) => {
        const userId = c.get('userId');
        const query = c.req.valid('query');
        // One users read gives both the day boundaries and the search login.
        const user = await getUser(deps.db, userId);
        const timeZone = user?.timezone ?? 'UTC';
        const to = query.to ?? localDay(deps.now(), timeZone);
        const from = query.from ?? addDays(to, -13);
        if (from > to) throw new AppError(400, 'validation_failed', 'from: must not be after to');
        const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
        if (span > MAX_DAYS) throw new AppError(400, 'validation_failed', `range: at most ${MAX_DAYS} days`);
        const v = await velocity(deps, userId, { from, to, span, timeZone, login: user?.login ?? '' });
        const body: VelocityDto = {
          from, to, days: v.days,
          totals: { merged: v.days.reduce((n, d) => n + d.merged, 0), reviews: v.days.reduce((n, d) => n + d.reviews, 0) },
          truncated: v.truncated,
          rateLimit: rateDto(deps, userId, v.limited),
        };
        if (v.limited) c.header('Retry-After', String(v.limited.retryAfterSeconds));
        return c.json(body);
      },
    )
    .get(
      '/analytics/llm-usage',
      route({ tag: 'analytics', summary: 'Your LLM calls, tokens and estimated cost per day', security: 'session', query: UsageQuery, responses: { 200: LlmUsageSchema } }),
      async (c) => {
        const userId = c.get('userId');
        const { days } = c.req.valid('query');
        const rows = await llmUsageSince(deps.db, userId, new Date(deps.now().getTime() - days * 86_400_000));
        const timeZone = (await getUser(deps.db, userId))?.timezone ?? 'UTC';
        return c.json(toLlmUsageDto(rows, timeZone));
      },
    );
}
