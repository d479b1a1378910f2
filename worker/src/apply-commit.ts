/**
 * Applying one analysed commit to every pet of its repository, in ONE
 * transaction: the analysis row, a history entry per pet, the pets' new
 * health. Exactly-once per (pet, sha): the history entry's unique index
 * decides, so a redelivered push, a duplicated job or two workers racing on
 * the same commit change health once: delivery is at-least-once, effects
 * are exactly-once. The change itself goes through the pet-health service
 * (@tamagitto/db, src/pets/pet-health.ts), which publishes after the commit.
 */
import {
  entitiesOfRepositoryForUpdate,
  insertAnalysis,
  petHealthTransaction,
  type CommitAnalysis,
  type PetHealthContext,
  type PetHealthTx,
  type PetUpdatedEvent,
} from '@tamagitto/db';
import type { AnalysisResult } from '@tamagitto/domain';
import type { CommitMeta } from './github/fetch-commit.ts';

/** Stores the analysis and applies it to every pet of the repository; returns the published changes. */
export async function applyCommit(ctx: PetHealthContext, repositoryId: string, meta: CommitMeta, result: AnalysisResult): Promise<PetUpdatedEvent[]> {
  const { events } = await petHealthTransaction(ctx, async (tx) => {
    const { analysis } = await insertAnalysis(tx.trx, {
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
    await applyToPets(tx, analysis);
  });
  return events;
}

/** Re-applies an analysis stored by an earlier attempt (or the same commit on another branch): no refetch, no re-insert. */
export async function applyStoredAnalysis(ctx: PetHealthContext, analysis: CommitAnalysis): Promise<PetUpdatedEvent[]> {
  const { events } = await petHealthTransaction(ctx, (tx) => applyToPets(tx, analysis));
  return events;
}

async function applyToPets(tx: PetHealthTx, analysis: CommitAnalysis): Promise<void> {
  const change = { reason: analysis.poor_quality ? 'poor_commit' : 'commit', delta: analysis.delta } as const;
  for (const pet of await entitiesOfRepositoryForUpdate(tx.trx, analysis.repository_id)) {
    // Dead pets are refused by the rules; a pet that already counted this sha is a duplicate: both are skipped.
    await tx.change(pet, change, { sha: analysis.sha, analysisId: analysis.id, note: firstLine(analysis.message) });
  }
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? '').slice(0, 200);
}
