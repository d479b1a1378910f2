/**
 * Velocity from GitHub search: PRs the user authored that were merged in the
 * range (bucketed by merge day), and reviews the user gave (search finds PRs
 * they reviewed that changed since `from`; each PR's reviews give the exact
 * days — counted as distinct PRs reviewed per day). Days are the user's local
 * days. A rate limit yields partial numbers, `truncated`, and the limit.
 */
import { addDays, localDay, type VelocityDto } from '@tamagitto/domain';
import type { AppDeps } from '../deps.ts';
import { githubError, githubStatus } from '../github/client.ts';
import { userGithubToken } from '../github/user-token.ts';
import { cachedGithub, GithubRateLimited } from '../queue/github-cache.ts';

const MAX_SEARCH_PAGES = 5;
const MAX_REVIEWED_PRS = 50;

export interface VelocityRange {
  from: string;
  to: string;
  /** Number of days from `from` to `to`, both included. */
  span: number;
  timeZone: string;
  login: string;
}

/**
 * Throws githubError's AppError for anything but a rate limit (401, 429, 502).
 *
 * @example
 * const v = await velocity(deps, userId, { from: '2026-11-11', to: '2026-11-24', span: 14, timeZone: 'UTC', login: 'octocat' });
 */
export async function velocity(deps: AppDeps, userId: string, o: VelocityRange): Promise<{ days: VelocityDto['days']; truncated: boolean; limited: GithubRateLimited | null }> {
  const { from, to, timeZone: tz, login } = o;
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
  const days = Array.from({ length: o.span }, (_, i) => addDays(from, i)).map((day) => ({ day, merged: merged.get(day) ?? 0, reviews: reviews.get(day) ?? 0 }));
  return { days, truncated, limited };
}
