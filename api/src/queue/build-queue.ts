/**
 * Builds the user's work queue from GitHub: review requests (direct vs team),
 * own open PRs (CI, approvals, requested changes) and assigned issues.
 *
 * Calls: four searches, then per PR (at most DETAIL_LIMIT) the pull, its CI
 * (combined status + check runs) and, for own PRs, its reviews. All go
 * through `cachedGithub`, so an unchanged queue is refreshed with 304s.
 * If GitHub rate-limits us midway, the items built so far are returned (and
 * the last complete queue fills the gaps) with `rateLimit.limited` set.
 */
import type { Octokit } from '@octokit/rest';
import { getUser } from '@tamagitto/db';
import type { CiState, GithubRateDto, QueueDto, QueueFactorsDto, QueueItemDto, QueueItemKind } from '@tamagitto/domain';
import type { AppDeps } from '../deps.ts';
import { githubError, githubStatus } from '../github/client.ts';
import { userGithubToken } from '../github/user-token.ts';
import { recheckRepoAccess } from '../pets/adoption.ts';
import { cachedGithub, githubCacheFor, GithubRateLimited } from './github-cache.ts';
import { reviewMinutes, scoreItem } from './queue-score.ts';

const DETAIL_LIMIT = 20;
const PER_SEARCH = 30;

interface SearchItem {
  number: number;
  title: string;
  html_url: string;
  repository_url: string;
  created_at: string;
  updated_at: string;
  draft?: boolean;
  user: { login: string } | null;
  labels: ({ name?: string } | string)[];
  pull_request?: unknown;
}

interface PullDetail {
  additions: number | null;
  deletions: number | null;
  draft: boolean;
  mergeable_state: string | null;
  head_sha: string | null;
}

const lastQueues = new WeakMap<AppDeps, Map<string, QueueDto>>();

function repoOf(i: SearchItem): { owner: string; name: string; full: string } {
  const [owner = '', name = ''] = i.repository_url.split('/').slice(-2);
  return { owner, name, full: `${owner}/${name}` };
}

export function rateDto(deps: AppDeps, userId: string, limited: GithubRateLimited | null): GithubRateDto {
  const r = githubCacheFor(deps).rate(userId);
  return {
    limited: limited !== null,
    retryAfterSeconds: limited?.retryAfterSeconds ?? null,
    remaining: r.remaining,
    limit: r.limit,
    resetAt: r.resetAt,
    message: limited ? `GitHub asked us to slow down: showing what we have; try again in ${limited.retryAfterSeconds} s` : null,
  };
}

async function search(gh: Octokit, q: string): Promise<SearchItem[]> {
  const r = await gh.rest.search.issuesAndPullRequests({ q, per_page: PER_SEARCH, sort: 'updated', order: 'desc' });
  return r.data.items as unknown as SearchItem[];
}

async function pullDetail(gh: Octokit, owner: string, repo: string, n: number): Promise<PullDetail> {
  const { data } = await gh.rest.pulls.get({ owner, repo, pull_number: n });
  return { additions: data.additions ?? null, deletions: data.deletions ?? null, draft: Boolean(data.draft), mergeable_state: data.mergeable_state ?? null, head_sha: data.head?.sha ?? null };
}

/** CI from both the legacy statuses and check runs: any failure fails, anything running is pending. */
async function ciState(gh: Octokit, owner: string, repo: string, ref: string): Promise<CiState> {
  const [status, checks] = await Promise.all([
    gh.rest.repos.getCombinedStatusForRef({ owner, repo, ref }).then((r) => r.data),
    gh.rest.checks.listForRef({ owner, repo, ref, per_page: 100 }).then((r) => r.data),
  ]);
  const states: CiState[] = [];
  if (status.total_count > 0) states.push(status.state === 'success' ? 'success' : status.state === 'pending' ? 'pending' : 'failure');
  for (const c of checks.check_runs) {
    if (c.status !== 'completed') states.push('pending');
    else states.push(['success', 'neutral', 'skipped'].includes(c.conclusion ?? '') ? 'success' : 'failure');
  }
  if (states.includes('failure')) return 'failure';
  if (states.includes('pending')) return 'pending';
  return states.length ? 'success' : 'none';
}

async function reviewState(gh: Octokit, owner: string, repo: string, n: number): Promise<{ approvals: number; changesRequested: boolean }> {
  const { data } = await gh.rest.pulls.listReviews({ owner, repo, pull_number: n, per_page: 100 });
  // The latest decisive review per reviewer counts (a later approval replaces requested changes).
  const latest = new Map<string, string>();
  for (const r of data) if (r.user && ['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED'].includes(r.state)) latest.set(r.user.login, r.state);
  const states = [...latest.values()];
  return { approvals: states.filter((s) => s === 'APPROVED').length, changesRequested: states.includes('CHANGES_REQUESTED') };
}

function item(kind: QueueItemKind, i: SearchItem, f: QueueFactorsDto): QueueItemDto {
  const repo = repoOf(i);
  const { score, breakdown } = scoreItem(kind, f);
  return {
    id: `${repo.full}#${i.number}`,
    kind,
    repo: repo.full,
    number: i.number,
    title: i.title,
    url: i.html_url,
    author: i.user?.login ?? null,
    createdAt: i.created_at,
    updatedAt: i.updated_at,
    confidence_score: score,
    factors: f,
    breakdown,
  };
}

