/**
 * The queue consumer's handler: one webhook delivery → its commits analysed
 * and applied. A failure is never left to the queue to retry: it is recorded
 * on the delivery row — `retrying` with the time of the next attempt, or
 * `failed` (the dead letter) once the retry policy gives up (retry-policy.ts)
 * — and the job is acked; the due-retry loop (due-retries.ts) enqueues it
 * again when due. Only when even that write fails (the database is down) does
 * this throw, leaving the job pending for the bus to hand out again (and the
 * row `queued` for the recovery sweep).
 */
import {
  claimDelivery,
  deadLetter,
  findAnalysis,
  findRepositoryByGithubId,
  isDbUnavailable,
  listEntitiesOfRepository,
  markDelivery,
  scheduleRetry,
  type DeliveryErrorKind,
  type Logger,
  type WebhookDelivery,
} from '@tamagitto/db';
import { analyseCommit } from './analysis/index.ts';
import { applyCommit, applyStoredAnalysis } from './apply-commit.ts';
import { checkFromPullRequest } from './checks/from-webhook.ts';
import { adopterTokens, NoUsableTokenError, statusOf, type TokenContext } from './github/adopter-tokens.ts';
import { completePushCommits, isNullSha } from './github/compare.ts';
import { fetchCommit } from './github/fetch-commit.ts';
import { classifyError, errorText, MAX_ATTEMPTS, nextAttempt, retryDelay, type Rand } from './retry-policy.ts';

export { MAX_ATTEMPTS };
/** GitHub lists at most 20 commits in a push payload; a larger push is read through the compare API (github/compare.ts). */
export const MAX_COMMITS_PER_PUSH = 20;

/** How one handling of a delivery ended (what `WorkerContext.onOutcome` is told). */
export type DeliveryOutcome = 'processed' | 'retrying' | 'dead_lettered' | 'ignored';

/** The database, bus, log, token cipher, GitHub URL and clock every worker task shares (github/adopter-tokens.ts), and the delivery hooks. */
export interface WorkerContext extends TokenContext {
  /**
   * Told how each handled delivery ended, with the failure's kind for `retrying` and
   * `dead_lettered` (metrics hook; a throw here is logged and ignored). Not called when the
   * delivery was already finished or is scheduled for later, nor when the outcome could not be
   * written (the database down: the job stays pending).
   */
  onOutcome?(outcome: DeliveryOutcome, kind?: DeliveryErrorKind): void;
  /** Told how long each commit's analysis took, in seconds (metrics hook). */
  onAnalysed?(seconds: number): void;
  /** The retry policy's randomness (jitter); Math.random by default. */
  random?: Rand;
}

interface PushPayload {
  deleted?: boolean;
  repository?: { id?: number; full_name?: string; owner?: { login?: string; name?: string }; name?: string };
  commits?: { id: string; message?: string; distinct?: boolean; url?: string; timestamp?: string; author?: { username?: string; name?: string } }[];
  before?: string;
  after?: string;
  /** How many commits the push holds; GitHub lists at most MAX_COMMITS_PER_PUSH of them. */
  size?: number;
}

/**
 * Transient failures in a row per delivery, in this process: they pick the next short delay and
 * are not stored (they must not use up the delivery's budget). Lost with the process, which only
 * makes the next retry come sooner. Bounded: the oldest entry goes first.
 */
const transientRuns = new Map<string, number>();
const MAX_TRACKED_RUNS = 10_000;

/** Wall-clock ms with sub-ms precision, comparable across processes on one machine (bench/push-latency). */
const wallMs = () => performance.timeOrigin + performance.now();

export async function processDelivery(ctx: WorkerContext, deliveryId: string): Promise<void> {
  const claimedAt = wallMs();
  // Finished, or scheduled for later (the due-retry loop enqueues it when its time comes): this job is a stale duplicate.
  const delivery = await claimDelivery(ctx.db, deliveryId);
  if (!delivery) return;
  const log = ctx.log.child({ deliveryId, event: delivery.event });
  const attempts = delivery.attempts;
  if (attempts > MAX_ATTEMPTS) {
    // Only a delivery whose handling never got to record its failure (e.g. it kills the process) gets here.
    const error = `gave up after ${MAX_ATTEMPTS} attempts: ${delivery.error ?? 'unknown error'}`;
    log.error({ attempts, errorKind: delivery.error_kind ?? 'other' }, 'delivery dead-lettered');
    if (await deadLetter(ctx.db, deliveryId, { error, kind: delivery.error_kind ?? 'other' })) tell(ctx, log, 'dead_lettered', delivery.error_kind ?? 'other');
    return;
  }
  let outcome: Outcome;
  try {
    outcome = await handle(ctx, delivery, log, claimedAt);
  } catch (err) {
    await recordFailure(ctx, delivery, attempts, err, log);
    return;
  }
  transientRuns.delete(deliveryId);
  tell(ctx, log, outcome.outcome, outcome.kind);
}

