/**
 * PR checks, the api's side (issue 16): a request is checked against the requester's own GitHub
 * token (they must be able to read the pull request), stored once per (repository, PR, head SHA)
 * through @tamagitto/db's checks repository, and handed to the worker as a bus job
 * (kind 'check'; worker/src/checks/run-check.ts runs it). If the queue refuses, the check stays
 * `queued` and due now: the worker's due-check loop enqueues it.
 */
import { CHANNELS, checkStatRows, createCheck, getCheck, getEntityForUserByRepo, listChecksOfRepository, newestChecksOfPrs, releaseDueChecks, type Check, type CheckUpdatedMessage, type EntityWithRepo, type Repository } from '@tamagitto/db';
import type { AppDeps } from '../deps.ts';
import { githubError } from '../github/client.ts';
import { userGithubToken } from '../github/user-token.ts';
import { AppError, notFound } from '../http/errors.ts';
import { UUID } from '../http/validate.ts';
import { toCheckDto, type OpenPullSchema } from './dto.ts';
import type { z } from 'zod';
import { assertRepoReadable, findPetByRepoName } from '../pets/store.ts';

export const CHECK_JOB = 'check';

export async function requestCheck(
  deps: AppDeps,
  userId: string,
  pr: { owner: string; name: string; number: number },
): Promise<{ check: Check; repo: Repository; created: boolean }> {
  const pet = await findPetByRepoName(deps.db, userId, pr.owner, pr.name);
  if (!pet) throw new AppError(404, 'not_found', `you have not adopted ${pr.owner}/${pr.name}`);
  const gh = deps.github(await userGithubToken(deps, userId));
  let head: string;
  let base: string;
  try {
    const { data } = await gh.pulls.get({ owner: pet.repo.owner, repo: pet.repo.name, pull_number: pr.number });
    head = data.head.sha;
    base = data.base.sha;
  } catch (err) {
    throw githubError(err, `reading pull request #${pr.number}`, { resource: true });
  }
  const { check, created, superseded } = await createCheck(deps.db, { repositoryId: pet.repository_id, prNumber: pr.number, headSha: head, baseSha: base, requestedBy: userId });
  if (created) {
    await enqueueCheck(deps, check);
    for (const id of superseded) await publishSuperseded(deps, id);
  }
  return { check, repo: pet.repo, created };
}

async function enqueueCheck(deps: AppDeps, check: Check): Promise<void> {
  try {
    await deps.bus.enqueue([{ kind: CHECK_JOB, ref: check.id }]);
  } catch (err) {
    deps.log.warn({ checkId: check.id, err: { message: (err as Error).message } }, 'check could not be enqueued; left due for the workers');
    await releaseDueChecks(deps.db, [check.id], deps.now());
  }
}

async function publishSuperseded(deps: AppDeps, id: string): Promise<void> {
  const c = await getCheck(deps.db, id);
  if (!c) return;
  const msg: CheckUpdatedMessage = { checkId: c.id, repositoryId: c.repository_id, prNumber: c.pr_number, headSha: c.head_sha, status: c.status, verdict: c.verdict };
  await deps.bus.publish(CHANNELS.checkUpdated, msg).catch(() => undefined);
}

/**
 * A check of a repository the user has adopted, or 404 (another user's looks missing); 403
 * `access_lost` when they can no longer read that repository, as for every pet route.
 */
export async function visibleCheckOr404(deps: Pick<AppDeps, 'db'>, userId: string, id: string): Promise<{ check: Check; repo: Repository }> {
  if (!UUID.test(id)) throw notFound('check');
  const check = await getCheck(deps.db, id);
  const pet = check && (await getEntityForUserByRepo(deps.db, userId, check.repository_id));
  if (!check || !pet) throw notFound('check');
  assertRepoReadable(pet);
  return { check, repo: pet.repo };
}

