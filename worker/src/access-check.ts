/**
 * The daily access re-check (issue 15): once a day per pet, the adopter's own
 * token asks GitHub for the repository (`GET /repos/{owner}/{repo}`). A user
 * who lost access to a private repository must stop reading its vet reports
 * and getting its live updates even when nobody pushes to it; the api hides
 * pets with `access_lost_at` and drops their live updates on `access.changed`.
 *
 * 200 → `access_checked_at` now, `access_lost_at` cleared; 403 (not a rate
 * limit) or 404 → `access_lost_at` set; 401 → the token is marked rejected
 * (the user is told to sign in again, and is checked again once they do).
 * A rate limit ends the run; a 5xx or a network error leaves the pet as it
 * was, first in line for the next run. The same rules apply whenever a
 * delivery or a poll meets a refusal (src/github/adopter-tokens.ts).
 *
 * Runs once per slot (hourly by default) across all workers
 * (src/slot-job.ts); each run checks the pets not checked for a day.
 */
import { listPetsDueForAccessCheck } from '@tamagitto/db';
import { isRateLimited, recordAccess, recordTokenRejected, refusal, statusOf, storedToken, type TokenContext } from './github/adopter-tokens.ts';
import { octokitFor } from './github/fetch-commit.ts';
import { startSlotJob, type SlotJob } from './slot-job.ts';

export const ACCESS_CHECK_JOB_KIND = 'access-check';
/** How often each pet's access is re-checked. */
export const ACCESS_CHECK_EVERY_MS = 24 * 3600_000;
/** How often a worker looks for pets due (the slot); a pet is checked within this much of its day being up. */
export const DEFAULT_ACCESS_CHECK_INTERVAL_MS = 3600_000;
/** Pets checked per run at most (one GitHub request each, under each adopter's own rate limit). */
const DEFAULT_BATCH = 500;

export interface AccessCheckResult {
  checked: number;
  ok: number;
  lost: number;
  rejected: number;
  /** GitHub trouble (5xx, network, rate limit) or a token that no longer decrypts: checked again next run. */
  failed: number;
}

/**
 * Checks every pet whose access was not checked within `everyMs` (default a
 * day), never-checked first. Safe to run from several workers at once (the
 * writes are idempotent), though the slot job runs it on one.
 *
 * @example
 * const r = await checkAccessOnce(ctx, ctx.now());
 * log.info(r, 'access check');
 */
export async function checkAccessOnce(ctx: TokenContext, now: Date = ctx.now(), opts: { everyMs?: number; limit?: number } = {}): Promise<AccessCheckResult> {
  const result: AccessCheckResult = { checked: 0, ok: 0, lost: 0, rejected: 0, failed: 0 };
  const due = await listPetsDueForAccessCheck(ctx.db, {
    checkedBefore: new Date(now.getTime() - (opts.everyMs ?? ACCESS_CHECK_EVERY_MS)),
    limit: opts.limit ?? DEFAULT_BATCH,
  });
  for (const pet of due) {
    result.checked++;
    const stored = await storedToken(ctx, pet.userId);
    if (stored === 'undecryptable') {
      // Another TOKEN_ENCRYPTION_KEY: a configuration fault, not the user's; never marked rejected for it.
      result.failed++;
      continue;
    }
    if (typeof stored === 'string') continue; // signed out or rejected since the list was read
    const repo = { id: pet.repositoryId, owner: pet.owner, name: pet.name };
    try {
      await octokitFor(ctx.githubApiUrl, stored.token).request('GET /repos/{owner}/{repo}', { owner: pet.owner, repo: pet.name });
      await recordAccess(ctx, repo, pet.userId, true);
      result.ok++;
    } catch (err) {
      // What the request asked for is the repository itself: a 404 (maybe-access-lost) is lost access.
      const kind = refusal(err);
      if (kind === 'rejected') {
        await recordTokenRejected(ctx, pet.userId, stored.tokenEncrypted, `GitHub answered 401 to the daily access check of ${pet.owner}/${pet.name}`);
        result.rejected++;
      } else if (kind) {
        await recordAccess(ctx, repo, pet.userId, false);
        result.lost++;
      } else {
        result.failed++;
        ctx.log.warn({ repo: `${pet.owner}/${pet.name}`, status: statusOf(err), err: { message: (err as Error).message } }, 'access check failed; checked again next run');
        if (isRateLimited(err)) break;
      }
    }
  }
  return result;
}

/** Checks now and then every `intervalMs` (default 1 h); of several workers, the one that claims the slot runs it. */
export function startAccessCheck(ctx: TokenContext, opts: { name: string; intervalMs?: number }): SlotJob {
  const intervalMs = opts.intervalMs ?? DEFAULT_ACCESS_CHECK_INTERVAL_MS;
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) throw new Error('startAccessCheck: intervalMs must be > 0');
  return startSlotJob(
    { ...ctx, log: ctx.log.child({ accessCheck: opts.name }) },
    {
      kind: ACCESS_CHECK_JOB_KIND,
      intervalMs,
      leaseMs: intervalMs,
      retentionMs: 7 * 24 * 3600_000,
      run: async (now) => ({ ...(await checkAccessOnce(ctx, now)) }),
      worthLogging: (r) => Boolean(r.lost || r.rejected || r.failed),
    },
  );
}
