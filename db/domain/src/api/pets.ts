/** The JSON shapes of the API's pets routes. */
import type { CreatureFamily, HealthReason, PetStage, PetState } from '../vocabulary.ts';

export interface RepoDto {
  githubId: number;
  owner: string;
  name: string;
  fullName: string;
  language: string | null;
  private: boolean;
  description: string | null;
  pushedAt: string | null;
  adopted: boolean;
  /** The pet's id when adopted by this user. */
  petId: string | null;
}

export interface PetDto {
  id: string;
  name: string;
  family: CreatureFamily;
  species: string;
  health: number;
  state: PetState;
  stage: PetStage;
  repo: { owner: string; name: string; fullName: string; language: string | null; url: string };
  lastCommitAt: string | null;
  createdAt: string;
  diedAt: string | null;
  /** When dead: the earliest time `POST /api/pets/:id/revive` succeeds. */
  reviveAvailableAt: string | null;
  webhook: { registered: boolean; error: string | null };
}

/** `GET /api/pets` → `{ items: PetDto[] }`; `GET /api/pets/:id` → `PetDto`;
 * `GET /api/pets/by-repo/:owner/:name` → `PetDto` or 404 `not_found`. */
export interface PetListDto {
  items: PetDto[];
}

export interface HealthEntryDto {
  id: string;
  at: string;
  reason: HealthReason;
  delta: number;
  healthAfter: number;
  stateAfter: PetState;
  sha: string | null;
  note: string | null;
}

/** `GET /api/pets/:id/history?limit=` → newest first. */
export interface HistoryDto {
  items: HealthEntryDto[];
}

export interface FindingDto {
  group: 'complexity' | 'testing' | 'documentation' | 'style' | 'security';
  severity: 'info' | 'warning' | 'error';
  rule: string;
  file: string;
  line?: number;
  function?: string;
  message: string;
}

export interface AnalysisSummaryDto {
  id: string;
  sha: string;
  message: string;
  url: string | null;
  authorLogin: string | null;
  delta: number;
  poorQuality: boolean;
  partial: boolean;
  filesChanged: number;
  additions: number;
  deletions: number;
  metrics: Record<string, unknown>;
  /** The most important findings (at most 5); the full list is `GET /api/analyses/:id`. */
  topFindings: FindingDto[];
  createdAt: string;
}

/** `GET /api/pets/:id/analyses?limit=&cursor=` → newest first. */
export interface AnalysisPageDto {
  items: AnalysisSummaryDto[];
  nextCursor: string | null;
}

export interface AnalysisDetailDto extends AnalysisSummaryDto {
  findings: FindingDto[];
  skippedFiles: { path: string; reason: string }[];
  engineVersion: string;
}

/** `POST /api/ws/ticket` → single use, valid 30 s; then `GET /api/ws?ticket=`. */
