/**
 * PR checks (issue 16): one row per (repository, PR, head SHA), written by the api (a request)
 * and the worker (a pull_request webhook, the job's progress and outcome). The job's retry
 * schedule lives here like the deliveries' does: a `queued` row with `next_attempt_at` is due then.
 */
import { sql, type Kysely } from 'kysely';
import type { Check, CheckThresholds, CheckVerdict, Database, Repository } from '../schema.ts';

type Db = Kysely<Database>;

/**
 * The verdict's defaults (README, "PR checks"): fail on a leaked secret or a predicted delta ≤ −10;
 * warn on a delta < 0 or code changed without any test file. A repository's adopters may change
 * them (`checkThresholds` of `PATCH /api/pets/{id}`); `repositories.check_thresholds` holds only
 * what they changed, so a later change of a default reaches every repository that kept it.
 */
export const DEFAULT_CHECK_THRESHOLDS: Readonly<CheckThresholds> = Object.freeze({ failOnSecret: true, failAtDelta: -10, warnBelowDelta: 0, warnOnUntestedCode: true });

/** The thresholds a repository's checks are judged by: the defaults, overlaid by what its adopters changed. */
export function effectiveCheckThresholds(repo: Pick<Repository, 'check_thresholds'>): { thresholds: CheckThresholds; custom: boolean } {
  const stored = repo.check_thresholds ?? {};
  const thresholds: CheckThresholds = { ...DEFAULT_CHECK_THRESHOLDS };
  let custom = false;
  for (const k of Object.keys(DEFAULT_CHECK_THRESHOLDS) as (keyof CheckThresholds)[]) {
    const v = stored[k];
    if (v === undefined || typeof v !== typeof DEFAULT_CHECK_THRESHOLDS[k]) continue;
    (thresholds as unknown as Record<string, unknown>)[k] = v;
    if (v !== DEFAULT_CHECK_THRESHOLDS[k]) custom = true;
  }
  return { thresholds, custom };
}

/**
 * Stores a repository's thresholds: only the values that differ from the defaults (null when none
 * do). Returns the repository as it is now.
 */