/** One page of a repository's checks, newest first, after the check `before` (a check of the same repository). */
export async function checksPage(deps: Pick<AppDeps, 'db'>, repositoryId: string, opts: { limit: number; before?: string | undefined }): Promise<{ items: Check[]; next: string | null }> {
  let before: { createdAt: Date; id: string } | undefined;
  if (opts.before) {
    const b = await getCheck(deps.db, opts.before);
    if (!b || b.repository_id !== repositoryId) throw new AppError(400, 'validation_failed', 'before: not a check of this pet');
    before = { createdAt: new Date(b.created_at), id: b.id };
  }
  const rows = await listChecksOfRepository(deps.db, repositoryId, { limit: opts.limit + 1, before });
  const items = rows.slice(0, opts.limit);
  return { items, next: rows.length > opts.limit ? (items.at(-1)?.id ?? null) : null };
}

/** Weeks of checks the stats cover. */
export const STATS_WEEKS = 12;

export interface CheckStats {
  weeks: { week: string; pass: number; warn: number; fail: number }[];
  checks: number;
  medianCiDurationS: number | null;
  aiCoAuthoredShare: number | null;
}

/**
 * A repository's finished checks of the last STATS_WEEKS weeks: verdicts per week (weeks start on
 * Monday, UTC; every week listed, oldest first), the median of the checks' median CI durations, and
 * the share of the checked commits that an AI assistant co-authored.
 */
export async function checkStats(deps: Pick<AppDeps, 'db' | 'now'>, repositoryId: string): Promise<CheckStats> {
  const now = deps.now();
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - ((now.getUTCDay() + 6) % 7)));
  const since = new Date(monday.getTime() - (STATS_WEEKS - 1) * 7 * 86_400_000);
  const rows = await checkStatRows(deps.db, repositoryId, since);
  const weeks = Array.from({ length: STATS_WEEKS }, (_, i) => ({ week: new Date(since.getTime() + i * 7 * 86_400_000).toISOString().slice(0, 10), pass: 0, warn: 0, fail: 0 }));
  for (const r of rows) {
    const w = weeks[Math.floor((r.createdAt.getTime() - since.getTime()) / (7 * 86_400_000))];
    if (w) w[r.verdict]++;
  }
  const ci = rows.map((r) => r.ciMedianS).filter((x): x is number => x !== null).sort((a, b) => a - b);
  const mid = Math.floor(ci.length / 2);
  const commits = rows.reduce((n, r) => n + r.commits, 0);
  return {
    weeks,
    checks: rows.length,
    medianCiDurationS: ci.length === 0 ? null : ci.length % 2 ? ci[mid]! : (ci[mid - 1]! + ci[mid]!) / 2,
    aiCoAuthoredShare: commits === 0 ? null : Math.round((rows.reduce((n, r) => n + r.aiCommits, 0) / commits) * 1000) / 1000,
  };
}

/**
 * The repository's open pull requests, read with the user's own token (one page, most recently
 * updated first; `more` when GitHub has another), each with its newest check (one query for all).
 */
export async function openPulls(
  deps: AppDeps,
  userId: string,
  pet: EntityWithRepo,
  limit: number,
): Promise<{ items: z.infer<typeof OpenPullSchema>[]; more: boolean }> {
  const gh = deps.github(await userGithubToken(deps, userId));
  let pulls: { number: number; title: string; html_url: string; user: { login: string } | null; draft?: boolean; head: { sha: string }; updated_at: string | null }[];
  let more: boolean;
  try {
    const res = await gh.pulls.list({ owner: pet.repo.owner, repo: pet.repo.name, state: 'open', sort: 'updated', direction: 'desc', per_page: limit });
    pulls = res.data;
    more = (res.headers.link ?? '').includes('rel="next"');
  } catch (err) {
    throw githubError(err, `listing the open pull requests of ${pet.repo.owner}/${pet.repo.name}`);
  }
  const checks = await newestChecksOfPrs(deps.db, pet.repository_id, pulls.map((p) => p.number));
  return {
    items: pulls.map((p) => {
      const check = checks.get(p.number);
      return {
        number: p.number,
        title: p.title,
        url: `https://github.com/${pet.repo.owner}/${pet.repo.name}/pull/${p.number}`,
        author: p.user?.login ?? null,
        draft: p.draft ?? false,
        headSha: p.head.sha,
        updatedAt: p.updated_at ?? null,
        check: check ? toCheckDto(check, pet.repo) : null,
      };
    }),
    more,
  };
}
