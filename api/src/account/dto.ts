/**
 * What leaves the server about a whole account: the answer of deleting it
 * (what went, and which webhooks GitHub confirmed removed) and the export of
 * everything stored about the user. The GitHub token is never in either: the
 * export says it is stored encrypted and not exported.
 */
import type { accountRows } from '@tamagitto/db';
import { z } from 'zod';

export const DeleteAccountRequestSchema = z
  .object({
    confirm: z.string().max(100).describe('Your GitHub login, typed again to confirm (compared case-insensitively).'),
  })
  .meta({ id: 'DeleteAccountRequest' });

const n = z.number().int().min(0);

export const AccountDeletedSchema = z
  .object({
    deleted: z
      .object({
        users: n,
        sessions: n,
        pets: n,
        healthHistory: n,
        repositories: n.describe('Repositories nobody else adopted, with their vet reports and stored webhook deliveries.'),
        vetReports: n,
        webhookDeliveries: n,
        daySessions: n,
        workBlocks: n,
        conversations: n,
        puzzleAttempts: n,
        badges: n,
        coachingProfiles: n,
        llmUsage: n.describe('Your coach calls in the LLM usage log: deleted, not kept anonymised.'),
        nudgeClaims: n.describe("Records of which coach nudges you were already sent."),
      })
      .describe('How many rows went, table by table.'),
    webhooks: z
      .array(
        z.object({
          repository: z.string().describe('"owner/name"'),
          removed: z.boolean().describe('GitHub confirmed the webhook Tamagitto registered is gone.'),
          error: z.string().optional().describe('Why not: remove it by hand in the repository settings → Webhooks.'),
        }),
      )
      .describe('The webhooks Tamagitto had registered on repositories nobody else adopted, removed with your token before deleting.'),
  })
  .meta({ id: 'AccountDeleted', description: 'The account and everything stored about it are gone.' });

const iso = z.string().nullable();
const json = z.unknown();

const HistoryEntry = z.object({ at: z.string(), reason: z.string(), delta: z.number(), healthAfter: z.number(), stateAfter: z.string(), sha: z.string().nullable(), note: z.string().nullable() });

