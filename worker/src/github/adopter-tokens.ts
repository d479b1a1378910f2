/**
 * Reading GitHub with the adopters' own tokens, one after the other, so one
 * revoked token does not break a repository for everyone who adopted it
 * (issue 14), and each adopter's access to the repository is re-checked
 * whenever GitHub refuses them (issue 15).
 *
 * What a refusal means, per adopter:
 * - 401: the token is dead. The user is marked (`users.token_rejected_at`,
 *   cleared by signing in again), `user.token_rejected` is published, and the
 *   next adopter is tried.
 * - 403 that is not a rate limit, or 404 for the repository: that user lost
 *   read access. Their pet gets `entities.access_lost_at`, `access.changed`
 *   is published, and the next adopter is tried. A 404 is first confirmed with
 *   `GET /repos/{owner}/{repo}` under the same token: a missing commit or file
 *   (a force-push) is the caller's business, not lost access, and is rethrown.
 * - a rate limit (429, or 403 with `x-ratelimit-remaining: 0` or
 *   `retry-after`), a 5xx, a network error: GitHub's trouble, not the token's.
 *   Rethrown at once; another token would not fare better.
 * A success clears the user's `access_lost_at` (publishing `access.changed`
 * when it was set) and records `access_checked_at`.
 */
import type { Octokit } from '@octokit/rest';
import {
  CHANNELS,
  getUser,
  listEntitiesOfRepository,
  markTokenRejected,
  recordAccessLost,
  recordAccessOk,
  type AccessChangedMessage,
  type Bus,
  type Database,
  type Logger,
  type TokenCipher,
  type TokenRejectedMessage,
} from '@tamagitto/db';
import type { Kysely } from 'kysely';
import { octokitFor } from './fetch-commit.ts';

/** What withAdopterToken needs of the worker's context (a `WorkerContext` fits). */
export interface TokenContext {
  db: Kysely<Database>;
  bus: Bus;
  log: Logger;
  cipher: TokenCipher;
  githubApiUrl: string;
  now(): Date;
}

/** The repository being read: a `Repository` row fits. */
export interface TokenRepo {
  id: string;
  owner: string;
  name: string;
}

/** Why one adopter's token could not be used. */
export type TokenUnusableReason = 'no-token' | 'undecryptable' | 'rejected' | 'access-lost';

/**
 * No adopter's token could read the repository. Permanent until someone signs
 * in again or regains access: record it on the delivery, do not retry.
 * `reasons` says why, per adopter (user ids only, never a token).
 */
export class NoUsableTokenError extends Error {
  override readonly name = 'NoUsableTokenError';
  constructor(
    readonly repo: string,
    readonly reasons: { userId: string; reason: TokenUnusableReason }[],
  ) {
    super('no adopter has a usable GitHub token: sign in again');
  }
}

/** A successful access check is written at most this often per pet (every delivery succeeds through here). */
const ACCESS_RECHECK_MS = 3600_000;

interface HttpErrorLike {
  status?: number;
  response?: { headers?: Record<string, string | number | undefined> };
  message?: string;
}

export function statusOf(err: unknown): number | undefined {
  const s = (err as HttpErrorLike | null)?.status;
  return typeof s === 'number' ? s : undefined;
}

/** GitHub saying "slow down" (primary or secondary rate limit), as opposed to refusing the token. */
export function isRateLimited(err: unknown): boolean {
  const status = statusOf(err);
  if (status === 429) return true;
  if (status !== 403) return false;
  const headers = (err as HttpErrorLike).response?.headers ?? {};
  return String(headers['x-ratelimit-remaining']) === '0' || headers['retry-after'] !== undefined || /rate limit/i.test((err as HttpErrorLike).message ?? '');
}

/**
 * The GitHub answer's meaning for this token: unusable (and why), or not the token's fault. A 404 is
 * `maybe-access-lost`: lost access only if the repository itself is out of sight (`GET /repos/{owner}/{repo}`).
 */
