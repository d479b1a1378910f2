/**
 * Day sessions and work blocks: reads and the summary a journal entry is
 * made of. Kept apart from the route so the coach context and the nudge
 * rules can reuse the same view of "today".
 */
import { getUser, type DaySession, type WorkBlock } from '@tamagitto/db';
import type { DaySessionDto, SessionSummaryDto, WorkBlockDto } from '@tamagitto/domain';
import type { AppDeps } from '../deps.ts';
import { localDay, minutesBetween } from '@tamagitto/domain';
import { JOURNAL_PATH } from './journal.ts';

export function toBlockDto(b: WorkBlock, now: Date): WorkBlockDto {
  return {
    id: b.id,
    label: b.label,
    startedAt: new Date(b.started_at).toISOString(),
    endedAt: b.ended_at ? new Date(b.ended_at).toISOString() : null,
    minutes: minutesBetween(b.started_at, b.ended_at ?? now),
  };
}

export async function blocksOf(deps: AppDeps, sessionId: string): Promise<WorkBlock[]> {
  return deps.db.selectFrom('work_blocks').selectAll().where('session_id', '=', sessionId).orderBy('started_at').orderBy('id').execute();
}

export async function toSessionDto(deps: AppDeps, s: DaySession): Promise<DaySessionDto> {
  const now = deps.now();
  const blocks = (await blocksOf(deps, s.id)).map((b) => toBlockDto(b, now));
  const repo = s.journal_repository_id
    ? await deps.db.selectFrom('repositories').select(['owner', 'name']).where('id', '=', s.journal_repository_id).executeTakeFirst()
    : undefined;
  return {
    id: s.id,
    day: s.day,
    startedAt: new Date(s.started_at).toISOString(),
    endedAt: s.ended_at ? new Date(s.ended_at).toISOString() : null,
    blocks,
    openBlock: blocks.find((b) => b.endedAt === null) ?? null,
    totalMinutes: blocks.reduce((n, b) => n + b.minutes, 0),
    journal: { repo: repo ? `${repo.owner}/${repo.name}` : null, path: JOURNAL_PATH, sha: s.journal_sha, error: s.journal_error },
  };
}

/** Today ('YYYY-MM-DD') in the user's own timezone: the day sessions and puzzles belong to. */
export async function userToday(deps: AppDeps, userId: string): Promise<string> {
  return localDay(deps.now(), (await getUser(deps.db, userId))?.timezone ?? 'UTC');
}

export async function sessionForDay(deps: AppDeps, userId: string, day: string): Promise<DaySession | undefined> {
  return deps.db.selectFrom('day_sessions').selectAll().where('user_id', '=', userId).where('day', '=', day).executeTakeFirst();
}

/** Commits applied to the user's pets since `since`, with their health deltas. */
export async function commitsSince(deps: AppDeps, userId: string, since: Date): Promise<SessionSummaryDto['commits']> {
  const rows = await deps.db
    .selectFrom('health_history as h')
    .innerJoin('entities as e', 'e.id', 'h.entity_id')
    .innerJoin('repositories as r', 'r.id', 'e.repository_id')
    .leftJoin('commit_analyses as a', 'a.id', 'h.analysis_id')
    .select(['h.sha', 'h.delta', 'a.message', 'r.owner', 'r.name'])
    .where('e.user_id', '=', userId)
    .where('h.reason', 'in', ['commit', 'poor_commit'])
    .where('h.created_at', '>=', since)
    .orderBy('h.created_at')
    .limit(50)
    .execute();
  return rows.map((r) => ({
    sha: r.sha ?? '',
    message: oneLine(r.message ?? ''),
    repo: `${r.owner}/${r.name}`,
    delta: Math.round(r.delta * 10) / 10,
  }));
}

/** Markdown for a journal entry. User-written text is flattened to one line so it cannot inject headings. */
export function journalEntry(s: SessionSummaryDto): string {
  const h = Math.floor(s.minutes / 60);
  const m = s.minutes % 60;
  const lines = [`## ${s.day} — ${h ? `${h} h ` : ''}${m} min`, ''];
  lines.push(
    s.blocks.length
      ? `- Blocks: ${s.blocks.map((b) => `${b.label ? `"${oneLine(b.label)}"` : '(unlabelled)'} ${b.minutes} min`).join('; ')}`
      : '- Blocks: none',
  );
  if (s.commits.length) {
    lines.push('- Commits:');
    for (const c of s.commits) lines.push(`  - \`${c.sha.slice(0, 7)}\` ${c.message} (${c.repo}, ${c.delta >= 0 ? '+' : ''}${c.delta})`);
  } else lines.push('- Commits: none');
  lines.push(s.prsReviewed.length ? `- PRs reviewed: ${s.prsReviewed.map((p) => `${p.repo}#${p.number} ${oneLine(p.title)}`).join('; ')}` : '- PRs reviewed: none');
  lines.push(s.puzzle ? `- Puzzle: ${s.puzzle.solved ? 'solved' : 'tried'} "${oneLine(s.puzzle.title)}"` : '- Puzzle: skipped');
  return `${lines.join('\n')}\n`;
}

export function oneLine(s: string, max = 120): string {
  const first = s.split('\n', 1)[0]?.replace(/[#<>`\r]/g, '').trim() ?? '';
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}