export const AccountExportSchema = z
  .object({
    format: z.literal('tamagitto-export/1'),
    exportedAt: z.string(),
    user: z.object({
      id: z.string(),
      githubId: z.number(),
      login: z.string(),
      name: z.string().nullable(),
      avatarUrl: z.string().nullable(),
      githubToken: z.literal('stored encrypted; not exported'),
      tokenScopes: z.string().nullable(),
      tokenRejectedAt: iso,
      tokenRejectedReason: z.string().nullable(),
      createdAt: z.string(),
      updatedAt: z.string(),
    }),
    settings: z.object({ timezone: z.string(), restDays: z.array(z.number()), vacationUntil: iso, notifyOnDecline: z.boolean() }),
    pets: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        family: z.string(),
        species: z.string(),
        health: z.number(),
        state: z.string(),
        stage: z.string(),
        goodDays: z.number(),
        lastCommitAt: iso,
        diedAt: iso,
        revivedAt: iso,
        accessCheckedAt: iso,
        accessLostAt: iso,
        createdAt: z.string(),
        repository: z.object({ fullName: z.string(), githubId: z.number(), private: z.boolean(), webhookRegistered: z.boolean() }),
        history: z.array(HistoryEntry).describe('Every change of its health, oldest first.'),
      }),
    ),
    vetReports: z
      .array(
        z.object({
          id: z.string(),
          repository: z.string(),
          sha: z.string(),
          parentSha: z.string().nullable(),
          authorLogin: z.string().nullable(),
          message: z.string(),
          url: z.string().nullable(),
          committedAt: iso,
          filesChanged: z.number(),
          additions: z.number(),
          deletions: z.number(),
          delta: z.number(),
          poorQuality: z.boolean(),
          partial: z.boolean(),
          metrics: json,
          findings: json,
          engineVersion: z.string(),
          createdAt: z.string(),
        }),
      )
      .describe("The vet reports of your pets' repositories (shared with anyone else who adopted the same repository)."),
    vetReportsWithheld: z.array(z.string()).describe('Repositories you can no longer read on GitHub: their reports are not exported.'),
    daySessions: z.array(
      z.object({
        day: z.string(),
        startedAt: z.string(),
        endedAt: iso,
        journalSha: z.string().nullable(),
        journalError: z.string().nullable(),
        summary: json,
        workBlocks: z.array(z.object({ label: z.string().nullable(), startedAt: z.string(), endedAt: iso })),
      }),
    ),
    conversations: z.array(z.object({ at: z.string(), role: z.string(), content: z.string(), source: z.string().nullable() })),
    puzzleAttempts: z.array(z.object({ day: z.string(), puzzleId: z.string(), answer: z.string(), correct: z.boolean(), at: z.string() })),
    badges: z.array(z.object({ kind: z.string(), period: z.string(), meta: json, gistUrl: z.string().nullable(), awardedAt: z.string() })),
    coachingProfile: z.object({ pattern: z.string(), signals: json, updatedAt: z.string() }).nullable(),
    llmUsage: z.array(
      z.object({ at: z.string(), provider: z.string(), model: z.string(), purpose: z.string(), tokensIn: z.number(), tokensOut: z.number(), latencyMs: z.number(), costUsd: z.number(), ok: z.boolean() }),
    ),
    sessions: z
      .array(z.object({ id: z.string(), createdAt: z.string(), expiresAt: z.string(), revokedAt: iso, current: z.boolean() }))
      .describe('Your sign-ins (session tokens themselves are never stored).'),
    apiKeys: z
      .array(z.object({ id: z.string(), name: z.string(), prefix: z.string(), scopes: z.array(z.string()), createdAt: z.string(), lastUsedAt: iso, revokedAt: iso }))
      .describe('Your personal API keys (the keys themselves are never stored, only their SHA-256).'),
    checks: z
      .array(z.object({ id: z.string(), repository: z.string(), pr: z.number(), headSha: z.string(), status: z.string(), verdict: z.string().nullable(), report: json, createdAt: z.string() }))
      .describe('The PR checks you asked for.'),
  })
  .meta({ id: 'AccountExport', description: 'Everything stored about you, as JSON. Never your GitHub token, never another user’s data.' });

export type AccountExportDto = z.infer<typeof AccountExportSchema>;
type Rows = NonNullable<Awaited<ReturnType<typeof accountRows>>>;

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) out.set(key(row), [...(out.get(key(row)) ?? []), row]);
  return out;
}

const at = (d: Date | string) => new Date(d).toISOString();
const atOrNull = (d: Date | string | null) => (d ? at(d) : null);