type Outcome = { outcome: DeliveryOutcome; kind?: DeliveryErrorKind };

/** The work itself; throws on any failure worth a retry. */
async function handle(ctx: WorkerContext, delivery: WebhookDelivery, log: Logger, claimedAt: number): Promise<Outcome> {
  const deliveryId = delivery.delivery_id;
  if (delivery.event === 'pull_request') {
    // A PR check (worker/src/checks/): the delivery is processed once its check exists.
    const r = await checkFromPullRequest(ctx, delivery);
    if (r.outcome === 'ignored') {
      await markDelivery(ctx.db, deliveryId, 'ignored', r.reason);
      return { outcome: 'ignored' };
    }
    await markDelivery(ctx.db, deliveryId, 'processed', r.outcome === 'created' ? 'check created' : 'check exists');
    return { outcome: 'processed' };
  }
  if (delivery.event !== 'push') {
    await markDelivery(ctx.db, deliveryId, 'ignored', `event ${delivery.event} is not analysed`);
    return { outcome: 'ignored' };
  }

  const payload = JSON.parse(delivery.payload) as PushPayload;
  const githubId = payload.repository?.id;
  const repo = typeof githubId === 'number' ? await findRepositoryByGithubId(ctx.db, githubId) : undefined;
  const pets = repo ? await listEntitiesOfRepository(ctx.db, repo.id) : [];
  if (!repo || pets.length === 0) {
    await markDelivery(ctx.db, deliveryId, 'ignored', 'repository not adopted');
    return { outcome: 'ignored' };
  }
  let commits: readonly { id: string }[] = payload.commits ?? [];
  if (payload.deleted || commits.length === 0) {
    await markDelivery(ctx.db, deliveryId, 'processed', 'no commits');
    return { outcome: 'processed' };
  }

  // One set of adopter tokens for the whole push: looked up, and their access recorded, once.
  const tokens = adopterTokens(ctx, repo, pets.map((p) => p.user_id));
  try {
    if (truncated(payload)) {
      // GitHub lists only the newest MAX_COMMITS_PER_PUSH commits: read the whole before..after range.
      const range = await tokens.run((gh) => completePushCommits(gh, repo, payload.before!, payload.after!));
      if (!range.complete) log.warn({ total: range.total, read: range.commits.length }, 'push larger than the compare limit: the oldest commits read, the rest by the poller');
      commits = range.commits;
    }
    for (const c of commits) {
      const stored = await findAnalysis(ctx.db, repo.id, c.id);
      let events;
      // Where the time went, in the 'commit applied' line (bench/push-latency reads it): ms each.
      // prepMs: from the job's pick-up to here (the delivery, its attempts, the repository, its pets, the tokens, the stored analysis).
      const prepMs = wallMs() - claimedAt;
      let fetchMs = 0;
      let analysisMs = 0;
      let applied = performance.now();
      if (stored) {
        events = await applyStoredAnalysis(ctx, stored);
      } else {
        let fetched;
        const fetching = performance.now();
        try {
          // Each adopter's token in turn: one revoked token or one lost access does not stop the others.
          fetched = await tokens.run((gh) => fetchCommit(gh, repo.owner, repo.name, c.id));
        } catch (err) {
          const status = statusOf(err);
          if (status === 404 || status === 422) {
            log.warn({ sha: c.id }, 'commit no longer exists on GitHub (force-pushed away?); skipped');
            continue;
          }
          throw err;
        }
        const started = performance.now();
        fetchMs = started - fetching;
        const analysis = await analyseCommit(fetched.input);
        applied = performance.now();
        analysisMs = applied - started;
        ctx.onAnalysed?.(analysisMs / 1000);
        events = await applyCommit(ctx, repo.id, fetched.meta, analysis);
      }
      // applyMs: the transaction and the pet.updated publish after it; appliedAt: when that publish returned.
      const appliedAt = wallMs();
      const timing = { claimedAt, prepMs, fetchMs, analysisMs, applyMs: performance.now() - applied, appliedAt };
      log.info({ sha: c.id.slice(0, 12), pets: events.length, timing }, 'commit applied');
    }
  } catch (err) {
    if (err instanceof NoUsableTokenError) {
      // Until an adopter signs in again (or regains access): dead-lettered, for the user to retry then.
      log.warn({ repo: repo.full_name, reasons: err.reasons }, 'no adopter has a usable GitHub token');
      return dead(ctx, deliveryId, err.message, 'other');
    }
    if (statusOf(err) === 401) {
      return dead(ctx, deliveryId, 'GitHub rejected the token (401): the adopter must sign in again', 'github');
    }
    throw err;
  }
  await markDelivery(ctx.db, deliveryId, 'processed');
  return { outcome: 'processed' };
}

