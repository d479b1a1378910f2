/**
 * Velocity and LLM usage for the Stats tab (issue 5).
 *
 * Velocity comes from GitHub search: PRs the user authored that were merged
 * in the range (bucketed by merge day), and reviews the user gave (search
 * finds PRs they reviewed that changed since `from`; each PR's reviews give
 * the exact days — counted as distinct PRs reviewed per day). Days are the
 * user's local days. A rate limit yields partial numbers with `rateLimit`.
 */
import { getUser } from '@tamagitto/db';
import { Hono } from 'hono';
import type { LlmUsageDto, VelocityDto } from '@tamagitto/domain';
import { addDays, localDay } from '@tamagitto/domain';
import { cachedGithub, GithubRateLimited } from '../queue/github-cache.ts';
import { rateDto } from '../queue/build-queue.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import { githubError, githubStatus } from '../github/client.ts';
import { userGithubToken } from '../github/user-token.ts';
import { requireSession } from '../http/require-session.ts';

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 90;
const MAX_SEARCH_PAGES = 5;
const MAX_REVIEWED_PRS = 50;

function dayParam(name: string, v: string | undefined, fallback: string): string {
  if (v === undefined) return fallback;
  if (!DAY_RE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) {
    throw new AppError(400, 'validation_failed', `${name}: a date like 2026-11-24`);
  }
  return v;
}

export function analyticsRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use('/analytics/*', requireSession(deps.sessions))
    .get('/analytics/velocity', async (c) => {
      const userId = c.get('userId');
      // One users read gives both the day boundaries and the search login.
      const user = await getUser(deps.db, userId);
      const tz = user?.timezone ?? 'UTC';
      const login = user?.login ?? '';
      const today = localDay(deps.now(), tz);
      const to = dayParam('to', c.req.query('to'), today);
      const from = dayParam('from', c.req.query('from'), addDays(to, -13));
      if (from > to) throw new AppError(400, 'validation_failed', 'from: must not be after to');
      const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
      if (span > MAX_DAYS) throw new AppError(400, 'validation_failed', `range: at most ${MAX_DAYS} days`);

      const merged = new Map<string, number>();
      const reviews = new Map<string, number>();
      let truncated = false;
      let limited: GithubRateLimited | null = null;
      const gh = cachedGithub(deps, userId, await userGithubToken(deps, userId));
      const inRange = (d: string) => d >= from && d <= to;
      try {
        // A day either side: GitHub's dates are UTC, ours are local.
        const q = `is:pr author:${login} is:merged merged:${addDays(from, -1)}..${addDays(to, 1)}`;
        for (let page = 1; page <= MAX_SEARCH_PAGES; page++) {
          const r = await gh.rest.search.issuesAndPullRequests({ q, per_page: 100, page });
          for (const i of r.data.items) {
            const at = i.pull_request?.merged_at ?? i.closed_at;
            if (!at) continue;
            const d = localDay(new Date(at), tz);
            if (inRange(d)) merged.set(d, (merged.get(d) ?? 0) + 1);
          }
          if (r.data.items.length < 100) break;
          if (page === MAX_SEARCH_PAGES || r.data.incomplete_results) truncated = true;
        }
        const reviewed = await gh.rest.search.issuesAndPullRequests({ q: `is:pr reviewed-by:${login} -author:${login} updated:>=${addDays(from, -1)}`, per_page: 100, sort: 'updated' });
        if (reviewed.data.total_count > MAX_REVIEWED_PRS) truncated = true;
        for (const i of reviewed.data.items.slice(0, MAX_REVIEWED_PRS)) {
          const [owner = '', repo = ''] = i.repository_url.split('/').slice(-2);
          let list;
          try {
            list = (await gh.rest.pulls.listReviews({ owner, repo, pull_number: i.number, per_page: 100 })).data;
          } catch (err) {
            if (err instanceof GithubRateLimited || githubStatus(err) === 401) throw err;
            continue; // one unreadable PR does not spoil the chart
          }
          const days = new Set(list.filter((r) => r.user?.login === login && r.submitted_at).map((r) => localDay(new Date(r.submitted_at!), tz)));
          for (const d of days) if (inRange(d)) reviews.set(d, (reviews.get(d) ?? 0) + 1);
        }
      } catch (err) {
        if (!(err instanceof GithubRateLimited)) throw githubError(err, 'reading your velocity');
        limited = err;
        truncated = true;
      }
      const days = Array.from({ length: span }, (_, i) => addDays(from, i)).map((day) => ({ day, merged: merged.get(day) ?? 0, reviews: reviews.get(day) ?? 0 }));
      const body: VelocityDto = {
        from, to, days,
        totals: { merged: days.reduce((n, d) => n + d.merged, 0), reviews: days.reduce((n, d) => n + d.reviews, 0) },
        truncated,
        rateLimit: rateDto(deps, userId, limited),
      };
      if (limited) c.header('Retry-After', String(limited.retryAfterSeconds));
      return c.json(body);
    })
    .get('/analytics/llm-usage', async (c) => {
      const userId = c.get('userId');
      const raw = c.req.query('days');
      const n = raw === undefined ? 30 : Number(raw);
      if (!Number.isInteger(n) || n < 1 || n > 365) throw new AppError(400, 'validation_failed', 'days: an integer 1–365');
      const rows = await deps.db
        .selectFrom('llm_usage')
        .select(['created_at', 'tokens_in', 'tokens_out', 'cost_usd', 'ok'])
        .where('user_id', '=', userId)
        .where('created_at', '>=', new Date(deps.now().getTime() - n * 86_400_000))
        .execute();
      const tz = (await getUser(deps.db, userId))?.timezone ?? 'UTC';
      const byDay = new Map<string, LlmUsageDto['days'][number]>();
      const totals = { calls: 0, failed: 0, tokensIn: 0, tokensOut: 0, costUsd: 0 };
      for (const r of rows) {
        const day = localDay(new Date(r.created_at), tz);
        const d = byDay.get(day) ?? { day, calls: 0, tokensIn: 0, tokensOut: 0, costUsd: 0 };
        d.calls++;
        d.tokensIn += r.tokens_in;
        d.tokensOut += r.tokens_out;
        d.costUsd += r.cost_usd;
        byDay.set(day, d);
        totals.calls++;
        if (!r.ok) totals.failed++;
        totals.tokensIn += r.tokens_in;
        totals.tokensOut += r.tokens_out;
        totals.costUsd += r.cost_usd;
      }
      const body: LlmUsageDto = { days: [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day)), totals };
      return c.json(body);
    });
}
