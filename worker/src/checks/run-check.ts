/**
 * The PR check job (issue 16): bus kind 'check', ref = checks.id. Reads the PR's whole change
 * (base…head through the compare API, github/compare.ts; each commit through fetchCommit, as a
 * push's commits are read), analyses each commit with the engine (nothing is stored or applied:
 * the pet only changes when the commits land), adds the head SHA's CI state, builds the report
 * (report.ts), posts the `tamagitto/pet` commit status with the requester's (else an adopter's)
 * token, stores the report (`done`), and publishes `check.updated` at each change of state.
 *
 * Failures follow the deliveries' policy (retry-policy.ts): `queued` again with `next_attempt_at`
 * (the due-check loop, due-checks.ts, enqueues it then), or `failed` with the cause when the
 * policy gives up. A check superseded by a newer head stops at its next step and writes nothing.
 * A time budget (CHECK_BUDGET_MS) bounds the analysis: past it the report is partial, and says so.
 */
import {
  CHANNELS,
  effectiveCheckThresholds,
  failCheck,
  findAnalysis,
  finishCheck,
  getCheck,
  getRepository,
  listEntitiesOfRepository,
  recordCheckStatusPost,
  scheduleCheckRetry,
  setCheckProgress,
  startCheck,
  type Check,
  type CheckUpdatedMessage,
  type Repository,
} from '@tamagitto/db';
import type { AnalysisResult, PartialReason } from '@tamagitto/domain';
import type { Octokit } from '@octokit/rest';
import { analyseCommit } from '../analysis/index.ts';
import { GITHUB_FILE_CAP, listWasCut } from '../analysis/aggregate.ts';
import { NoUsableTokenError, statusOf, storedToken, withAdopterToken } from '../github/adopter-tokens.ts';
import { completePushCommits } from '../github/compare.ts';
import { fetchCommit, octokitFor } from '../github/fetch-commit.ts';
import type { CheckContext } from './context.ts';
import { classifyError, errorText, MAX_ATTEMPTS, retryDelay } from '../retry-policy.ts';
import { buildReport, type CheckReport, type CiRun, type CommitFacts, type PrFacts } from './report.ts';

export const CHECK_JOB = 'check';
/** Analysis time per check; past it the remaining commits are skipped and the report is partial. */
export const CHECK_BUDGET_MS = 60_000;
/** Commits of a PR read at most (GitHub's compare lists 250 per call at best; the rest is said partial). */
export const MAX_CHECK_COMMITS = 250;
export const STATUS_CONTEXT = 'tamagitto/pet';

class Superseded extends Error {}

export async function runCheck(ctx: CheckContext, checkId: string, opts: { budgetMs?: number } = {}): Promise<void> {
  const before = await getCheck(ctx.db, checkId);
  if (!before || !['queued', 'running'].includes(before.status)) return;
  // Scheduled for later: the due-check loop enqueues it when its time comes.
  if (before.status === 'queued' && before.next_attempt_at && new Date(before.next_attempt_at) > ctx.now()) return;
  const check = await startCheck(ctx.db, checkId, ctx.now());
  if (!check) return;
  const log = ctx.log.child({ checkId, pr: check.pr_number });
  if (check.attempts > MAX_ATTEMPTS) {
    await failCheck(ctx.db, checkId, `gave up after ${MAX_ATTEMPTS} attempts: ${check.error ?? 'unknown error'}`);
    await publish(ctx, checkId);
    return;
  }
  await publish(ctx, checkId);
  try {
    const repo = await getRepository(ctx.db, check.repository_id);
    if (!repo) throw new Error('repository gone');
    const adopters = [...(check.requested_by ? [check.requested_by] : []), ...(await listEntitiesOfRepository(ctx.db, repo.id)).map((p) => p.user_id)];
    const { report, userId } = await withAdopterToken(ctx, repo, adopters, async (gh, userId) => ({ report: await buildCheckReport(ctx, gh, repo, check, opts.budgetMs ?? CHECK_BUDGET_MS), userId }));
    // The commit status first, so a `done` check already says whether GitHub took it.
    if (!(await setCheckProgress(ctx.db, checkId, 95))) throw new Superseded();
    await postStatus(ctx, repo, check, report, [...new Set([userId, ...adopters])]);
    if (!(await finishCheck(ctx.db, checkId, { report: report as unknown as Record<string, unknown>, verdict: report.verdict }))) throw new Superseded();
    log.info({ verdict: report.verdict, delta: report.predictedDelta }, 'check done');
    await publish(ctx, checkId);
  } catch (err) {
    if (err instanceof Superseded) {
      log.info('check superseded by a newer head; stopped');
      return;
    }
    if (err instanceof NoUsableTokenError) {
      await failCheck(ctx.db, checkId, err.message);
      await publish(ctx, checkId);
      return;
    }
    await recordFailure(ctx, check, err);
  }
}

