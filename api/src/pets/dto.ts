/**
 * What leaves the server about pets, as zod schemas: the routes document and
 * (in tests) check their answers with them, and @tamagitto/domain's PetDto &
 * co. are the types generated from them. The mapping functions below are the
 * only place that turns rows into these shapes.
 */
import type { CommitAnalysis, EntityWithRepo, HealthHistory } from '@tamagitto/db';
import { FAMILIES, HEALTH_REASONS, REVIVE_COOLDOWN_MS, SKIPPED_PARAMS, STAGES, STATES, type SkippedCode } from '@tamagitto/domain';
import type { Finding, SkippedFile } from '@tamagitto/domain';
import { z } from 'zod';
import { CheckThresholdsPatchSchema, CheckThresholdsSchema, toCheckThresholdsDto } from '../checks/thresholds.ts';
import { UUID } from '../http/validate.ts';

export const CreatureFamilySchema = z.enum(FAMILIES).meta({ id: 'CreatureFamily', description: "The pet's kind, chosen from the repository's main language." });
export const PetStateSchema = z.enum(STATES).meta({ id: 'PetState', description: 'From health: egg until the first commit, then thriving … dying; dead after 24 h at 0.' });
export const PetStageSchema = z.enum(STAGES).meta({ id: 'PetStage', description: 'Grows with good days (teen after 7, adult after 30); never regresses.' });
export const HealthReasonSchema = z.enum(HEALTH_REASONS).meta({ id: 'HealthReason', description: 'Why health changed.' });

export const PetSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    family: CreatureFamilySchema,
    species: z.string(),
    health: z.number().describe('0–100.'),
    state: PetStateSchema,
    stage: PetStageSchema,
    repo: z.object({ owner: z.string(), name: z.string(), fullName: z.string(), language: z.string().nullable(), url: z.string() }),
    lastCommitAt: z.string().nullable(),
    createdAt: z.string(),
    diedAt: z.string().nullable(),
    reviveAvailableAt: z.string().nullable().describe('When dead: the earliest time `POST /api/pets/{id}/revive` succeeds.'),
    webhook: z
      .object({ registered: z.boolean(), error: z.string().nullable() })
      .describe('Whether GitHub pushes to this server; otherwise `error` says why and updates arrive by polling.'),
    accessLostAt: z
      .string()
      .nullable()
      .describe(
        'Since when your GitHub token can no longer read the repository (null: it can). Meanwhile the pet stays listed, but its history, vet reports and live updates are refused (403 `access_lost`): ask for access again, or release it.',
      ),
    favourite: z.boolean().describe('Favourites are listed first.'),
    position: z.number().int().nullable().describe('Your own order among your pets (after favourites); null: none, listed after those with one.'),
    badgePublic: z.boolean().describe('Whether `GET /api/pets/{id}/badge.svg` answers without a session (for a README).'),
    checkThresholds: CheckThresholdsSchema.describe("What the repository's PR checks are judged by (the repository's setting, shared by its adopters)."),
  })
  .meta({ id: 'Pet', description: 'A pet: one per adopted repository and user.' });

export const PetListSchema = z
  .object({ items: z.array(PetSchema) })
  .meta({ id: 'PetList', description: 'Your pets: favourites first, then by your `position` (pets without one after), then oldest adoption first.' });

export const PetCareSchema = z
  .object({
    name: z.string().trim().min(1).max(40).optional().describe('1–40 characters, trimmed.'),
    favourite: z.boolean().optional(),
    position: z.number().int().min(0).max(10_000).nullable().optional().describe('Your own order (0 first); null clears it.'),
    badgePublic: z.boolean().optional().describe('Serve the README badge without a session.'),
    checkThresholds: CheckThresholdsPatchSchema.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change: send name, favourite, position, badgePublic or checkThresholds' })
  .meta({ id: 'PetCareRequest', description: 'What to change about your pet; fields left out stay as they are.' });

export const RepoSchema = z
  .object({
    githubId: z.number().int(),
    owner: z.string(),
    name: z.string(),
    fullName: z.string(),
    language: z.string().nullable(),
    private: z.boolean(),
    description: z.string().nullable(),
    pushedAt: z.string().nullable(),
    adopted: z.boolean(),
    petId: z.string().nullable().describe("The pet's id when adopted by this user."),
  })
  .meta({ id: 'Repo', description: 'A GitHub repository the signed-in user can see.' });

export const RepoListSchema = z.object({ items: z.array(RepoSchema) }).meta({ id: 'RepoList', description: 'Most recently pushed first, at most 300.' });

export const HealthEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    reason: HealthReasonSchema,
    delta: z.number(),
    healthAfter: z.number(),
    stateAfter: PetStateSchema,
    sha: z.string().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'HealthEntry', description: "One change of a pet's health." });

export const HistorySchema = z.object({ items: z.array(HealthEntrySchema) }).meta({ id: 'History', description: 'Newest first.' });

