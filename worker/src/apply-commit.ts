/**
 * Applying one analysed commit to every pet of its repository, in ONE
 * transaction: the analysis row, a history entry per pet, the pets' new
 * health. Exactly-once per (pet, sha): the history entry's unique index
 * decides, so a redelivered push, a duplicated job or two workers racing on
 * the same commit change health once (ARCHITECTURE.md "Delivery is
 * at-least-once, effects are exactly-once").
 */
import {
  entitiesOfRepositoryForUpdate,
  insertAnalysis,
  insertHealthEntry,
  updateEntity,
  type CommitAnalysis,
  type Database,
  type PetUpdatedEvent,
  type HealthReason,
} from '@tamagitto/db';
import type { Kysely } from 'kysely';
import type { AnalysisResult } from '@tamagitto/domain';
import type { CommitMeta } from './github/fetch-commit.ts';
import { clampHealth, stateForHealth } from '@tamagitto/domain';


export async function applyCommit(
  db: Kysely<Database>,
  repositoryId: string,
  meta: CommitMeta,
  result: AnalysisResult,
  now: Date,
): Promise<PetUpdatedEvent[]> {
  return db.transaction().execute(async (trx) => {
    const { analysis } = await insertAnalysis(trx, {
      repository_id: repositoryId,
      sha: meta.sha,
      parent_sha: meta.parentSha,
      author_login: meta.authorLogin,
      message: meta.message.slice(0, 10_000),
      url: meta.url,
      committed_at: meta.committedAt,
      files_changed: result.filesChanged,
      additions: result.additions,
      deletions: result.deletions,
      metrics: JSON.stringify({ ...result.metrics, skipped_files: result.skippedFiles }),
      findings: JSON.stringify(result.findings),
      partial: result.partial,
      poor_quality: result.poorQuality,
      delta: result.delta,
      engine_version: result.engineVersion,
    });
    // The stored analysis wins over a recomputed one: the delta must not depend on which attempt got here first.
    return applyToPets(trx, analysis, now);
  });
}

/** Re-applies an analysis stored by an earlier attempt (or the same commit on another branch): no refetch, no re-insert. */
export async function applyStoredAnalysis(db: Kysely<Database>, analysis: CommitAnalysis, now: Date): Promise<PetUpdatedEvent[]> {
  return db.transaction().execute((trx) => applyToPets(trx, analysis, now));
}

async function applyToPets(trx: Kysely<Database>, analysis: CommitAnalysis, now: Date): Promise<PetUpdatedEvent[]> {
  const delta = analysis.delta;
  const reason: HealthReason = analysis.poor_quality ? 'poor_commit' : 'commit';
  const events: PetUpdatedEvent[] = [];
  for (const pet of await entitiesOfRepositoryForUpdate(trx, analysis.repository_id)) {
    if (pet.state === 'dead') continue;
    const health = clampHealth(pet.health + delta);
    const state = stateForHealth(health);
    const entry = await insertHealthEntry(trx, {
      entity_id: pet.id,
      reason,
      delta: Math.round((health - pet.health) * 100) / 100,
      health_after: health,
      state_after: state,
      sha: analysis.sha,
      analysis_id: analysis.id,
      note: firstLine(analysis.message),
    });
    if (!entry) continue; // already applied to this pet
    const updated = await updateEntity(trx, pet.id, {
      health,
      state,
      last_commit_at: now,
      zero_health_since: health <= 0 ? (pet.zero_health_since ?? now) : null,
    });
    events.push({
      type: 'pet.updated',
      userId: pet.user_id,
      petId: pet.id,
      health: updated.health,
      state: updated.state,
      stage: updated.stage,
      delta: entry.delta,
      reason,
      sha: analysis.sha,
      at: now.toISOString(),
    });
  }
  return events;
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? '').slice(0, 200);
}
