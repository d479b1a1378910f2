/**
 * The poller: every DEFAULT_POLL_INTERVAL_MS (5 min) it asks GitHub, with the
 * stored ETag, for new commits on each adopted repository's default branch, to
 * catch commits whose webhook never arrived: no public URL, a webhook we were
 * not allowed to register, or a delivery GitHub gave up on.
 *
 * It does not analyse anything itself. Each new commit becomes a synthetic
 * `push` delivery (delivery id `poll-<repo github id>-<sha>`) stored and
 * enqueued exactly like a webhook's, so processing stays one code path with
 * the same retries, recovery and exactly-once application; the delivery id
 * makes a commit seen by two polls (or two workers) one delivery, and a
 * commit the webhook already brought is skipped (its analysis exists) or
 * re-applied as a no-op.
 *
 * Cheap by design: `If-None-Match` with the stored ETag turns an unchanged
 * branch into a 304, which GitHub does not count against the rate limit.
 */
import { DEFAULT_POLL_INTERVAL_MS } from '@tamagitto/domain';
import { startSlotJob } from './slot-job.ts';
import {
  adoptersOfRepository,
  findAnalysis,
  insertDeliveries,
  listRepositoriesToPoll,
  setPollState,
  type IncomingDelivery,
  type Repository,
} from '@tamagitto/db';
import { octokitFor } from './github/fetch-commit.ts';
import { adopterToken, MAX_COMMITS_PER_PUSH, type WorkerContext } from './process-delivery.ts';

export const POLL_JOB_KIND = 'poll';
/** Repositories polled per tick; the least recently polled go first, so a larger set is covered over several ticks. */
const DEFAULT_BATCH = 100;

export interface PollResult {
  polled: number;
  notModified: number;
  enqueued: number;
  failed: number;
}

interface ListedCommit {
  sha: string;
  html_url?: string;
  commit: { message: string; author?: { name?: string; email?: string; date?: string } | null; committer?: { date?: string } | null };
  author?: { login?: string } | null;
}

function statusOf(err: unknown): number | undefined {
  return (err as { status?: number }).status;
}

/**
 * The commits of `list` (newest first, as GitHub lists them) that the pet has
 * not seen, oldest first. Before the first poll there is no last seen sha:
 * then only commits made since the repository was adopted count, so adopting
 * an old repo does not replay its history.
 */
export function newCommits(list: ListedCommit[], lastSeenSha: string | null, adoptedAt: Date): ListedCommit[] {
  let fresh: ListedCommit[];
  if (lastSeenSha === null) {
    fresh = list.filter((c) => {
      const t = Date.parse(c.commit.committer?.date ?? c.commit.author?.date ?? '');
      return Number.isFinite(t) && t >= adoptedAt.getTime();
    });
  } else {
    const seen = list.findIndex((c) => c.sha === lastSeenSha);
    // Not on the page: more new commits than a page, or a force-push; take the page (re-applying is a no-op).
    fresh = seen === -1 ? list : list.slice(0, seen);
  }
  return fresh.slice(0, MAX_COMMITS_PER_PUSH).reverse();
}

function syntheticPush(repo: Repository, c: ListedCommit): IncomingDelivery {
  const commit = {
    id: c.sha,
    message: c.commit.message,
    timestamp: c.commit.committer?.date ?? c.commit.author?.date ?? null,
    url: c.html_url ?? `https://github.com/${repo.owner}/${repo.name}/commit/${c.sha}`,
    distinct: true,
    author: { name: c.commit.author?.name ?? null, email: c.commit.author?.email ?? null, username: c.author?.login ?? null },
  };
  const payload = {
    ref: `refs/heads/${repo.default_branch}`,
    after: c.sha,
    repository: { id: repo.github_id, name: repo.name, full_name: `${repo.owner}/${repo.name}`, owner: { login: repo.owner, name: repo.owner } },
    commits: [commit],
    head_commit: commit,
    // Marks rows that GitHub never signed: they came from our own read of the API.
    tamagitto_source: 'poll',
  };
  return {
    deliveryId: `poll-${repo.github_id}-${c.sha}`,
    event: 'push',
    action: null,
    repositoryGithubId: repo.github_id,
    repositoryFullName: repo.full_name,
    payload: JSON.stringify(payload),
    status: 'queued',
  };
}

