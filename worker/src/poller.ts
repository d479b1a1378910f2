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
 *
 * Never loses a commit (issue 14): when the last seen commit is not on the
 * first page (the branch moved by more than a page, or was force-pushed), the
 * compare API walks from it to the head (src/github/compare.ts). The
 * deliveries are inserted in the same transaction that moves `last_seen_sha`
 * and the ETag, after every GitHub read succeeded: a GitHub failure part-way
 * moves nothing, and the next poll reads the same range again. GitHub is read
 * with each adopter's token in turn (src/github/adopter-tokens.ts).
 */
import { DEFAULT_POLL_INTERVAL_MS } from '@tamagitto/domain';
import type { Octokit } from '@octokit/rest';
import { startSlotJob } from './slot-job.ts';
import { adoptersOfRepository, findAnalysis, insertDeliveries, listRepositoriesToPoll, setPollState, type IncomingDelivery, type Repository } from '@tamagitto/db';
import { NoUsableTokenError, statusOf, withAdopterToken } from './github/adopter-tokens.ts';
import { completePushCommits, DEFAULT_MAX_COMPARE_COMMITS, toPushCommit, type PushCommit } from './github/compare.ts';
import type { WorkerContext } from './process-delivery.ts';

export const POLL_JOB_KIND = 'poll';
/** Repositories polled per tick; the least recently polled go first, so a larger set is covered over several ticks. */
const DEFAULT_BATCH = 100;
/** Commits asked for on the branch's first page (GitHub's maximum); a longer gap goes through the compare API. */
export const POLL_PAGE_SIZE = 100;

export interface PollResult {
  polled: number;
  notModified: number;
  enqueued: number;
  failed: number;
}

export interface ListedCommit {
  sha: string;
  html_url?: string;
  commit: { message: string; author?: { name?: string; email?: string; date?: string } | null; committer?: { date?: string } | null };
  author?: { login?: string } | null;
}

/**
 * The commits of the branch's first page `list` (newest first, as GitHub
 * lists them) that the pet has not seen, oldest first; or null when the last
 * seen commit is not on the page, and the compare API must tell. Before the
 * first poll there is no last seen sha: then only commits made since the
 * repository was adopted count, so adopting an old repo does not replay its history.
 */
export function newCommits(list: ListedCommit[], lastSeenSha: string | null, adoptedAt: Date): ListedCommit[] | null {
  if (lastSeenSha === null) {
    return list
      .filter((c) => {
        const t = Date.parse(c.commit.committer?.date ?? c.commit.author?.date ?? '');
        return Number.isFinite(t) && t >= adoptedAt.getTime();
      })
      .reverse();
  }
  const seen = list.findIndex((c) => c.sha === lastSeenSha);
  return seen === -1 ? null : list.slice(0, seen).reverse();
}

function syntheticPush(repo: Repository, commit: PushCommit): IncomingDelivery {
  const payload = {
    ref: `refs/heads/${repo.default_branch}`,
    after: commit.id,
    repository: { id: repo.github_id, name: repo.name, full_name: `${repo.owner}/${repo.name}`, owner: { login: repo.owner, name: repo.owner } },
    commits: [commit],
    head_commit: commit,
    // Marks rows that GitHub never signed: they came from our own read of the API.
    tamagitto_source: 'poll',
  };
  return {
    deliveryId: `poll-${repo.github_id}-${commit.id}`,
    event: 'push',
    action: null,
    repositoryGithubId: repo.github_id,
    repositoryFullName: repo.full_name,
    payload: JSON.stringify(payload),
    status: 'queued',
  };
}

/** What one read of the branch found: the new commits (oldest first) and where the poll state moves to. */
type BranchRead = 'not-modified' | { commits: PushCommit[]; lastSeenSha: string | null; etag: string | null };