async function buildCheckReport(ctx: CheckContext, gh: Octokit, repo: Repository, check: Check, budgetMs: number): Promise<CheckReport> {
  const started = Date.now();
  const { data: pull } = await gh.rest.pulls.get({ owner: repo.owner, repo: repo.name, pull_number: check.pr_number });
  const range = await completePushCommits(gh, repo, check.base_sha, check.head_sha, { maxCommits: MAX_CHECK_COMMITS });
  const partialReasons: PartialReason[] = [];
  if (!range.complete) partialReasons.push({ code: 'commits_cut', params: { read: range.commits.length, total: range.total } });
  await progress(ctx, check.id, 10);
  const commits: CommitFacts[] = [];
  const cutCommits: string[] = [];
  for (const [i, c] of range.commits.entries()) {
    if (Date.now() - started > budgetMs) {
      partialReasons.push({ code: 'time_budget', params: { seconds: Math.round(budgetMs / 1000), read: i, total: range.commits.length } });
      break;
    }
    const stored = await findAnalysis(ctx.db, repo.id, c.id);
    let analysis: AnalysisResult;
    let files: string[];
    if (stored) {
      analysis = storedResult(stored);
      files = [...new Set(analysis.findings.map((f) => f.file))];
    } else {
      const fetched = await fetchCommit(gh, repo.owner, repo.name, c.id);
      // GitHub lists at most GITHUB_FILE_CAP (3,000) files of a commit, without saying it cut the list: a list that long may be cut.
      if (listWasCut(fetched.input)) cutCommits.push(c.id.slice(0, 7));
      analysis = await analyseCommit(fetched.input);
      files = fetched.input.files.map((f) => f.path);
    }
    commits.push({ sha: c.id, message: c.message, author: c.author.username, analysis, files });
    await progress(ctx, check.id, 10 + (80 * (i + 1)) / Math.max(1, range.commits.length));
  }
  if (cutCommits.length > 0) {
    const [cap, shas] = [GITHUB_FILE_CAP, cutCommits.join(', ')];
    partialReasons.push(typeof pull.changed_files === 'number' ? { code: 'file_cap_pr', params: { prFiles: pull.changed_files, cap, commits: shas } } : { code: 'file_cap', params: { cap, commits: shas } });
  }
  const ci = await ciRuns(gh, repo, check.head_sha);
  const pr: PrFacts = {
    owner: repo.owner,
    name: repo.name,
    number: check.pr_number,
    headSha: check.head_sha,
    baseSha: check.base_sha,
    author: pull.user?.login ?? null,
    authorType: pull.user?.type ?? null,
    fork: !!pull.head.repo && pull.head.repo.full_name.toLowerCase() !== `${repo.owner}/${repo.name}`.toLowerCase(),
    changedFiles: typeof pull.changed_files === 'number' ? pull.changed_files : null,
  };
  return buildReport(pr, commits, ci.runs, { partialReasons, ciUnreadable: ci.unreadable, thresholds: effectiveCheckThresholds(repo) });
}

/** A commit already analysed on the default branch: its stored result stands in (same engine, same delta). */
function storedResult(a: NonNullable<Awaited<ReturnType<typeof findAnalysis>>>): AnalysisResult {
  const metrics = (a.metrics ?? {}) as AnalysisResult['metrics'] & { skipped_files?: AnalysisResult['skippedFiles'] };
  return {
    engineVersion: a.engine_version,
    partial: a.partial,
    skippedFiles: metrics.skipped_files ?? [],
    filesChanged: a.files_changed,
    additions: a.additions,
    deletions: a.deletions,
    metrics,
    findings: (a.findings ?? []) as AnalysisResult['findings'],
    poorQuality: a.poor_quality,
    delta: a.delta,
  };
}

async function progress(ctx: CheckContext, id: string, pct: number): Promise<void> {
  if (!(await setCheckProgress(ctx.db, id, pct))) throw new Superseded();
}

/**
 * The head SHA's check runs and commit statuses (ours left out), with durations. A token that may
 * not read one of them (403/404: a fine-grained token without "Checks: read") leaves it out and
 * says so in `unreadable`; GitHub's own trouble is thrown (the check is retried).
 */