/** Polls one repository; returns how many deliveries it enqueued, or 'not-modified'. */
async function pollRepository(ctx: WorkerContext, repo: Repository, now: Date): Promise<number | 'not-modified'> {
  const adopters = await adoptersOfRepository(ctx.db, repo.id);
  const token = await adopterToken(ctx, adopters.map((a) => a.userId));
  if (!token || adopters.length === 0) {
    await setPollState(ctx.db, repo.id, { polledAt: now });
    ctx.log.debug({ repo: repo.full_name }, 'poll skipped: no adopter has a usable GitHub token');
    return 0;
  }
  const gh = octokitFor(ctx.githubApiUrl, token);
  let res;
  try {
    res = await gh.request('GET /repos/{owner}/{repo}/commits', {
      owner: repo.owner,
      repo: repo.name,
      sha: repo.default_branch,
      per_page: MAX_COMMITS_PER_PUSH,
      headers: repo.poll_etag ? { 'if-none-match': repo.poll_etag } : {},
    });
  } catch (err) {
    // Octokit raises 304 Not Modified as an error; it is the common, cheap case.
    if (statusOf(err) === 304) {
      await setPollState(ctx.db, repo.id, { polledAt: now });
      return 'not-modified';
    }
    // Empty repository (409) or gone/inaccessible (404): nothing to do until it changes; poll again next round.
    if (statusOf(err) === 409 || statusOf(err) === 404) {
      await setPollState(ctx.db, repo.id, { polledAt: now });
      return 0;
    }
    throw err;
  }
  const list = res.data as ListedCommit[];
  const fresh = newCommits(list, repo.last_seen_sha, adopters[0]!.adoptedAt);
  const rows: IncomingDelivery[] = [];
  for (const c of fresh) if (!(await findAnalysis(ctx.db, repo.id, c.sha))) rows.push(syntheticPush(repo, c));
  const inserted = await insertDeliveries(ctx.db, rows);
  const jobs = rows.filter((r) => inserted.has(r.deliveryId)).map((r) => ({ kind: 'delivery', ref: r.deliveryId }));
  // Stored as `queued` first: if this enqueue fails, the recovery sweep enqueues them from the database.
  if (jobs.length) await ctx.bus.enqueue(jobs);
  await setPollState(ctx.db, repo.id, {
    polledAt: now,
    etag: (res.headers.etag as string | undefined) ?? null,
    lastSeenSha: list[0]?.sha ?? repo.last_seen_sha,
  });
  return jobs.length;
}

/**
 * Polls every adopted repository not polled within `minIntervalMs`, least
 * recently polled first. Safe to run from several workers at once.
 *
 * @example
 * const r = await pollOnce(ctx, ctx.now());
 * log.info(r, 'poll');
 */
export async function pollOnce(ctx: WorkerContext, now: Date = ctx.now(), opts: { minIntervalMs?: number; limit?: number } = {}): Promise<PollResult> {
  const result: PollResult = { polled: 0, notModified: 0, enqueued: 0, failed: 0 };
  const repos = await listRepositoriesToPoll(ctx.db, {
    polledBefore: new Date(now.getTime() - (opts.minIntervalMs ?? DEFAULT_POLL_INTERVAL_MS) + 1_000),
    limit: opts.limit ?? DEFAULT_BATCH,
  });
  for (const repo of repos) {
    result.polled++;
    try {
      const r = await pollRepository(ctx, repo, now);
      if (r === 'not-modified') result.notModified++;
      else result.enqueued += r;
    } catch (err) {
      result.failed++;
      ctx.log.warn({ repo: repo.full_name, status: statusOf(err), err: { message: (err as Error).message } }, 'poll failed; retried next round');
      // Marked polled anyway: a repository that keeps failing must not starve the others.
      await setPollState(ctx.db, repo.id, { polledAt: now }).catch(() => {});
    }
  }
  return result;
}

/**
 * Polls now and then every `intervalMs` (default 5 min); of several workers,
 * the one that claims the slot's jobs row polls.
 */
export function startPoller(ctx: WorkerContext, opts: { name: string; intervalMs?: number }): { tick(): Promise<boolean>; stop(): Promise<void> } {
  const intervalMs = opts.intervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) throw new Error('startPoller: intervalMs must be > 0');
  return startSlotJob(
    { ...ctx, log: ctx.log.child({ poller: opts.name }) },
    {
      kind: POLL_JOB_KIND,
      intervalMs,
      leaseMs: intervalMs,
      retentionMs: 24 * 3600_000,
      run: async (now) => ({ ...(await pollOnce(ctx, now, { minIntervalMs: intervalMs })) }),
      worthLogging: (r) => Boolean(r.enqueued || r.failed),
    },
  );
}