export async function setCheckThresholds(db: Db, repositoryId: string, thresholds: CheckThresholds): Promise<Repository> {
  const changed: Partial<CheckThresholds> = {};
  for (const k of Object.keys(DEFAULT_CHECK_THRESHOLDS) as (keyof CheckThresholds)[]) {
    if (thresholds[k] !== DEFAULT_CHECK_THRESHOLDS[k]) (changed as Record<string, unknown>)[k] = thresholds[k];
  }
  return db
    .updateTable('repositories')
    .set({ check_thresholds: Object.keys(changed).length > 0 ? JSON.stringify(changed) : null, updated_at: new Date() })
    .where('id', '=', repositoryId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface NewCheckInput {
  repositoryId: string;
  prNumber: number;
  headSha: string;
  baseSha: string;
  requestedBy: string | null;
}

/**
 * The check of this (repository, PR, head SHA): a new one (`created`), or the one that exists.
 * One that exists but ended without a report — `failed` (the dead letter) or `superseded` (the PR's
 * head moved away and came back) — is queued afresh (attempts 0) and counts as created. A new or
 * re-queued head supersedes the PR's other checks that have not finished (`superseded` lists them):
 * their jobs stop at their next step.
 */
export async function createCheck(db: Db, input: NewCheckInput): Promise<{ check: Check; created: boolean; superseded: string[] }> {
  return db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('checks')
      .values({ repository_id: input.repositoryId, pr_number: input.prNumber, head_sha: input.headSha, base_sha: input.baseSha, requested_by: input.requestedBy })
      .onConflict((oc) => oc.columns(['repository_id', 'pr_number', 'head_sha']).doNothing())
      .returningAll()
      .executeTakeFirst();
    let check = inserted;
    if (!check) {
      const existing = await tx
        .selectFrom('checks')
        .selectAll()
        .where('repository_id', '=', input.repositoryId)
        .where('pr_number', '=', input.prNumber)
        .where('head_sha', '=', input.headSha)
        .executeTakeFirstOrThrow();
      if (existing.status !== 'failed' && existing.status !== 'superseded') return { check: existing, created: false, superseded: [] };
      check = await tx
        .updateTable('checks')
        .set({ status: 'queued', progress: 0, attempts: 0, error: null, next_attempt_at: null, base_sha: input.baseSha, requested_by: input.requestedBy ?? existing.requested_by, updated_at: new Date() })
        .where('id', '=', existing.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    const superseded = await tx
      .updateTable('checks')
      .set({ status: 'superseded', next_attempt_at: null, updated_at: new Date() })
      .where('repository_id', '=', input.repositoryId)
      .where('pr_number', '=', input.prNumber)
      .where('head_sha', '<>', input.headSha)
      .where('status', 'in', ['queued', 'running'])
      .returning('id')
      .execute();
    return { check, created: true, superseded: superseded.map((r) => r.id) };
  });
}

export function getCheck(db: Db, id: string): Promise<Check | undefined> {
  return db.selectFrom('checks').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A repository's checks, newest first; `before` is the last row of the previous page. */
export function listChecksOfRepository(db: Db, repositoryId: string, opts: { limit: number; before?: { createdAt: Date; id: string } | undefined }): Promise<Check[]> {
  let q = db.selectFrom('checks').selectAll().where('repository_id', '=', repositoryId);
  if (opts.before) {
    const { createdAt, id } = opts.before;
    q = q.where((eb) => eb.or([eb('created_at', '<', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)])]));
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
}

/**
 * The newest check of each of these PRs of a repository (any head; a superseded one only when the
 * PR has no other), by PR number: what the Pet tab shows beside each open PR.
 */
export async function newestChecksOfPrs(db: Db, repositoryId: string, prNumbers: readonly number[]): Promise<Map<number, Check>> {
  if (prNumbers.length === 0) return new Map();
  const rows = await db
    .selectFrom('checks')
    .selectAll()
    .distinctOn('pr_number')
    .where('repository_id', '=', repositoryId)
    .where('pr_number', 'in', [...prNumbers])
    .orderBy('pr_number')
    .orderBy(sql`status = 'superseded'`)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return new Map(rows.map((r) => [r.pr_number, r]));
}

/** Takes a queued check for a run (attempts + 1); undefined when it is not queued (finished, superseded, or taken). */
export function startCheck(db: Db, id: string, now: Date): Promise<Check | undefined> {
  return db
    .updateTable('checks')
    .set((eb) => ({ status: 'running', attempts: eb('attempts', '+', 1), next_attempt_at: null, updated_at: now }))
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .returningAll()
    .executeTakeFirst();
}

/** Progress of a running check; false once it is no longer running (superseded: stop). */
export async function setCheckProgress(db: Db, id: string, progress: number): Promise<boolean> {
  const r = await db.updateTable('checks').set({ progress: Math.max(0, Math.min(100, Math.round(progress))), updated_at: new Date() }).where('id', '=', id).where('status', '=', 'running').executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The finished report; false when the check was superseded meanwhile (nothing written). */
export async function finishCheck(db: Db, id: string, out: { report: Record<string, unknown>; verdict: CheckVerdict }): Promise<boolean> {
  const r = await db
    .updateTable('checks')
    .set({ status: 'done', progress: 100, report: JSON.stringify(out.report), verdict: out.verdict, error: null, updated_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Back to `queued`, due at `at`, with the cause. */
export async function scheduleCheckRetry(db: Db, id: string, out: { at: Date; error: string; attempts?: number }): Promise<boolean> {
  const r = await db
    .updateTable('checks')
    .set({ status: 'queued', next_attempt_at: out.at, error: out.error, ...(out.attempts !== undefined ? { attempts: out.attempts } : {}), updated_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The dead letter: `failed` with the cause. */
export async function failCheck(db: Db, id: string, error: string): Promise<boolean> {
  const r = await db.updateTable('checks').set({ status: 'failed', next_attempt_at: null, error, updated_at: new Date() }).where('id', '=', id).where('status', 'in', ['queued', 'running']).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Whether the `tamagitto/pet` commit status reached GitHub, and why not. */
export async function recordCheckStatusPost(db: Db, id: string, out: { posted: boolean; error: string | null }): Promise<void> {
  await db.updateTable('checks').set({ status_posted: out.posted, status_error: out.error, updated_at: new Date() }).where('id', '=', id).execute();
}

/**
 * Claims up to `limit` queued checks whose retry is due (or whose enqueue failed: due at once), oldest
 * due first, and marks them handed to the queue (next_attempt_at cleared) in one statement: `for update
 * skip locked` lets every worker run this at once without two of them enqueueing the same check, as
 * `claimDueRetries` does for deliveries. The caller enqueues the returned ids (and gives them back with
 * `releaseDueChecks` if it cannot).
 */
export async function claimDueChecks(db: Db, now: Date, limit = 100): Promise<string[]> {
  const rows = await db
    .updateTable('checks')
    .set({ next_attempt_at: null })
    .where('id', 'in', (eb) =>
      eb.selectFrom('checks').select('id').where('status', '=', 'queued').where('next_attempt_at', '<=', now).orderBy('next_attempt_at').limit(limit).forUpdate().skipLocked(),
    )
    .where('status', '=', 'queued')
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Claimed checks that could not be enqueued are due again at `at`, so the next round takes them. */
export async function releaseDueChecks(db: Db, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('checks').set({ next_attempt_at: at }).where('id', 'in', [...ids]).where('status', '=', 'queued').where('next_attempt_at', 'is', null).execute();
}

/**
 * Unfinished checks nobody is working on — `queued` with no retry time (their job was lost: an api
 * killed between its insert and its enqueue, Redis restarted empty) or `running` with no progress
 * (their worker died) — since before `staleBefore`: made due now, for the due-check loop.
 */
export async function recoverStaleChecks(db: Db, staleBefore: Date, now: Date): Promise<number> {
  const r = await db
    .updateTable('checks')
    .set({ status: 'queued', next_attempt_at: now })
    .where('status', 'in', ['queued', 'running'])
    .where('next_attempt_at', 'is', null)
    .where('updated_at', '<', staleBefore)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export interface CheckStatRow {
  createdAt: Date;
  verdict: CheckVerdict;
  /** The report's median CI duration on the head SHA, in seconds (null: no finished runs). */
  ciMedianS: number | null;
  aiCommits: number;
  commits: number;
}

/** The finished checks of a repository since `since`, reduced to what the stats need (not the whole report). */
export async function checkStatRows(db: Db, repositoryId: string, since: Date): Promise<CheckStatRow[]> {
  const rows = await db
    .selectFrom('checks')
    .select([
      'created_at',
      'verdict',
      sql<string | number | null>`(report->'ci'->>'medianDurationS')::float8`.as('ci_median'),
      sql<string | number | null>`(report->'ai'->>'coAuthoredCommits')::int`.as('ai_commits'),
      sql<string | number | null>`jsonb_array_length(coalesce(report->'commits', '[]'::jsonb))`.as('commits'),
    ])
    .where('repository_id', '=', repositoryId)
    .where('status', '=', 'done')
    .where('verdict', 'is not', null)
    .where('created_at', '>=', since)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    createdAt: new Date(r.created_at),
    verdict: r.verdict!,
    ciMedianS: r.ci_median === null ? null : Number(r.ci_median),
    aiCommits: Number(r.ai_commits ?? 0),
    commits: Number(r.commits ?? 0),
  }));
}