export function refusal(err: unknown): 'rejected' | 'access-lost' | 'maybe-access-lost' | null {
  const status = statusOf(err);
  if (status === 401) return 'rejected';
  if (status === 403 && !isRateLimited(err)) return 'access-lost';
  if (status === 404) return 'maybe-access-lost';
  return null;
}

/**
 * Marks a user's stored token rejected (only the token that was tried, only
 * once) and publishes `user.token_rejected` when this call marked it.
 */
export async function recordTokenRejected(ctx: TokenContext, userId: string, tokenEncrypted: string, reason: string): Promise<void> {
  if (!(await markTokenRejected(ctx.db, userId, tokenEncrypted, reason, ctx.now()))) return;
  ctx.log.warn({ userId, reason }, 'GitHub rejected a stored token; its owner must sign in again');
  await publish(ctx, CHANNELS.tokenRejected, { userId } satisfies TokenRejectedMessage);
}

/**
 * Records whether a user's token can read a repository (their pets of it) and
 * publishes `access.changed` for each pet whose access was lost or came back.
 */
export async function recordAccess(ctx: TokenContext, repo: TokenRepo, userId: string, ok: boolean, opts: { recheckAfterMs?: number } = {}): Promise<void> {
  const at = ctx.now();
  const changed = ok
    ? await recordAccessOk(ctx.db, { repositoryId: repo.id, userId, at, recheckAfterMs: opts.recheckAfterMs ?? 0 })
    : await recordAccessLost(ctx.db, { repositoryId: repo.id, userId, at });
  for (const entityId of changed) {
    ctx.log.info({ userId, entityId, repo: `${repo.owner}/${repo.name}`, lost: !ok }, ok ? 'adopter regained access to the repository' : 'adopter lost access to the repository');
    await publish(ctx, CHANNELS.accessChanged, { userId, entityId, lost: !ok } satisfies AccessChangedMessage);
  }
}

async function publish(ctx: TokenContext, channel: string, message: unknown): Promise<void> {
  // The database already holds the fact; a bus hiccup only delays who hears of it.
  await ctx.bus.publish(channel, message).catch((err: Error) => ctx.log.warn({ channel, err: { message: err.message } }, 'publish failed'));
}

/**
 * A user's stored GitHub token, decrypted (with its stored form, for `recordTokenRejected`), or why
 * it cannot be used: none stored, already rejected by GitHub, or stored under another
 * TOKEN_ENCRYPTION_KEY (only signing in again can fix that).
 */
export async function storedToken(ctx: Pick<TokenContext, 'db' | 'cipher'>, userId: string): Promise<{ token: string; tokenEncrypted: string } | Exclude<TokenUnusableReason, 'access-lost'>> {
  const user = await getUser(ctx.db, userId);
  if (!user?.token_encrypted) return 'no-token';
  if (user.token_rejected_at) return 'rejected';
  try {
    return { token: ctx.cipher.decrypt(user.token_encrypted), tokenEncrypted: user.token_encrypted };
  } catch {
    return 'undecryptable';
  }
}

/**
 * Runs `fn` with the first adopter's token that GitHub accepts for `repo`,
 * trying each of `userIds` in turn (duplicates ignored; adopters whose access
 * is already known lost are tried last). Skips users without a stored token,
 * with a token GitHub already rejected, or one that no longer decrypts.
 *
 * `fn` may run more than once (with the next adopter's token after a 401,
 * 403 or 404), so what it does before reading GitHub must be safe to repeat;
 * what it returns or throws otherwise is passed through. Throws
 * `NoUsableTokenError` when no token works, and rethrows GitHub's own trouble
 * (rate limits, 5xx, network) without trying further tokens.
 *
 * @example
 * const files = await withAdopterToken(ctx, repo, pets.map((p) => p.user_id), (gh) => fetchCommit(gh, repo.owner, repo.name, sha));
 * // in processDelivery: catch (err) { if (err instanceof NoUsableTokenError) return markDelivery(db, id, 'failed', err.message); throw err; }
 */
