/**
 * The nudge trigger engine (issue 5): finds moments worth a word from the
 * coach and pushes each once as a `coach.nudge` WebSocket message.
 *
 * Triggers: a work block running > 90 min · a pet that dropped a health
 * state · a PR that has waited on your review > 2 days (> 1 day for the
 * Ransom profile) · no commits for 3 days · a secret found in a commit.
 *
 * Exactly-once per moment: each nudge has a stable key (e.g. the block id)
 * claimed in the `jobs` table (unique kind+key), so several workers — or the
 * api's /proactive route — can evaluate at the same time without repeating
 * themselves. Nudges are also kept in `conversations` (role 'nudge').
 */
import { PATTERN_STYLE, type CoachPattern } from '@tamagitto/domain';
import { CHANNELS, type Bus } from '../bus/types.ts';
import type { TokenCipher } from '../crypto.ts';
import type { Logger } from '../logger.ts';
import type { Database } from '../schema.ts';
import { Octokit } from '@octokit/rest';
import type { Kysely } from 'kysely';
import { storedPattern } from './profile-store.ts';

export type NudgeKind = 'long_block' | 'pet_dropped' | 'pr_waiting' | 'no_commits' | 'secret_found';

export interface Nudge {
  userId: string;
  kind: NudgeKind;
  /** Stable per moment: the same key never nudges twice. */
  key: string;
  message: string;
}

export interface NudgeContext {
  db: Kysely<Database>;
  bus: Bus;
  log: Logger;
  now(): Date;
  /** With both, PRs waiting on the user are looked up on GitHub; without, that trigger is skipped. */
  cipher?: TokenCipher;
  githubApiUrl?: string;
}

export const LONG_BLOCK_MIN = 90;
export const NO_COMMIT_DAYS = 3;
const STATE_RANK: Record<string, number> = { thriving: 5, healthy: 4, okay: 3, poor: 2, dying: 1, dead: 0 };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function longBlockMessage(pattern: CoachPattern, minutes: number, label: string | null): string {
  const what = label ? `"${label}"` : 'this block';
  if (pattern === 'peter') return `You've been on ${what} for ${minutes} min. Take a 5-minute break — then finish it before starting anything new.`;
  return `You've been on ${what} for ${minutes} min. Stand up, stretch, drink some water: a 5-minute break keeps the next hour sharp.`;
}

async function githubLogin(ctx: NudgeContext, userId: string): Promise<{ login: string; token: string } | null> {
  if (!ctx.cipher || !ctx.githubApiUrl) return null;
  const u = await ctx.db.selectFrom('users').select(['login', 'token_encrypted']).where('id', '=', userId).executeTakeFirst();
  if (!u?.token_encrypted) return null;
  try {
    return { login: u.login, token: ctx.cipher.decrypt(u.token_encrypted) };
  } catch {
    return null;
  }
}

/**
 * Every nudge that applies to `userId` right now (not yet deduplicated).
 *
 * @example
 * const nudges = await evaluateNudges(ctx, userId);
 */
