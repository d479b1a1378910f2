/**
 * What the coach knows about the user: pets, recent vet reports, today's
 * session and the top of the work queue. Given to the model as text, capped
 * at MAX_CONTEXT_CHARS (cost and latency grow with every token); the rule-based
 * coach reads the structured form.
 */
import { getUser, listEntitiesForUser, refreshProfile } from '@tamagitto/db';
import { localDay, minutesBetween, type CoachPattern, type RecommendationsDto } from '@tamagitto/domain';
import type { AppDeps } from '../deps.ts';
import { buildQueue } from '../queue/build-queue.ts';
import { topRecommendations } from '../queue/queue-score.ts';
import { blocksOf, sessionForDay } from '../sessions/store.ts';
import { recentAnalyses } from './store.ts';

export const MAX_CONTEXT_CHARS = 4_000;

export interface CoachContext {
  pets: { name: string; repo: string; health: number; state: string; daysSinceCommit: number | null }[];
  vetReports: { repo: string; sha: string; message: string; delta: number; secrets: number; poor: boolean }[];
  session: { minutes: number; openBlock: { label: string | null; minutes: number } | null; ended: boolean } | null;
  queueTop: RecommendationsDto['items'];
  pattern: CoachPattern;
  text: string;
}

export async function buildCoachContext(deps: AppDeps, userId: string): Promise<CoachContext> {
  const now = deps.now();
  const user = await getUser(deps.db, userId);
  const pets = await listEntitiesForUser(deps.db, userId);
  // Vet reports only of repositories the user can still read on GitHub (entities.access_lost_at; pets/store.ts findOwnedPet).
  const repoIds = [...new Set(pets.filter((p) => !p.access_lost_at).map((p) => p.repository_id))];
  const reports = await recentAnalyses(deps.db, repoIds, 5);
  const s = await sessionForDay(deps.db, userId, localDay(now, user?.timezone ?? 'UTC'));
  const blocks = s ? await blocksOf(deps.db, s.id) : [];
  const open = blocks.find((b) => b.ended_at === null);

  let queueTop: RecommendationsDto['items'] = [];
  let queueSignals: { openOwnPrs: number | null; agingReviewRequests: number | null } = { openOwnPrs: null, agingReviewRequests: null };
  try {
    const q = await buildQueue(deps, userId);
    queueTop = topRecommendations(q);
    queueSignals = { openOwnPrs: q.ownPullRequests.length, agingReviewRequests: q.reviewRequests.filter((r) => r.factors.waitingHours > 48).length };
  } catch {
    // The coach still helps without GitHub (token revoked, GitHub down).
  }
  const { pattern } = await refreshProfile(deps.db, userId, now, queueSignals);

  const ctx: Omit<CoachContext, 'text'> = {
    pets: pets.map((p) => ({
      name: p.name,
      repo: `${p.repo.owner}/${p.repo.name}`,
      health: Math.round(p.health),
      state: p.state,
      daysSinceCommit: p.last_commit_at ? Math.floor((now.getTime() - new Date(p.last_commit_at).getTime()) / 86_400_000) : null,
    })),
    vetReports: reports.map((r) => ({
      repo: `${r.owner}/${r.name}`,
      sha: r.sha.slice(0, 7),
      message: r.message.split('\n', 1)[0]!.slice(0, 100),
      delta: Math.round(r.delta * 10) / 10,
      secrets: Number((r.metrics as { secrets_found?: unknown }).secrets_found ?? 0),
      poor: r.poor_quality,
    })),
    session: s
      ? {
          minutes: blocks.reduce((n, b) => n + minutesBetween(b.started_at, b.ended_at ?? now), 0),
          openBlock: open ? { label: open.label, minutes: minutesBetween(open.started_at, now) } : null,
          ended: s.ended_at !== null,
        }
      : null,
    queueTop,
    pattern,
  };
  return { ...ctx, text: contextText(ctx) };
}

/** Plain text for the model; each section is bounded, and the whole is cut at MAX_CONTEXT_CHARS. */
export function contextText(c: Omit<CoachContext, 'text'>): string {
  const lines: string[] = [];
  lines.push('Pets (one per adopted repository):');
  for (const p of c.pets.slice(0, 8)) lines.push(`- ${p.name} (${p.repo}): ${p.state}, health ${p.health}/100, last commit ${p.daysSinceCommit === null ? 'never' : `${p.daysSinceCommit} days ago`}`);
  if (!c.pets.length) lines.push('- none yet');
  lines.push('Recent vet reports (commit analyses):');
  for (const r of c.vetReports) lines.push(`- ${r.repo} ${r.sha} "${r.message}": health ${r.delta >= 0 ? '+' : ''}${r.delta}${r.poor ? ', poor quality' : ''}${r.secrets ? `, ${r.secrets} secret(s) found` : ''}`);
  if (!c.vetReports.length) lines.push('- none');
  lines.push(
    c.session
      ? `Today's session: ${c.session.minutes} min worked${c.session.openBlock ? `, current block "${c.session.openBlock.label ?? 'unlabelled'}" running ${c.session.openBlock.minutes} min` : ', no block running'}${c.session.ended ? ' (ended)' : ''}`
      : "Today's session: not started",
  );
  lines.push('Top of the work queue:');
  for (const q of c.queueTop) lines.push(`- ${q.item.id} "${q.item.title.slice(0, 80)}" (confidence ${q.item.confidence_score}): ${q.reason}`);
  if (!c.queueTop.length) lines.push('- empty or unavailable');
  lines.push(`Work pattern: ${c.pattern}`);
  const text = lines.join('\n');
  return text.length > MAX_CONTEXT_CHARS ? `${text.slice(0, MAX_CONTEXT_CHARS - 20)}\n[context truncated]` : text;
}