export const FindingSchema = z
  .object({
    group: z.enum(['complexity', 'testing', 'documentation', 'style', 'security']),
    severity: z.enum(['info', 'warning', 'error']),
    rule: z.string(),
    file: z.string(),
    line: z.number().int().optional(),
    function: z.string().optional(),
    message: z.string().describe('Human-readable; never contains a secret (secrets are masked).'),
    params: z
      .record(z.string(), z.union([z.string(), z.number()]))
      .optional()
      .describe('The numbers and names in `message`, so a client can word it from `rule` in its own language (names per rule: FINDING_PARAMS in db/domain/src/vet-report.ts; `secret/<id>`: description, masked; `more`: further hits in the file). Absent on older findings.'),
  })
  .meta({ id: 'Finding', description: 'One thing the analysis noticed in a commit.' });

const analysisSummaryShape = {
  id: z.string(),
  sha: z.string(),
  message: z.string(),
  url: z.string().nullable(),
  authorLogin: z.string().nullable(),
  delta: z.number().describe('What the commit did to the pet’s health.'),
  poorQuality: z.boolean(),
  partial: z.boolean().describe('Some files could not be analysed (too large, binary, or GitHub capped the list).'),
  filesChanged: z.number().int(),
  additions: z.number().int(),
  deletions: z.number().int(),
  metrics: z.record(z.string(), z.unknown()).describe("The formula's inputs and the per-group numbers."),
  topFindings: z.array(FindingSchema).describe('The most important findings (at most 5); the full list is `GET /api/analyses/{id}`.'),
  createdAt: z.string(),
};

export const AnalysisSummarySchema = z.object(analysisSummaryShape).meta({ id: 'AnalysisSummary', description: "A commit's vet report, in short." });

export const AnalysisPageSchema = z
  .object({
    items: z.array(AnalysisSummarySchema),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next (older) page; null on the last page.'),
  })
  .meta({ id: 'AnalysisPage', description: 'Newest first.' });

export const SkippedFileSchema = z
  .object({
    path: z.string().describe('The file, or "(N more files)" on the entry that stands for `more` files with the same reason.'),
    reason: z.string().describe('Why, in English.'),
    code: z
      .enum(Object.keys(SKIPPED_PARAMS) as [SkippedCode, ...SkippedCode[]])
      .optional()
      .describe('`reason` as a code a client words in its own language with `params` (names per code: SKIPPED_PARAMS in db/domain/src/skipped-reasons.ts). Absent on older reports.'),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    more: z.number().int().optional().describe('How many files this entry stands for (the list names the first 100).'),
  })
  .meta({ id: 'SkippedFile', description: 'A file the analysis skipped or read only in part, and why.' });

export const AnalysisDetailSchema = z
  .object({
    ...analysisSummaryShape,
    findings: z.array(FindingSchema),
    skippedFiles: z.array(SkippedFileSchema),
    engineVersion: z.string(),
  })
  .meta({ id: 'AnalysisDetail', description: "A commit's full vet report." });

export type PetDto = z.infer<typeof PetSchema>;
export type RepoDto = z.infer<typeof RepoSchema>;
export type HealthEntryDto = z.infer<typeof HealthEntrySchema>;
export type FindingDto = z.infer<typeof FindingSchema>;
export type AnalysisSummaryDto = z.infer<typeof AnalysisSummarySchema>;
export type AnalysisDetailDto = z.infer<typeof AnalysisDetailSchema>;

/**
 * Findings go out as the worker stored them (the casts below), so FindingSchema
 * must describe exactly the worker's Finding: typecheck fails here if either drifts.
 */
type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const findingShapesMatch: SameShape<Finding, FindingDto> = true;
void findingShapesMatch;

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

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
    accessLostAt: iso(e.access_lost_at),
    favourite: e.favourite,
    position: e.position,
    badgePublic: e.badge_public,
    checkThresholds: toCheckThresholdsDto(e.repo),
  };
}

/** A repository as GitHub lists it (`GET /user/repos`), with whether this user adopted it. */
export function toRepoDto(
  r: { id: number; owner: { login: string }; name: string; full_name: string; language?: string | null; private: boolean; description: string | null; pushed_at?: string | null },
  petId: string | undefined,
): RepoDto {
  return {
    githubId: r.id,
    owner: r.owner.login,
    name: r.name,
    fullName: r.full_name,
    language: r.language ?? null,
    private: r.private,
    description: r.description ?? null,
    pushedAt: r.pushed_at ?? null,
    adopted: petId !== undefined,
    petId: petId ?? null,
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
  const skipped = (a.metrics?.skipped_files ?? []) as SkippedFile[];
  return { ...toAnalysisSummary(a), findings: (a.findings ?? []) as FindingDto[], skippedFiles: skipped, engineVersion: a.engine_version };
}

/** The analyses page cursor: the last item's time and id, opaque to clients. */
export function encodeAnalysisCursor(last: { created_at: Date | string; id: string }): string {
  return Buffer.from(`${new Date(last.created_at).toISOString()}|${last.id}`).toString('base64url');
}

/** A cursor encodeAnalysisCursor issued, or null for anything else. */
export function decodeAnalysisCursor(cursor: string): { createdAt: Date; id: string } | null {
  const [ts, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(ts ?? '');
  if (!id || !UUID.test(id) || Number.isNaN(createdAt.getTime())) return null;
  return { createdAt, id };
}