export async function evaluateNudges(ctx: NudgeContext, userId: string): Promise<Nudge[]> {
  const now = ctx.now();
  const pattern = await storedPattern(ctx.db, userId);
  const out: Nudge[] = [];

  const blocks = await ctx.db
    .selectFrom('work_blocks')
    .select(['id', 'label', 'started_at'])
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .where('started_at', '<=', new Date(now.getTime() - LONG_BLOCK_MIN * 60_000))
    .execute();
  for (const b of blocks) {
    const minutes = Math.round((now.getTime() - new Date(b.started_at).getTime()) / 60_000);
    out.push({ userId, kind: 'long_block', key: `long_block:${b.id}`, message: longBlockMessage(pattern, minutes, b.label) });
  }

  const pets = await ctx.db
    .selectFrom('entities as e')
    .innerJoin('repositories as r', 'r.id', 'e.repository_id')
    .select(['e.id', 'e.name', 'e.state', 'e.last_commit_at', 'e.created_at', 'e.repository_id', 'r.owner', 'r.name as repo_name'])
    .where('e.user_id', '=', userId)
    .execute();
  const since = new Date(now.getTime() - DAY);
  for (const p of pets) {
    const recent = await ctx.db
      .selectFrom('health_history')
      .select(['id', 'state_after', 'created_at'])
      .where('entity_id', '=', p.id)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(20)
      .execute();
    for (let i = 0; i < recent.length - 1; i++) {
      const cur = recent[i]!;
      const prev = recent[i + 1]!;
      if (new Date(cur.created_at) < since) break;
      const a = STATE_RANK[prev.state_after];
      const b = STATE_RANK[cur.state_after];
      if (a !== undefined && b !== undefined && b < a) {
        out.push({ userId, kind: 'pet_dropped', key: `pet_dropped:${cur.id}`, message: `${p.name} dropped from ${prev.state_after} to ${cur.state_after}. A small commit with a test would cheer it up.` });
      }
    }
    if (p.state !== 'dead') {
      const last = new Date(p.last_commit_at ?? p.created_at);
      const days = Math.floor((now.getTime() - last.getTime()) / DAY);
      if (days >= NO_COMMIT_DAYS) {
        const tail = pattern === 'peter' ? ' Pick the smallest open item and land it today.' : ' Even a tiny commit counts.';
        out.push({ userId, kind: 'no_commits', key: `no_commits:${p.id}:${last.toISOString().slice(0, 10)}`, message: `No commits to ${p.owner}/${p.repo_name} for ${days} days — ${p.name} is getting hungry.${tail}` });
      }
    }
    const analyses = await ctx.db
      .selectFrom('commit_analyses')
      .select(['id', 'sha', 'metrics'])
      .where('repository_id', '=', p.repository_id)
      .where('created_at', '>=', new Date(now.getTime() - 2 * DAY))
      .execute();
    for (const a of analyses) {
      const found = Number((a.metrics as { secrets_found?: unknown }).secrets_found ?? 0);
      if (found > 0) {
        out.push({ userId, kind: 'secret_found', key: `secret_found:${a.id}`, message: `Commit ${a.sha.slice(0, 7)} in ${p.owner}/${p.repo_name} adds what looks like a secret. Revoke it now, then remove it from history.` });
      }
    }
  }

  const gh = await githubLogin(ctx, userId);
  if (gh) {
    const waitDays = pattern === 'ransom' ? 1 : 2;
    const cutoff = new Date(now.getTime() - waitDays * DAY).toISOString().slice(0, 19);
    try {
      const octokit = new Octokit({ auth: gh.token, baseUrl: ctx.githubApiUrl, userAgent: 'tamagitto-worker', request: { retries: 0 }, log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} } });
      const r = await octokit.rest.search.issuesAndPullRequests({ q: `is:open is:pr archived:false user-review-requested:${gh.login} created:<${cutoff}`, per_page: 10 });
      for (const i of r.data.items) {
        const repo = i.repository_url.split('/').slice(-2).join('/');
        const days = Math.floor((now.getTime() - Date.parse(i.created_at)) / DAY);
        const lead = pattern === 'ransom' ? `${PATTERN_STYLE.ransom.focus} ` : '';
        out.push({ userId, kind: 'pr_waiting', key: `pr_waiting:${repo}#${i.number}`, message: `${lead}${i.user?.login ?? 'Someone'} has waited ${days} days for your review of ${repo}#${i.number} "${i.title.slice(0, 80)}".` });
      }
    } catch (err) {
      // GitHub down or rate-limited: this trigger waits for the next run.
      ctx.log.debug({ userId, status: (err as { status?: number }).status }, 'pr_waiting check skipped');
    }
  }
  return out;
}

/** Claims the nudge's key; true only for the first claimant ever. */
async function claim(db: Kysely<Database>, n: Nudge): Promise<boolean> {
  const r = await db
    .insertInto('jobs')
    .values({ kind: 'nudge', key: `${n.userId}:${n.key}`, status: 'done', payload: JSON.stringify({ kind: n.kind }) })
    .onConflict((oc) => oc.columns(['kind', 'key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export interface NudgeRunResult {
  users: number;
  sent: (Nudge & { id: string })[];
}

/**
 * Evaluates every user (or one), sends each new nudge once: stored in
 * `conversations` and published on `coach.nudge` for the user's WebSockets.
 * Call it periodically (every few minutes); it is safe to run concurrently.
 *
 * @example
 * setInterval(() => void runCoachNudges(ctx).catch(log.error), 5 * 60_000);
 */
export async function runCoachNudges(ctx: NudgeContext, opts: { userId?: string } = {}): Promise<NudgeRunResult> {
  const users = opts.userId ? [{ id: opts.userId }] : await ctx.db.selectFrom('users').select('id').orderBy('id').limit(5_000).execute();
  const sent: NudgeRunResult['sent'] = [];
  for (const u of users) {
    let nudges: Nudge[];
    try {
      nudges = await evaluateNudges(ctx, u.id);
    } catch (err) {
      ctx.log.warn({ userId: u.id, err: { message: (err as Error).message } }, 'nudge evaluation failed');
      continue;
    }
    for (const n of nudges) {
      if (!(await claim(ctx.db, n))) continue;
      const at = ctx.now();
      const row = await ctx.db
        .insertInto('conversations')
        .values({ user_id: n.userId, role: 'nudge', content: n.message, source: 'rules', created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      await ctx.bus
        .publish(CHANNELS.coachNudge, { userId: n.userId, type: 'coach.nudge', id: row.id, kind: n.kind, message: n.message, at: at.toISOString() })
        .catch((err: Error) => ctx.log.warn({ err: { message: err.message } }, 'nudge publish failed'));
      sent.push({ ...n, id: row.id });
    }
  }
  if (sent.length) ctx.log.info({ sent: sent.length }, 'coach nudges sent');
  return { users: users.length, sent };
}
