/**
 * The queue consumer's handler: one webhook delivery → its commits analysed
 * and applied. Throwing leaves the job pending for a retry; returning acks it.
 * Permanent problems (repo not adopted, token revoked, too many attempts) are
 * recorded on the delivery row and acked, so they never loop.
 */
import {
  bumpDeliveryAttempts,
  findAnalysis,
  findRepositoryByGithubId,
  getDelivery,
  getUser,
  listEntitiesOfRepository,
  markDelivery,
  recordDeliveryError,
  type Bus,
  type Database,
  type Logger,
  type TokenCipher,
} from '@tamagitto/db';
import type { Kysely } from 'kysely';
import { analyseCommit } from './analysis/index.ts';
import { applyCommit, applyStoredAnalysis } from './apply-commit.ts';
import { fetchCommit, octokitFor } from './github/fetch-commit.ts';

export const MAX_ATTEMPTS = 6;
/** GitHub lists at most 20 commits in a push payload; we never analyse more per push. */
export const MAX_COMMITS_PER_PUSH = 20;

export interface WorkerContext {
  db: Kysely<Database>;
  bus: Bus;
  log: Logger;
  cipher: TokenCipher;
  githubApiUrl: string;
  now(): Date;
}

interface PushPayload {
  deleted?: boolean;
  repository?: { id?: number; full_name?: string; owner?: { login?: string; name?: string }; name?: string };
  commits?: { id: string; message?: string; distinct?: boolean; url?: string; timestamp?: string; author?: { username?: string; name?: string } }[];
}

export async function processDelivery(ctx: WorkerContext, deliveryId: string): Promise<void> {
  const delivery = await getDelivery(ctx.db, deliveryId);
  if (!delivery || ['processed', 'ignored', 'failed'].includes(delivery.status)) return;
  const log = ctx.log.child({ deliveryId, event: delivery.event });
  const attempts = await bumpDeliveryAttempts(ctx.db, deliveryId);
  if (attempts > MAX_ATTEMPTS) {
    log.error({ attempts }, 'giving up on delivery');
    await markDelivery(ctx.db, deliveryId, 'failed', `gave up after ${MAX_ATTEMPTS} attempts: ${delivery.error ?? 'unknown error'}`);
    return;
  }
  if (delivery.event !== 'push') return markDelivery(ctx.db, deliveryId, 'ignored', `event ${delivery.event} is not analysed`);

  const payload = JSON.parse(delivery.payload) as PushPayload;
  const githubId = payload.repository?.id;
  const repo = typeof githubId === 'number' ? await findRepositoryByGithubId(ctx.db, githubId) : undefined;
  const pets = repo ? await listEntitiesOfRepository(ctx.db, repo.id) : [];
  if (!repo || pets.length === 0) return markDelivery(ctx.db, deliveryId, 'ignored', 'repository not adopted');
  const commits = (payload.commits ?? []).slice(-MAX_COMMITS_PER_PUSH);
  if (payload.deleted || commits.length === 0) return markDelivery(ctx.db, deliveryId, 'processed', 'no commits');

  const token = await adopterToken(ctx, pets.map((p) => p.user_id));
  if (!token) {
    log.warn({ repo: repo.full_name }, 'no adopter has a usable GitHub token');
    return markDelivery(ctx.db, deliveryId, 'failed', 'no adopter has a usable GitHub token: sign in again');
  }
  const gh = octokitFor(ctx.githubApiUrl, token);
  try {
    for (const c of commits) {
      const stored = await findAnalysis(ctx.db, repo.id, c.id);
      let events;
      if (stored) {
        events = await applyStoredAnalysis(ctx, stored);
      } else {
        let fetched;
        try {
          fetched = await fetchCommit(gh, repo.owner, repo.name, c.id);
        } catch (err) {
          const status = (err as { status?: number }).status;
          if (status === 404 || status === 422) {
            log.warn({ sha: c.id }, 'commit no longer exists on GitHub (force-pushed away?); skipped');
            continue;
          }
          throw err;
        }
        events = await applyCommit(ctx, repo.id, fetched.meta, await analyseCommit(fetched.input));
      }
      log.info({ sha: c.id.slice(0, 12), pets: events.length }, 'commit applied');
    }
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === 401) {
      await markDelivery(ctx.db, deliveryId, 'failed', 'GitHub rejected the token (401): the adopter must sign in again');
      return;
    }
    await recordDeliveryError(ctx.db, deliveryId, String((err as Error).message ?? err));
    throw err; // left pending: retried after the claim timeout
  }
  await markDelivery(ctx.db, deliveryId, 'processed');
}

/** The first adopter's GitHub token that can still be decrypted (the worker acts with the adopters' rights). */
export async function adopterToken(ctx: WorkerContext, userIds: string[]): Promise<string | null> {
  for (const id of new Set(userIds)) {
    const u = await getUser(ctx.db, id);
    if (!u?.token_encrypted) continue;
    try {
      return ctx.cipher.decrypt(u.token_encrypted);
    } catch {
      /* key changed: try the next adopter */
    }
  }
  return null;
}