export async function withAdopterToken<T>(ctx: TokenContext, repo: TokenRepo, userIds: readonly string[], fn: (octokit: Octokit, userId: string) => Promise<T>): Promise<T> {
  return adopterTokens(ctx, repo, userIds).run(fn);
}

/** `withAdopterToken` for several reads in a row (every commit of a push). */
export interface AdopterTokens {
  run<T>(fn: (octokit: Octokit, userId: string) => Promise<T>): Promise<T>;
}

/**
 * The adopters' tokens for a series of reads of one repository: each run
 * behaves as `withAdopterToken`, but the adopters' order, their stored tokens
 * and what GitHub said of a token (rejected, access lost) are looked up once
 * for the series, and a token's access is recorded once — not again for every
 * commit of a push.
 */
export function adopterTokens(ctx: TokenContext, repo: TokenRepo, userIds: readonly string[]): AdopterTokens {
  const reasons = new Map<string, TokenUnusableReason>();
  const clients = new Map<string, { gh: Octokit; tokenEncrypted: string }>();
  const recorded = new Set<string>();
  let ordered: Promise<string[]> | undefined;
  return {
    async run<T>(fn: (octokit: Octokit, userId: string) => Promise<T>): Promise<T> {
      ordered ??= accessKnownLostLast(ctx, repo, [...new Set(userIds)]);
      for (const userId of await ordered) {
        if (reasons.has(userId)) continue;
        let client = clients.get(userId);
        if (!client) {
          const stored = await storedToken(ctx, userId);
          if (typeof stored === 'string') {
            reasons.set(userId, stored);
            continue;
          }
          client = { gh: octokitFor(ctx.githubApiUrl, stored.token), tokenEncrypted: stored.tokenEncrypted };
          clients.set(userId, client);
        }
        let result: T;
        try {
          result = await fn(client.gh, userId);
        } catch (err) {
          let kind = refusal(err);
          if (kind === 'maybe-access-lost') kind = await confirmAccess(client.gh, repo, err);
          if (kind === 'rejected') {
            await recordTokenRejected(ctx, userId, client.tokenEncrypted, `GitHub answered 401 reading ${repo.owner}/${repo.name}`);
            reasons.set(userId, 'rejected');
            continue;
          }
          if (kind === 'access-lost') {
            await recordAccess(ctx, repo, userId, false);
            reasons.set(userId, 'access-lost');
            continue;
          }
          throw err;
        }
        if (!recorded.has(userId)) {
          recorded.add(userId);
          await recordAccess(ctx, repo, userId, true, { recheckAfterMs: ACCESS_RECHECK_MS });
        }
        return result;
      }
      throw new NoUsableTokenError(`${repo.owner}/${repo.name}`, [...reasons].map(([userId, reason]) => ({ userId, reason })));
    },
  };
}

/**
 * A 404 from `fn`: is the repository itself out of this token's sight, or
 * only the thing asked for (a commit force-pushed away)? Rethrows the
 * original error when the repository is readable, and GitHub trouble as is.
 */
async function confirmAccess(gh: Octokit, repo: TokenRepo, original: unknown): Promise<'rejected' | 'access-lost'> {
  try {
    await gh.request('GET /repos/{owner}/{repo}', { owner: repo.owner, repo: repo.name });
  } catch (err) {
    const kind = refusal(err);
    if (kind === 'rejected') return 'rejected';
    if (kind === 'access-lost' || kind === 'maybe-access-lost') return 'access-lost';
    throw err;
  }
  throw original;
}

async function accessKnownLostLast(ctx: TokenContext, repo: TokenRepo, userIds: string[]): Promise<string[]> {
  if (userIds.length < 2) return userIds;
  const lost = new Set((await listEntitiesOfRepository(ctx.db, repo.id)).filter((e) => e.access_lost_at !== null).map((e) => e.user_id));
  return [...userIds.filter((u) => !lost.has(u)), ...userIds.filter((u) => lost.has(u))];
}
