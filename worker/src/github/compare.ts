/**
 * Every commit between two SHAs, through GitHub's compare API
 * (`GET /repos/{owner}/{repo}/compare/{base}...{head}`, paginated). A push
 * payload lists at most 20 commits (its `size` / `before`..`after` tell the
 * real range) and a branch listing is one page: both are completed here, so
 * no commit of a long push or a long outage is lost (issue 14).
 */
import type { Octokit } from '@octokit/rest';

/** A commit shaped like an entry of a push payload's `commits`, so it can stand in for one. */
export interface PushCommit {
  id: string;
  message: string;
  timestamp: string | null;
  url: string;
  distinct: boolean;
  author: { name: string | null; email: string | null; username: string | null };
}

export interface CompareRange {
  /** Oldest first, as a push payload lists them. */
  commits: PushCommit[];
  /** GitHub's `total_commits` for the range. */
  total: number;
  /** False when `maxCommits` stopped the walk: `commits` are then the oldest `maxCommits` of the range. */
  complete: boolean;
}

/** Commits per compare page (GitHub's maximum). */
export const COMPARE_PAGE_SIZE = 100;
/** A range longer than this is read over several calls (the poller resumes from the last commit it stored). */
export const DEFAULT_MAX_COMPARE_COMMITS = 1_000;

/** The `before` of a push that created its branch: there is no range to compare. */
export function isNullSha(sha: string): boolean {
  return /^0+$/.test(sha);
}

interface ListedCommit {
  sha: string;
  html_url?: string | null;
  commit: { message: string; author?: { name?: string | null; email?: string | null; date?: string | null } | null; committer?: { date?: string | null } | null };
  author?: { login?: string | null } | null;
}

/** A commit as GitHub lists it (commits and compare APIs) → the push payload's shape. */
export function toPushCommit(c: ListedCommit, repo: { owner: string; name: string }): PushCommit {
  return {
    id: c.sha,
    message: c.commit.message,
    timestamp: c.commit.committer?.date ?? c.commit.author?.date ?? null,
    url: c.html_url ?? `https://github.com/${repo.owner}/${repo.name}/commit/${c.sha}`,
    distinct: true,
    author: { name: c.commit.author?.name ?? null, email: c.commit.author?.email ?? null, username: c.author?.login ?? null },
  };
}

/**
 * The commits of `before..after` (reachable from `after`, not from `before`;
 * after a force-push, those since the merge base), oldest first, reading
 * every page of the compare API up to `maxCommits`.
 *
 * Throws a RangeError for a null `before` (a push that created its branch:
 * use the payload's commits), and GitHub's errors as they come: a 404 or 422
 * means a SHA is unknown (force-pushed away and collected) or the token lost
 * access — inside `withAdopterToken` (src/github/adopter-tokens.ts) the second
 * case is handled, and a 404 with the repository still readable is rethrown.
 *
 * @example
 * // In processDelivery, when the payload has more commits than it lists:
 * if ((payload.size ?? 0) > payload.commits.length && !isNullSha(payload.before)) {
 *   const range = await completePushCommits(gh, repo, payload.before, payload.after);
 *   commits = range.commits;
 * }
 */
export async function completePushCommits(
  gh: Octokit,
  repo: { owner: string; name: string },
  before: string,
  after: string,
  opts: { maxCommits?: number } = {},
): Promise<CompareRange> {
  if (isNullSha(before)) throw new RangeError('completePushCommits: before is the null SHA (the push created its branch); there is no range to compare');
  const max = opts.maxCommits ?? DEFAULT_MAX_COMPARE_COMMITS;
  const commits: PushCommit[] = [];
  let total = 0;
  for (let page = 1; ; page++) {
    const res = await gh.request('GET /repos/{owner}/{repo}/compare/{basehead}', {
      owner: repo.owner,
      repo: repo.name,
      basehead: `${before}...${after}`,
      per_page: COMPARE_PAGE_SIZE,
      page,
    });
    total = res.data.total_commits;
    for (const c of res.data.commits as ListedCommit[]) {
      if (commits.length >= max) return { commits, total, complete: false };
      commits.push(toPushCommit(c, repo));
    }
    const more = (res.headers.link ?? '').includes('rel="next"');
    if (!more || res.data.commits.length === 0 || commits.length >= total) break;
    if (commits.length >= max) return { commits, total, complete: false };
  }
  return { commits, total, complete: true };
}