/** Reads the branch's new commits with one adopter's token; throws on any GitHub failure (nothing is stored by then). */
async function readBranch(gh: Octokit, repo: Repository, adoptedAt: Date, maxCommits: number): Promise<BranchRead> {
  let res;
  try {
    res = await gh.request('GET /repos/{owner}/{repo}/commits', {
      owner: repo.owner,
      repo: repo.name,
      sha: repo.default_branch,
      per_page: POLL_PAGE_SIZE,
      headers: repo.poll_etag ? { 'if-none-match': repo.poll_etag } : {},
    });
  } catch (err) {
    // Octokit raises 304 Not Modified as an error; it is the common, cheap case.
    if (statusOf(err) === 304) return 'not-modified';
    throw err;
  }
  const list = res.data as ListedCommit[];
  const etag = (res.headers.etag as string | undefined) ?? null;
  const head = list[0]?.sha ?? repo.last_seen_sha;
  const onPage = newCommits(list, repo.last_seen_sha, adoptedAt);
  if (onPage) return { commits: onPage.map((c) => toPushCommit(c, repo)), lastSeenSha: head, etag };
  try {
    // The last seen commit is further back than a page, or was force-pushed away: compare walks from it
    // (after a force-push, from the merge base) to the head.
    const range = await completePushCommits(gh, repo, repo.last_seen_sha!, head!, { maxCommits });
    if (range.complete) return { commits: range.commits, lastSeenSha: head, etag };
    // Longer than one poll reads: store the oldest part, resume after its newest commit next time
    // (no ETag, so the next poll is not answered 304).
    return { commits: range.commits, lastSeenSha: range.commits.at(-1)?.id ?? repo.last_seen_sha, etag: null };
  } catch (err) {
    // The last seen commit no longer exists on GitHub (force-pushed away and collected): no range to
    // walk; take the page, as before compare existed (a commit already analysed is a no-op again).
    if (statusOf(err) === 404 || statusOf(err) === 422) return { commits: list.reverse().map((c) => toPushCommit(c, repo)), lastSeenSha: head, etag };
    throw err;
  }
}

/** Polls one repository; returns how many deliveries it enqueued, or 'not-modified'. */
async function pollRepository(ctx: WorkerContext, repo: Repository, now: Date, maxCommits: number): Promise<number | 'not-modified'> {
  const adopters = await adoptersOfRepository(ctx.db, repo.id);
  if (adopters.length === 0) {
    await setPollState(ctx.db, repo.id, { polledAt: now });
    return 0;
  }
  let read: BranchRead;
  try {
    read = await withAdopterToken(
      ctx,
      repo,
      adopters.map((a) => a.userId),
      (gh) => readBranch(gh, repo, adopters[0]!.adoptedAt, maxCommits),
    );
  } catch (err) {
    // No adopter can read it (each one's cause is recorded on the user or the pet), an empty
    // repository (409) or a branch that cannot be listed (404): nothing to do until that changes.
    if (err instanceof NoUsableTokenError || statusOf(err) === 409 || statusOf(err) === 404) {
      await setPollState(ctx.db, repo.id, { polledAt: now });
      ctx.log.debug({ repo: repo.full_name, why: err instanceof NoUsableTokenError ? err.reasons : statusOf(err) }, 'poll skipped');
      return 0;
    }
    throw err;
  }
  if (read === 'not-modified') {
    await setPollState(ctx.db, repo.id, { polledAt: now });
    return 'not-modified';
  }
  const rows: IncomingDelivery[] = [];
  for (const c of read.commits) if (!(await findAnalysis(ctx.db, repo.id, c.id))) rows.push(syntheticPush(repo, c));
  // The commits found are stored in the transaction that moves last_seen_sha: both or neither.
  const inserted = await ctx.db.transaction().execute(async (trx) => {
    const ids = await insertDeliveries(trx, rows);
    await setPollState(trx, repo.id, { polledAt: now, etag: read.etag, lastSeenSha: read.lastSeenSha });
    return ids;
  });
  const jobs = rows.filter((r) => inserted.has(r.deliveryId)).map((r) => ({ kind: 'delivery', ref: r.deliveryId }));
  if (jobs.length) {
    // Stored as `queued`: if this enqueue fails, the recovery sweep (src/recover.ts) enqueues them from the database.
    await ctx.bus.enqueue(jobs).catch((err: Error) => ctx.log.warn({ repo: repo.full_name, jobs: jobs.length, err: { message: err.message } }, 'poll enqueue failed; the recovery sweep will enqueue'));
  }
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
export async function pollOnce(ctx: WorkerContext, now: Date = ctx.now(), opts: { minIntervalMs?: number; limit?: number; maxCommits?: number } = {}): Promise<PollResult> {
  const result: PollResult = { polled: 0, notModified: 0, enqueued: 0, failed: 0 };
  const repos = await listRepositoriesToPoll(ctx.db, {
    polledBefore: new Date(now.getTime() - (opts.minIntervalMs ?? DEFAULT_POLL_INTERVAL_MS) + 1_000),
    limit: opts.limit ?? DEFAULT_BATCH,
  });
  for (const repo of repos) {
    result.polled++;
    try {
      const r = await pollRepository(ctx, repo, now, opts.maxCommits ?? DEFAULT_MAX_COMPARE_COMMITS);
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