export function toAccountExport(r: Rows, currentSessionId: string, now: Date): AccountExportDto {
  const blocksBySession = groupBy(r.workBlocks, (b) => b.session_id);
  const historyByPet = groupBy(r.history, (h) => h.entity_id);
  const repoName = new Map(r.pets.map((p) => [p.repository_id, `${p.repo_owner}/${p.repo_name}`]));
  return {
    format: 'tamagitto-export/1',
    exportedAt: now.toISOString(),
    user: {
      id: r.user.id,
      githubId: r.user.github_id,
      login: r.user.login,
      name: r.user.name,
      avatarUrl: r.user.avatar_url,
      githubToken: 'stored encrypted; not exported',
      tokenScopes: r.user.token_scopes,
      tokenRejectedAt: atOrNull(r.user.token_rejected_at),
      tokenRejectedReason: r.user.token_rejected_reason,
      createdAt: at(r.user.created_at),
      updatedAt: at(r.user.updated_at),
    },
    settings: { timezone: r.user.timezone, restDays: r.user.rest_days, vacationUntil: atOrNull(r.user.vacation_until), notifyOnDecline: r.user.notify_on_decline },
    pets: r.pets.map((p) => ({
      id: p.id,
      name: p.name,
      family: p.family,
      species: p.species,
      health: p.health,
      state: p.state,
      stage: p.stage,
      goodDays: p.good_days,
      lastCommitAt: atOrNull(p.last_commit_at),
      diedAt: atOrNull(p.died_at),
      revivedAt: atOrNull(p.revived_at),
      accessCheckedAt: atOrNull(p.access_checked_at),
      accessLostAt: atOrNull(p.access_lost_at),
      createdAt: at(p.created_at),
      repository: { fullName: `${p.repo_owner}/${p.repo_name}`, githubId: Number(p.repo_github_id), private: p.repo_private, webhookRegistered: p.repo_webhook_id !== null },
      history: (historyByPet.get(p.id) ?? []).map((h) => ({
        at: at(h.created_at),
        reason: h.reason,
        delta: h.delta,
        healthAfter: h.health_after,
        stateAfter: h.state_after,
        sha: h.sha,
        note: h.note,
      })),
    })),
    vetReports: r.analyses.map((a) => ({
      id: a.id,
      repository: repoName.get(a.repository_id) ?? a.repository_id,
      sha: a.sha,
      parentSha: a.parent_sha,
      authorLogin: a.author_login,
      message: a.message,
      url: a.url,
      committedAt: atOrNull(a.committed_at),
      filesChanged: a.files_changed,
      additions: a.additions,
      deletions: a.deletions,
      delta: a.delta,
      poorQuality: a.poor_quality,
      partial: a.partial,
      metrics: a.metrics,
      findings: a.findings,
      engineVersion: a.engine_version,
      createdAt: at(a.created_at),
    })),
    vetReportsWithheld: r.pets.filter((p) => p.access_lost_at !== null).map((p) => `${p.repo_owner}/${p.repo_name}`),
    daySessions: r.daySessions.map((s) => ({
      day: s.day,
      startedAt: at(s.started_at),
      endedAt: atOrNull(s.ended_at),
      journalSha: s.journal_sha,
      journalError: s.journal_error,
      summary: s.summary,
      workBlocks: (blocksBySession.get(s.id) ?? []).map((b) => ({ label: b.label, startedAt: at(b.started_at), endedAt: atOrNull(b.ended_at) })),
    })),
    conversations: r.conversations.map((m) => ({ at: at(m.created_at), role: m.role, content: m.content, source: m.source })),
    puzzleAttempts: r.puzzleAttempts.map((p) => ({ day: p.puzzle_day, puzzleId: p.puzzle_id, answer: p.answer, correct: p.correct, at: at(p.created_at) })),
    badges: r.badges.map((b) => ({ kind: b.kind, period: b.period, meta: b.meta, gistUrl: b.gist_url, awardedAt: at(b.awarded_at) })),
    coachingProfile: r.coachingProfile ? { pattern: r.coachingProfile.pattern, signals: r.coachingProfile.signals, updatedAt: at(r.coachingProfile.updated_at) } : null,
    llmUsage: r.llmUsage.map((u) => ({
      at: at(u.created_at),
      provider: u.provider,
      model: u.model,
      purpose: u.purpose,
      tokensIn: u.tokens_in,
      tokensOut: u.tokens_out,
      latencyMs: u.latency_ms,
      costUsd: Number(u.cost_usd),
      ok: u.ok,
    })),
    sessions: r.sessions.map((s) => ({ id: s.id, createdAt: at(s.created_at), expiresAt: at(s.expires_at), revokedAt: atOrNull(s.revoked_at), current: s.id === currentSessionId })),
    apiKeys: r.apiKeys.map((k) => ({ id: k.id, name: k.name, prefix: k.prefix, scopes: k.scopes, createdAt: at(k.created_at), lastUsedAt: atOrNull(k.last_used_at), revokedAt: atOrNull(k.revoked_at) })),
    checks: r.checks.map((c) => ({
      id: c.id,
      repository: repoName.get(c.repository_id) ?? c.repository_id,
      pr: c.pr_number,
      headSha: c.head_sha,
      status: c.status,
      verdict: c.verdict,
      report: c.report,
      createdAt: at(c.created_at),
    })),
  };
}
