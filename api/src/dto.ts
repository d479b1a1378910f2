/** Rows → the contract's DTOs (contract.ts). The only place that decides what leaves the server. */
import type { CommitAnalysis, EntityWithRepo, HealthHistory, User } from '@tamagitto/db';
import { REVIVE_COOLDOWN_MS } from '@tamagitto/domain';
import type { Finding } from '@tamagitto/domain';
import type { AnalysisDetailDto, AnalysisSummaryDto, FindingDto, HealthEntryDto, PetDto, UserDto } from '@tamagitto/domain';

/**
 * Findings go out as the worker stored them (the casts below), so the contract's
 * FindingDto must be exactly the worker's Finding: typecheck fails here if either drifts.
 */
type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const findingShapesMatch: SameShape<Finding, FindingDto> = true;
void findingShapesMatch;

/** One cooldown for the api and the lifecycle rules (worker/src/pet/lifecycle.ts). */
export { REVIVE_COOLDOWN_MS };

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

export function toUserDto(u: User): UserDto {
  return { id: u.id, login: u.login, name: u.name, avatarUrl: u.avatar_url };
}

export function toPetDto(e: EntityWithRepo, githubWebUrl = 'https://github.com'): PetDto {
  return {
    id: e.id,
    name: e.name,
    family: e.family,
    species: e.species,
    health: e.health,
    state: e.state,
    stage: e.stage,
    repo: {
      owner: e.repo.owner,
      name: e.repo.name,
      fullName: `${e.repo.owner}/${e.repo.name}`,
      language: e.repo.language,
      url: `${githubWebUrl}/${e.repo.owner}/${e.repo.name}`,
    },
    lastCommitAt: iso(e.last_commit_at),
    createdAt: iso(e.created_at)!,
    diedAt: iso(e.died_at),
    reviveAvailableAt: e.died_at ? new Date(new Date(e.died_at).getTime() + REVIVE_COOLDOWN_MS).toISOString() : null,
    webhook: { registered: e.repo.webhook_id !== null, error: e.repo.webhook_error },
  };
}

export function toHistoryDto(h: HealthHistory): HealthEntryDto {
  return {
    id: h.id,
    at: iso(h.created_at)!,
    reason: h.reason,
    delta: h.delta,
    healthAfter: h.health_after,
    stateAfter: h.state_after,
    sha: h.sha,
    note: h.note,
  };
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

export function toAnalysisSummary(a: CommitAnalysis): AnalysisSummaryDto {
  const findings = (a.findings ?? []) as FindingDto[];
  const metrics = { ...(a.metrics ?? {}) };
  delete metrics.skipped_files;
  return {
    id: a.id,
    sha: a.sha,
    message: a.message,
    url: a.url,
    authorLogin: a.author_login,
    delta: a.delta,
    poorQuality: a.poor_quality,
    partial: a.partial,
    filesChanged: a.files_changed,
    additions: a.additions,
    deletions: a.deletions,
    metrics,
    topFindings: [...findings].sort((x, y) => SEVERITY_RANK[x.severity] - SEVERITY_RANK[y.severity]).slice(0, 5),
    createdAt: iso(a.created_at)!,
  };
}

export function toAnalysisDetail(a: CommitAnalysis): AnalysisDetailDto {
  const skipped = (a.metrics?.skipped_files ?? []) as { path: string; reason: string }[];
  return { ...toAnalysisSummary(a), findings: (a.findings ?? []) as FindingDto[], skippedFiles: skipped, engineVersion: a.engine_version };
}
