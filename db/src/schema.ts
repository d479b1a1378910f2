/**
 * The Tamagitto data model (db/README.md, "Data model"). One `XTable`
 * interface per table, combined in `Database`; the migrations in
 * `./migrations` create exactly these columns.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: written as a JSON string or value, read back parsed. */
export type Json<T> = ColumnType<T, T | string, T | string>;
/** A `date` column, always handled as 'YYYY-MM-DD' text (pg type parser set in create-db.ts). */
type DateText = ColumnType<string, string, string>;
/** bigint columns come back as strings from pg; GitHub ids fit in a double, so we parse them. */
type BigId = ColumnType<number, number | bigint | string, number | bigint | string>;

import type { CreatureFamily, HealthReason, PetStage, PetState } from '@tamagitto/domain';

export type { CreatureFamily, HealthReason, PetStage, PetState };
/** `retrying`: failed, scheduled again at `next_attempt_at`; `failed`: dead-lettered, the last cause in `error`. */
export type DeliveryStatus = 'received' | 'queued' | 'retrying' | 'processed' | 'ignored' | 'failed';
/** Which retry policy a failure falls under (worker/src/retry-policy.ts). */
export type DeliveryErrorKind = 'transient' | 'github' | 'other';

export interface UsersTable {
  id: Generated<string>;
  github_id: BigId;
  login: string;
  name: string | null;
  avatar_url: string | null;
  /** AES-256-GCM envelope (see crypto.ts); the plain token is never stored. */
  token_encrypted: string | null;
  token_scopes: string | null;
  /** Weekdays (0 = Sunday) on which decay pauses. */
  rest_days: ColumnType<number[], number[] | undefined, number[]>;
  vacation_until: Timestamp | null;
  /** Set when GitHub answered 401 to the stored token; cleared by signing in again. */
  token_rejected_at: Timestamp | null;
  token_rejected_reason: string | null;
  timezone: ColumnType<string, string | undefined, string>;
  notify_on_decline: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface RepositoriesTable {
  id: Generated<string>;
  github_id: BigId;
  owner: string;
  name: string;
  /** "owner/name", lower-cased: GitHub names are case-insensitive. */
  full_name: string;
  language: string | null;
  default_branch: ColumnType<string, string | undefined, string>;
  private: ColumnType<boolean, boolean | undefined, boolean>;
  webhook_id: BigId | null;
  webhook_error: string | null;
  poll_etag: string | null;
  last_polled_at: Timestamp | null;
  last_seen_sha: string | null;
  /** PR-check thresholds an adopter changed (migration 2026-12-07-001); null: the defaults (db/src/repositories/checks.ts). */
  check_thresholds: Json<Partial<CheckThresholds>> | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** What a PR check's verdict is judged by (worker/src/checks/report.ts); per repository, over DEFAULT_CHECK_THRESHOLDS. */
export interface CheckThresholds {
  /** A secret added anywhere in the PR fails it. */
  failOnSecret: boolean;
  /** A predicted health delta at or below this fails. */
  failAtDelta: number;
  /** A predicted health delta below this warns. */
  warnBelowDelta: number;
  /** Code changed without a test file changing warns. */
  warnOnUntestedCode: boolean;
}

export interface EntitiesTable {
  id: Generated<string>;
  user_id: string;
  repository_id: string;
  name: string;
  family: CreatureFamily;
  species: string;
  health: ColumnType<number, number | undefined, number>;
  state: ColumnType<PetState, PetState | undefined, PetState>;
  stage: ColumnType<PetStage, PetStage | undefined, PetStage>;
  good_days: ColumnType<number, number | undefined, number>;
  last_commit_at: Timestamp | null;
  /** Last calendar day decay was evaluated for this pet (idempotency). */
  last_decay_on: DateText | null;
  /** When health first reached 0; death follows 24 h later. */
  zero_health_since: Timestamp | null;
  died_at: Timestamp | null;
  revived_at: Timestamp | null;
  /** The adopter's own token last read the repository at; since when it cannot (null: it can). */
  access_checked_at: Timestamp | null;
  access_lost_at: Timestamp | null;
  /** The owner's care: favourites list first, then their own order (null: none), then adoption order. */
  favourite: ColumnType<boolean, boolean | undefined, boolean>;
  position: number | null;
  /** Whether GET /api/pets/{id}/badge.svg answers without a session. */
  badge_public: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface CommitAnalysesTable {
  id: Generated<string>;
  repository_id: string;
  sha: string;
  parent_sha: string | null;
  author_login: string | null;
  message: string;
  url: string | null;
  committed_at: Timestamp | null;
  files_changed: number;
  additions: number;
  deletions: number;
  /** The formula's inputs and the per-group numbers (AnalysisResult.metrics). */
  metrics: Json<Record<string, unknown>>;
  /** Findings that explain the numbers (file, line, function, message). */
  findings: Json<unknown[]>;
  partial: ColumnType<boolean, boolean | undefined, boolean>;
  poor_quality: ColumnType<boolean, boolean | undefined, boolean>;
  delta: number;
  engine_version: string;
  created_at: CreatedAt;
}

export interface HealthHistoryTable {
  id: Generated<string>;
  entity_id: string;
  reason: HealthReason;
  delta: number;
  health_after: number;
  state_after: PetState;
  sha: string | null;
  analysis_id: string | null;
  /** For once-a-day events (decay): the day it was applied for. */
  day: DateText | null;
  note: string | null;
  created_at: CreatedAt;
}

export interface WebhookDeliveriesTable {
  /** GitHub's X-GitHub-Delivery: the primary key (no surrogate id, see migration 2026-11-24-007). */
  delivery_id: string;
  event: string;
  action: string | null;
  repository_github_id: BigId | null;
  repository_full_name: string | null;
  /** The body exactly as GitHub signed it (text: the api parsed it before storing). */
  payload: string;
  status: ColumnType<DeliveryStatus, DeliveryStatus | undefined, DeliveryStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  error: string | null;
  received_at: CreatedAt;
  processed_at: Timestamp | null;
  /** When a `retrying` delivery is due again (the schedule lives here, not in the queue). */
  next_attempt_at: Timestamp | null;
  error_kind: DeliveryErrorKind | null;
  /** A push's `after` SHA (null otherwise): unique per repository, so a replayed body is skipped. */
  push_after: string | null;
}

export interface DaySessionsTable {
  id: Generated<string>;
  user_id: string;
  day: DateText;
  started_at: Timestamp;
  ended_at: Timestamp | null;
  /** Repository the journal is committed to. */
  journal_repository_id: string | null;
  journal_sha: string | null;
  journal_error: string | null;
  summary: Json<Record<string, unknown>> | null;
  created_at: CreatedAt;
}

export interface WorkBlocksTable {
  id: Generated<string>;
  session_id: string;
  user_id: string;
  label: string | null;
  started_at: Timestamp;
  ended_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface ConversationsTable {
  id: Generated<string>;
  user_id: string;
  role: 'user' | 'assistant' | 'nudge';
  content: string;
  /** 'llm' for model answers, 'rules' for the key-less coach. */
  source: string | null;
  created_at: CreatedAt;
}

export interface PuzzleAttemptsTable {
  id: Generated<string>;
  user_id: string;
  puzzle_day: DateText;
  puzzle_id: string;
  answer: string;
  correct: boolean;
  created_at: CreatedAt;
}

/** The day's puzzle, decided once for everyone (migration 2026-11-24-004). `puzzle` holds the answer: server-side only. */
export interface DailyPuzzlesTable {
  day: DateText;
  puzzle_id: string;
  source: 'bank' | 'claude';
  puzzle: Json<{ id: string; kind: string; title: string; prompt: string; code?: string; choices: string[]; answer: number; explanation: string }>;
  created_at: CreatedAt;
}

export interface BadgesTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  /** e.g. '2026-W47' for weekly badges, '' for once-only ones. */
  period: ColumnType<string, string | undefined, string>;
  meta: Json<Record<string, unknown>> | null;
  gist_url: string | null;
  awarded_at: CreatedAt;
}

export interface CoachingProfilesTable {
  user_id: string;
  pattern: 'peter' | 'ransom' | 'balanced';
  signals: Json<Record<string, unknown>>;
  updated_at: UpdatedAt;
}

export interface LlmUsageTable {
  id: Generated<string>;
  user_id: string | null;
  provider: 'anthropic' | 'gemini';
  model: string;
  purpose: string;
  tokens_in: number;
  tokens_out: number;
  latency_ms: number;
  cost_usd: number;
  ok: boolean;
  created_at: CreatedAt;
}

export interface JobsTable {
  id: Generated<string>;
  /** e.g. 'decay', 'poll', 'nudge' — scheduled work that must run once across workers. */
  kind: string;
  /** Unique per kind and period, e.g. '2026-11-22': makes scheduling idempotent. */
  key: string;
  payload: Json<Record<string, unknown>> | null;
  status: ColumnType<'pending' | 'running' | 'done' | 'failed', 'pending' | 'running' | 'done' | 'failed' | undefined, 'pending' | 'running' | 'done' | 'failed'>;
  attempts: ColumnType<number, number | undefined, number>;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** A signed-in session (migration 2026-12-06-004); its id is the JWT's `sid`. */
export interface SessionsTable {
  id: Generated<string>;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

/** `superseded`: a newer head SHA of the same PR took its place (its job stops at its next step). */
export type CheckStatus = 'queued' | 'running' | 'done' | 'failed' | 'superseded';
export type CheckVerdict = 'pass' | 'warn' | 'fail';

/** A PR check (migration 2026-12-06-201): one per (repository, PR, head SHA); the report's shape is worker/src/checks/report.ts. */
export interface ChecksTable {
  id: Generated<string>;
  repository_id: string;
  pr_number: number;
  head_sha: string;
  base_sha: string;
  /** Null for a check a webhook created, or when the requester's account is gone. */
  requested_by: string | null;
  status: ColumnType<CheckStatus, CheckStatus | undefined, CheckStatus>;
  /** 0–100. */
  progress: ColumnType<number, number | undefined, number>;
  report: Json<Record<string, unknown>> | null;
  verdict: CheckVerdict | null;
  error: string | null;
  /** Whether the `tamagitto/pet` commit status reached GitHub; `status_error` says why not. */
  status_posted: ColumnType<boolean, boolean | undefined, boolean>;
  status_error: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  /** A `queued` check whose retry is scheduled: when it is due. */
  next_attempt_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type ApiKeyScope = 'checks:write' | 'pets:read';

/** A personal API key (migration 2026-12-06-201): only its SHA-256 and its first characters are stored. */
export interface ApiKeysTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  /** The key's first characters, shown in the list. */
  prefix: string;
  /** Hex SHA-256 of the whole key. */
  hash: string;
  scopes: ApiKeyScope[];
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/**
 * An event as the SSE stream sent it to one user (migration 2026-12-07-101): the stored history
 * behind `Last-Event-ID` (api/src/live/history.ts), kept for LIVE_EVENTS_RETENTION_HOURS.
 */
export interface LiveEventsTable {
  /** bigint identity, read as a string: the stream's `id:`. */
  id: Generated<string>;
  user_id: string;
  /** pet.updated, pet.deleted, check.updated, coach.nudge. */
  kind: string;
  pet_id: string | null;
  /** The event's JSON text, as sent. */
  data: string;
  /** A digest of the event and its user: every api instance stores each event, this keeps one row. */
  dedupe: string;
  created_at: CreatedAt;
}

export interface Database {
  users: UsersTable;
  repositories: RepositoriesTable;
  entities: EntitiesTable;
  commit_analyses: CommitAnalysesTable;
  health_history: HealthHistoryTable;
  webhook_deliveries: WebhookDeliveriesTable;
  day_sessions: DaySessionsTable;
  work_blocks: WorkBlocksTable;
  conversations: ConversationsTable;
  puzzle_attempts: PuzzleAttemptsTable;
  badges: BadgesTable;
  coaching_profiles: CoachingProfilesTable;
  llm_usage: LlmUsageTable;
  jobs: JobsTable;
  pet_portraits: PetPortraitsTable;
  daily_puzzles: DailyPuzzlesTable;
  sessions: SessionsTable;
  checks: ChecksTable;
  api_keys: ApiKeysTable;
  live_events: LiveEventsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Repository = Selectable<RepositoriesTable>;
export type NewRepository = Insertable<RepositoriesTable>;
export type Entity = Selectable<EntitiesTable>;
export type NewEntity = Insertable<EntitiesTable>;
export type EntityUpdate = Updateable<EntitiesTable>;
export type CommitAnalysis = Selectable<CommitAnalysesTable>;
export type NewCommitAnalysis = Insertable<CommitAnalysesTable>;
export type HealthHistory = Selectable<HealthHistoryTable>;
export type NewHealthHistory = Insertable<HealthHistoryTable>;
export type WebhookDelivery = Selectable<WebhookDeliveriesTable>;
export type NewWebhookDelivery = Insertable<WebhookDeliveriesTable>;
export type DaySession = Selectable<DaySessionsTable>;
export type WorkBlock = Selectable<WorkBlocksTable>;
export type Conversation = Selectable<ConversationsTable>;
export type PuzzleAttempt = Selectable<PuzzleAttemptsTable>;
export type Badge = Selectable<BadgesTable>;
export type CoachingProfile = Selectable<CoachingProfilesTable>;
export type LlmUsage = Selectable<LlmUsageTable>;
export type Job = Selectable<JobsTable>;
export type Session = Selectable<SessionsTable>;
export type Check = Selectable<ChecksTable>;
export type ApiKey = Selectable<ApiKeysTable>;

/**
 * AI portraits, one per (family, species, state, stage) for all users
 * (migration 2026-11-24-003). The row is also the generation claim:
 * 'pending' with `locked_until` as the lease, 'failed' with it as a back-off.
 */
export interface PetPortraitsTable {
  family: CreatureFamily;
  species: string;
  state: PetState;
  stage: PetStage;
  status: 'pending' | 'ready' | 'failed';
  mime_type: string | null;
  /** bytea: a Buffer from pg, a Uint8Array from PGlite. */
  image: ColumnType<Uint8Array | null, Uint8Array | null | undefined, Uint8Array | null>;
  etag: string | null;
  model: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  locked_until: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}
export type PetPortrait = Selectable<PetPortraitsTable>;