/**
 * @example
 * const queue = await buildQueue(deps, userId); // QueueDto, never throws on a rate limit
 */
export async function buildQueue(deps: AppDeps, userId: string): Promise<QueueDto> {
  const token = await userGithubToken(deps, userId);
  const login = (await getUser(deps.db, userId))?.login ?? '';
  const gh = cachedGithub(deps, userId, token);
  const now = deps.now().getTime();
  const hoursSince = (iso: string) => Math.max(0, (now - Date.parse(iso)) / 3_600_000);
  const out: QueueDto = { reviewRequests: [], ownPullRequests: [], assignedIssues: [], fetchedAt: deps.now().toISOString(), stale: false, rateLimit: rateDto(deps, userId, null) };
  let limited: GithubRateLimited | null = null;
  let complete = false;
  try {
    const base = 'is:open archived:false';
    const [requested, direct, own, issues] = [
      await search(gh, `${base} is:pr review-requested:${login}`),
      await search(gh, `${base} is:pr user-review-requested:${login}`),
      await search(gh, `${base} is:pr author:${login}`),
      await search(gh, `${base} is:issue assignee:${login}`),
    ];
    const directIds = new Set(direct.map((i) => `${i.repository_url}#${i.number}`));
    for (const i of issues) {
      const labels = i.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? '')).toLowerCase());
      out.assignedIssues.push(
        item('assigned_issue', i, {
          sizeLines: null, estimatedReviewMinutes: reviewMinutes(null), ageHours: hoursSince(i.created_at), waitingHours: 0,
          request: null, ci: 'none', draft: false, blocked: labels.includes('blocked'), approvals: null, changesRequested: null,
        }),
      );
    }
    let details = 0;
    // Repositories whose access was re-checked in this build: several of a repository's PRs may fail alike.
    const rechecked = new Set<string>();
    for (const [kind, list] of [['review_request', requested], ['own_pr', own]] as const) {
      for (const i of list) {
        const repo = repoOf(i);
        let d: PullDetail = { additions: null, deletions: null, draft: Boolean(i.draft), mergeable_state: null, head_sha: null };
        let ci: CiState = 'none';
        let reviews: { approvals: number; changesRequested: boolean } | null = null;
        if (details++ < DETAIL_LIMIT) {
          try {
            d = await pullDetail(gh, repo.owner, repo.name, i.number);
            if (d.head_sha) ci = await ciState(gh, repo.owner, repo.name, d.head_sha);
            if (kind === 'own_pr') reviews = await reviewState(gh, repo.owner, repo.name, i.number);
          } catch (err) {
            if (err instanceof GithubRateLimited || githubStatus(err) === 401) throw err;
            // One unreadable PR (deleted fork, lost access) should not sink the queue; lost access to an adopted repository is recorded.
            const status = githubStatus(err);
            const key = `${repo.owner}/${repo.name}`.toLowerCase();
            if ((status === 403 || status === 404) && !rechecked.has(key)) {
              rechecked.add(key);
              await recheckRepoAccess(deps, userId, repo.owner, repo.name);
            }
          }
        }
        const lines = d.additions === null || d.deletions === null ? null : d.additions + d.deletions;
        const f: QueueFactorsDto = {
          sizeLines: lines,
          estimatedReviewMinutes: reviewMinutes(lines),
          ageHours: hoursSince(i.created_at),
          // GitHub's search does not say when the review was requested; requests are nearly always made when the PR opens.
          waitingHours: kind === 'review_request' ? hoursSince(i.created_at) : 0,
          request: kind === 'review_request' ? (directIds.has(`${i.repository_url}#${i.number}`) ? 'direct' : 'team') : null,
          ci,
          draft: d.draft,
          // 'dirty' = merge conflicts. 'blocked' on your own PR = required reviews/checks missing (not yours to
          // finish); on a review request it usually means "needs an approval" — which is exactly your review.
          blocked: d.mergeable_state === 'dirty' || (kind === 'own_pr' && d.mergeable_state === 'blocked'),
          approvals: reviews?.approvals ?? null,
          changesRequested: reviews?.changesRequested ?? null,
        };
        (kind === 'own_pr' ? out.ownPullRequests : out.reviewRequests).push(item(kind, i, f));
      }
    }
    complete = true;
  } catch (err) {
    if (!(err instanceof GithubRateLimited)) throw githubError(err, 'building your work queue');
    limited = err;
  }
  const byScore = (a: QueueItemDto, b: QueueItemDto) => b.confidence_score - a.confidence_score;
  out.reviewRequests.sort(byScore);
  out.ownPullRequests.sort(byScore);
  out.assignedIssues.sort(byScore);
  out.rateLimit = rateDto(deps, userId, limited);
  let perUser = lastQueues.get(deps);
  if (!perUser) lastQueues.set(deps, (perUser = new Map()));
  if (complete) perUser.set(userId, out);
  else {
    const last = perUser.get(userId);
    if (last) {
      // Partial answer: fill each empty list from the last complete queue, and say it is stale.
      for (const k of ['reviewRequests', 'ownPullRequests', 'assignedIssues'] as const) if (out[k].length === 0) out[k] = last[k];
      out.stale = true;
      out.fetchedAt = last.fetchedAt;
    }
  }
  return out;
}
