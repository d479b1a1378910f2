/**
 * `pull_request` deliveries (opened, synchronize, reopened, ready_for_review) of an adopted
 * repository become PR checks, exactly as POST /api/checks makes them (one per head SHA, a newer
 * head supersedes); the check job is enqueued, or left due for the due-check loop if the queue refuses.
 */
import { createCheck, findRepositoryByGithubId, listEntitiesOfRepository, type WebhookDelivery } from '@tamagitto/db';
import type { CheckContext } from './context.ts';
import { CHECK_JOB, publish } from './run-check.ts';

export const CHECKED_ACTIONS = new Set(['opened', 'synchronize', 'reopened', 'ready_for_review']);

interface PullRequestPayload {
  action?: string;
  number?: number;
  repository?: { id?: number };
  pull_request?: { number?: number; state?: string; head?: { sha?: string }; base?: { sha?: string } };
}

/** The check the delivery asks for: `created` / `exists`, or why none (`ignored`, with the reason). */
export async function checkFromPullRequest(ctx: CheckContext, delivery: WebhookDelivery): Promise<{ outcome: 'created' | 'exists' } | { outcome: 'ignored'; reason: string }> {
  const p = JSON.parse(delivery.payload) as PullRequestPayload;
  if (!p.action || !CHECKED_ACTIONS.has(p.action)) return { outcome: 'ignored', reason: `pull_request ${p.action ?? '(no action)'} is not checked` };
  const number = p.pull_request?.number ?? p.number;
  const head = p.pull_request?.head?.sha;
  const base = p.pull_request?.base?.sha;
  if (typeof number !== 'number' || !head || !base) return { outcome: 'ignored', reason: 'pull_request without a number, head or base' };
  const repo = typeof p.repository?.id === 'number' ? await findRepositoryByGithubId(ctx.db, p.repository.id) : undefined;
  if (!repo || (await listEntitiesOfRepository(ctx.db, repo.id)).length === 0) return { outcome: 'ignored', reason: 'repository not adopted' };
  const { check, created, superseded } = await createCheck(ctx.db, { repositoryId: repo.id, prNumber: number, headSha: head, baseSha: base, requestedBy: null });
  if (!created) return { outcome: 'exists' };
  try {
    await ctx.bus.enqueue([{ kind: CHECK_JOB, ref: check.id }]);
  } catch (err) {
    ctx.log.warn({ checkId: check.id, err: { message: (err as Error).message } }, 'check could not be enqueued; left due');
    await ctx.db.updateTable('checks').set({ next_attempt_at: ctx.now() }).where('id', '=', check.id).where('status', '=', 'queued').execute();
  }
  for (const id of [check.id, ...superseded]) await publish(ctx, id);
  return { outcome: 'created' };
}