async function ciRuns(gh: Octokit, repo: Repository, sha: string): Promise<{ runs: CiRun[]; unreadable: string[] }> {
  const runs: CiRun[] = [];
  const unreadable: string[] = [];
  const refused = (err: unknown, what: string) => {
    const status = statusOf(err);
    if (status !== 403 && status !== 404) throw err;
    unreadable.push(`${what} not readable with this token (${status})`);
    return null;
  };
  const checks = await gh.rest.checks.listForRef({ owner: repo.owner, repo: repo.name, ref: sha, per_page: 100 }).catch((err: unknown) => refused(err, 'check runs'));
  for (const r of checks?.data.check_runs ?? []) {
    const durationS = r.started_at && r.completed_at ? Math.max(0, (Date.parse(r.completed_at) - Date.parse(r.started_at)) / 1000) : null;
    runs.push({ name: r.name, kind: 'check_run', state: r.status, conclusion: r.conclusion ?? null, durationS });
  }
  const combined = await gh.rest.repos.getCombinedStatusForRef({ owner: repo.owner, repo: repo.name, ref: sha }).catch((err: unknown) => refused(err, 'commit statuses'));
  for (const s of combined?.data.statuses ?? []) {
    if (s.context === STATUS_CONTEXT) continue;
    const durationS = s.created_at && s.updated_at ? Math.max(0, (Date.parse(s.updated_at) - Date.parse(s.created_at)) / 1000) : null;
    runs.push({ name: s.context, kind: 'status', state: s.state, conclusion: s.state === 'pending' ? null : s.state, durationS });
  }
  return { runs, unreadable };
}

/**
 * The `tamagitto/pet` commit status on the head SHA, with the first of these users' tokens that
 * decrypts. GitHub refusing it (403/404: the token lacks the permission, or a fork's head) is
 * recorded on the check, not retried.
 */
async function postStatus(ctx: CheckContext, repo: Repository, check: Check, report: CheckReport, userIds: string[]): Promise<void> {
  let token: string | null = null;
  for (const id of userIds) {
    const stored = await storedToken(ctx, id);
    if (typeof stored !== 'string') {
      token = stored.token;
      break;
    }
  }
  if (!token) {
    await recordCheckStatusPost(ctx.db, check.id, { posted: false, error: 'no adopter has a usable GitHub token' });
    return;
  }
  try {
    await octokitFor(ctx.githubApiUrl, token).rest.repos.createCommitStatus({
      owner: repo.owner,
      repo: repo.name,
      sha: check.head_sha,
      state: report.verdict === 'fail' ? 'failure' : 'success',
      context: STATUS_CONTEXT,
      description: `${report.verdict}: ${report.summary}`.slice(0, 140),
      target_url: `https://github.com/${repo.owner}/${repo.name}/pull/${check.pr_number}/files`,
    });
    await recordCheckStatusPost(ctx.db, check.id, { posted: true, error: null });
  } catch (err) {
    const status = statusOf(err);
    const why =
      status === 403 || status === 404
        ? `GitHub refused the commit status (${status}): the token cannot write statuses on ${repo.owner}/${repo.name} (a fine-grained token needs "Commit statuses: write"; a classic one "repo:status")`
        : `GitHub failed to take the commit status (${status ?? 'network'})`;
    ctx.log.warn({ checkId: check.id, status }, 'commit status not posted');
    await recordCheckStatusPost(ctx.db, check.id, { posted: false, error: why });
  }
}

async function recordFailure(ctx: CheckContext, check: Check, err: unknown): Promise<void> {
  const message = errorText(err).slice(0, 500);
  const kind = classifyError(err);
  const delay = retryDelay(kind, kind === 'transient' ? 1 : check.attempts, err, ctx.now(), ctx.random);
  if (delay === null) {
    await failCheck(ctx.db, check.id, `gave up after ${check.attempts} attempts (${kind}): ${message}`);
    ctx.log.error({ checkId: check.id, errorKind: kind, err: { message } }, 'check failed for good');
  } else {
    await scheduleCheckRetry(ctx.db, check.id, {
      at: new Date(ctx.now().getTime() + delay),
      error: message,
      ...(kind === 'transient' ? { attempts: check.attempts - 1 } : {}),
    });
    ctx.log.warn({ checkId: check.id, errorKind: kind, retryInMs: delay, err: { message } }, 'check failed; retry scheduled');
  }
  await publish(ctx, check.id);
}

/** `check.updated` with the check's current state (best effort: a bus outage does not fail the job). */
export async function publish(ctx: Pick<CheckContext, 'db' | 'bus' | 'log'>, id: string): Promise<void> {
  try {
    const c = await getCheck(ctx.db, id);
    if (!c) return;
    const msg: CheckUpdatedMessage = { checkId: c.id, repositoryId: c.repository_id, prNumber: c.pr_number, headSha: c.head_sha, status: c.status, verdict: c.verdict };
    await ctx.bus.publish(CHANNELS.checkUpdated, msg);
  } catch (err) {
    ctx.log.warn({ checkId: id, err: { message: (err as Error).message } }, 'check.updated not published');
  }
}