/** A push whose payload lists fewer commits than it holds (GitHub's cap), with a range to read the rest from. */
function truncated(p: PushPayload): boolean {
  const listed = p.commits?.length ?? 0;
  return listed >= MAX_COMMITS_PER_PUSH && (p.size ?? 0) > listed && !!p.before && !!p.after && !isNullSha(p.before);
}

async function dead(ctx: WorkerContext, deliveryId: string, error: string, kind: DeliveryErrorKind): Promise<Outcome> {
  await deadLetter(ctx.db, deliveryId, { error, kind });
  return { outcome: 'dead_lettered', kind };
}

/**
 * Records a failed attempt per the retry policy: `retrying` at the next time, or the dead letter.
 * A transient failure gives its attempt back (attempts - 1), so an outage never uses up the
 * budget GitHub's failures need. If the write itself fails, the original error is thrown: the
 * bus hands the job out again after its claim timeout.
 */
async function recordFailure(ctx: WorkerContext, delivery: WebhookDelivery, attempts: number, err: unknown, log: Logger): Promise<void> {
  const id = delivery.delivery_id;
  const message = errorText(err);
  let kind = classifyError(err);
  let delay: number | null = null;
  let keepAttempts: number | undefined;
  if (kind === 'transient') {
    const run = (transientRuns.get(id) ?? 0) + 1;
    transientRuns.delete(id);
    if (transientRuns.size >= MAX_TRACKED_RUNS) transientRuns.delete(transientRuns.keys().next().value!);
    transientRuns.set(id, run);
    delay = nextAttempt('transient', run, ctx.random);
    if (delay === null) {
      // Far too long "transient": count it like any other failure from now on.
      kind = 'other';
      transientRuns.delete(id);
    } else {
      keepAttempts = attempts - 1;
    }
  }
  if (kind !== 'transient') {
    transientRuns.delete(id);
    delay = retryDelay(kind, attempts, err, ctx.now(), ctx.random);
  }
  // The connection that just failed may still sit in the pool (its socket closes a moment after the
  // server's error): a write that meets it is tried once more, on a fresh connection.
  const write = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (first) {
      if (!isDbUnavailable(first)) throw first;
      return fn();
    }
  };
  try {
    if (delay === null) {
      const error = `gave up after ${attempts} attempts (${kind}): ${message}`;
      if (await write(() => deadLetter(ctx.db, id, { error, kind }))) {
        log.error({ attempts, errorKind: kind, err: { message } }, 'delivery dead-lettered');
        tell(ctx, log, 'dead_lettered', kind);
      }
      return;
    }
    const at = new Date(ctx.now().getTime() + delay);
    if (await write(() => scheduleRetry(ctx.db, id, { at, error: message, kind, ...(keepAttempts !== undefined ? { attempts: keepAttempts } : {}) }))) {
      log.warn({ attempts, errorKind: kind, retryInMs: delay, err: { message } }, 'delivery failed; retry scheduled');
      tell(ctx, log, 'retrying', kind);
    }
  } catch (writeErr) {
    log.warn({ errorKind: kind, err: { message }, writeErr: { message: errorText(writeErr) } }, 'delivery failed and its retry could not be recorded; the job stays pending');
    throw err;
  }
}

function tell(ctx: WorkerContext, log: Logger, outcome: DeliveryOutcome, kind?: DeliveryErrorKind): void {
  if (!ctx.onOutcome) return;
  try {
    ctx.onOutcome(outcome, kind);
  } catch (err) {
    log.warn({ err: { message: errorText(err) } }, 'onOutcome hook failed');
  }
}
