/**
 * The JSON shapes of the external API (ARCHITECTURE.md "External interface").
 * Types only: the browser extension and the site import this file with
 * `import type`, never runtime server code. Every route answers these shapes;
 * route tests assert against them.
 */

import type { CreatureFamily, HealthReason, PetStage, PetState, PetUpdatedEvent } from '../vocabulary.ts';

export type { CreatureFamily, HealthReason, PetStage, PetState };

/** Every failure: `{ error: { code, message } }` with a 4xx/5xx status. */
export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthorized'
  | 'invalid_token'
  | 'token_expired'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'cooldown'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'bad_signature'
  | 'unknown_event'
  | 'rate_limited'
  | 'github_error'
  | 'github_unauthorized'
  | 'llm_error'
  | 'timeout'
  | 'not_ready'
  | 'not_configured'
  | 'internal';

export interface ApiError {
  error: { code: ErrorCode; message: string };
}

export interface UserDto {
  id: string;
  login: string;
  name: string | null;
  avatarUrl: string | null;
}

/** `POST /api/auth/pat`, `POST /api/auth/github/exchange`. */
export interface SessionDto {
  /** Session JWT (HS256, 24 h). Send as `Authorization: Bearer <token>`. */
  token: string;
  expiresAt: string;
  user: UserDto;
}

/** `GET /api/auth/github?redirect_uri=` → where to send the browser (launchWebAuthFlow);
 * 501 `not_configured` when the server has no GitHub OAuth app. */
export interface OAuthStartDto {
  url: string;
  state: string;
}

/** `GET /api/repos` → `{ items: RepoDto[] }`. */
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
export interface WsTicketDto {
  ticket: string;
  expiresAt: string;
}

/** Messages the server sends over the WebSocket (JSON text frames). */
export type ServerMessage =
  | { type: 'hello'; userId: string }
  | Omit<PetUpdatedEvent, 'userId'>
  | { type: 'pet.deleted'; petId: string }
  | { type: 'pong' }
  | { type: 'coach.nudge'; id: string; kind: string; message: string; at: string };

/** Messages a client may send: only keepalive. */
export type ClientMessage = { type: 'ping' };

export interface HealthReadyDto {
  status: 'ok' | 'degraded';
  checks: { db: 'ok' | 'down'; bus: 'ok' | 'down' };
}

// ───────────────────────────────────────────────────────────────────────────
// Coaching features (issue 5): day sessions, work queue, coach, puzzles,
// badges, velocity. Appended; the types above are unchanged.
// ───────────────────────────────────────────────────────────────────────────

export interface WorkBlockDto {
  id: string;
  label: string | null;
  startedAt: string;
  endedAt: string | null;
  /** Whole minutes so far (open block: until now). */
  minutes: number;
}

export interface JournalStatusDto {
  /** "owner/name" the journal is written to, or null when none was chosen. */
  repo: string | null;
  path: string;
  /** Blob sha of the journal file after our write. */
  sha: string | null;
  /** Why the entry could not be written (the session still ended). */
  error: string | null;
}

/** A day session: the user's working day, split into work blocks. */
export interface DaySessionDto {
  id: string;
  /** 'YYYY-MM-DD' in the user's time zone. */
  day: string;
  startedAt: string;
  endedAt: string | null;
  blocks: WorkBlockDto[];
  openBlock: WorkBlockDto | null;
  totalMinutes: number;
  journal: JournalStatusDto;
}

/** `GET /api/sessions/today` */
export interface TodaySessionDto {
  session: DaySessionDto | null;
}

/** What the journal entry says; returned by `POST /api/sessions/:id/end`. */
export interface SessionSummaryDto {
  day: string;
  minutes: number;
  blocks: { label: string | null; minutes: number }[];
  commits: { sha: string; message: string; repo: string; delta: number }[];
  prsReviewed: { repo: string; number: number; title: string; url: string }[];
  puzzle: { solved: boolean; title: string } | null;
}

/** `POST /api/sessions/:id/end` */
export interface SessionEndDto {
  session: DaySessionDto;
  summary: SessionSummaryDto;
}

export type QueueItemKind = 'review_request' | 'own_pr' | 'assigned_issue';
export type CiState = 'success' | 'failure' | 'pending' | 'none';

/** The inputs of `confidence_score`, shown to the user (formula: api/src/coach/queue-score.ts). */
export interface QueueFactorsDto {
  /** additions + deletions; null for issues (size unknown). */
  sizeLines: number | null;
  estimatedReviewMinutes: number;
  ageHours: number;
  /** How long someone has been waiting on you (review requests). */
  waitingHours: number;
  /** Review requests only: asked of you by name, or of one of your teams. */
  request: 'direct' | 'team' | null;
  ci: CiState;
  draft: boolean;
  /** Merge conflicts, GitHub's "blocked" merge state, or a `blocked` label. */
  blocked: boolean;
  /** Own PRs: approvals and whether changes were requested (latest review per reviewer). */
  approvals: number | null;
  changesRequested: boolean | null;
}

export interface QueueItemDto {
  /** "owner/name#number" */
  id: string;
  kind: QueueItemKind;
  repo: string;
  number: number;
  title: string;
  url: string;
  author: string | null;
  createdAt: string;
  updatedAt: string;
  /** 0–100: how confidently you can finish this now. */
  confidence_score: number;
  factors: QueueFactorsDto;
  /** Points each factor contributed, so the score can be explained. */
  breakdown: { factor: string; points: number; note: string }[];
}

/** GitHub's rate limit as last seen; `limited` means GitHub asked us to back off and the data may be stale or partial. */
export interface GithubRateDto {
  limited: boolean;
  retryAfterSeconds: number | null;
  remaining: number | null;
  limit: number | null;
  resetAt: string | null;
  message: string | null;
}

/** `GET /api/github/queue` */
export interface QueueDto {
  reviewRequests: QueueItemDto[];
  ownPullRequests: QueueItemDto[];
  assignedIssues: QueueItemDto[];
  fetchedAt: string;
  /** True when some of this came from an earlier fetch because GitHub limited us. */
  stale: boolean;
  rateLimit: GithubRateDto;
}

/** `GET /api/github/queue/recommendations`: the "math-test sort", top 3. */
export interface RecommendationsDto {
  items: { rank: number; pass: 'confidence' | 'waiting'; reason: string; item: QueueItemDto }[];
  rateLimit: GithubRateDto;
}

// ─── Lifecycle settings (issue #3) ──────────────────────────────────────────
// Appended by the lifecycle work; the types above are unchanged.

/**
 * `GET /api/me/settings` → the signed-in user's settings; `PUT /api/me/settings`
 * with the whole object → the stored settings. Invalid input is a 400
 * `validation_failed` naming the field, and changes nothing.
 *
 * Pet lifecycle, for clients that explain it (worker/src/pet/lifecycle.ts):
 * days are calendar days in `timezone` and are judged once over; after the
 * last commit (or adoption/revival) 3 counted idle days are free, then −2 per
 * day; rest days and vacation days neither cost health nor use up grace.
 * Health ≤ 0 for 24 h → dead (deferred while on a rest/vacation day); revival
 * after a 48 h cooldown. Stages: teen after 7 good days (days ending healthy
 * or thriving), adult after 30; never regress. A `pet.updated` with reason
 * `decay` and delta 0 is an evolution (its `stage` changed).
 */
export interface UserSettingsDto {
  /** Weekdays on which decay pauses, 0 = Sunday … 6 = Saturday; sorted, unique. */
  restDays: number[];
  /** ISO time; decay pauses through that local day. Must be in the future and ≤ 365 days ahead; null = not on vacation. */
  vacationUntil: string | null;
  /** IANA timezone (e.g. "Europe/Paris"), returned in its canonical spelling. Default "UTC". */
  timezone: string;
  /** Whether coaching may nudge when a pet declines. */
  notifyOnDecline: boolean;
}

export type CoachSource = 'llm' | 'rules';
export type CoachPatternDto = 'peter' | 'ransom' | 'balanced';

/** `POST /api/conversation/chat` body. Optional header `X-Anthropic-Key` (never stored). */
export interface ChatRequestDto {
  message: string;
}

/**
 * The coach's answer. With `Accept: text/event-stream` the same answer is
 * streamed as SSE events: `meta` {source, model, pattern, label}, then `delta`
 * {text} chunks, then `done` (this object) — or `error` {code, message}.
 */
export interface ChatReplyDto {
  conversationId: string;
  /** 'rules' = the key-less, rule-based coach; 'llm' = Claude with the user's key. */
  source: CoachSource;
  /** A human label for the source, to show next to the answer. */
  label: string;
  model: string | null;
  message: string;
  pattern: CoachPatternDto;
  usage: { tokensIn: number; tokensOut: number; costUsd: number } | null;
}

export interface ConversationMessageDto {
  id: string;
  role: 'user' | 'assistant' | 'nudge';
  content: string;
  source: CoachSource | null;
  createdAt: string;
}

/** `GET /api/conversation/history?limit=` (oldest first). */
export interface ConversationHistoryDto {
  items: ConversationMessageDto[];
}

export type NudgeKind = 'long_block' | 'pet_dropped' | 'pr_waiting' | 'no_commits' | 'secret_found';

export interface NudgeDto {
  kind: NudgeKind;
  message: string;
  /** Conversation id when this call sent it (it was also pushed as `coach.nudge`); null if sent earlier. */
  id: string | null;
}

/** `POST /api/conversation/proactive`: what the coach would bring up now. */
export interface ProactiveDto {
  source: CoachSource;
  label: string;
  message: string;
  pattern: CoachPatternDto;
  nudges: NudgeDto[];
}

export type PuzzleKind = 'code-reading' | 'complexity' | 'regex' | 'sql' | 'git';

/** A puzzle as shown before answering: never carries the answer. */
export interface PuzzleDto {
  id: string;
  kind: PuzzleKind;
  title: string;
  prompt: string;
  code: string | null;
  choices: string[];
}

export interface PuzzleResultDto {
  /** Index into `choices` the user picked. */
  answer: number;
  correct: boolean;
  /** Revealed only after the day's submission. */
  correctAnswer: number;
  explanation: string;
}

/** `GET /api/puzzle/today` */
export interface PuzzleTodayDto {
  day: string;
  puzzle: PuzzleDto;
  /** The user's answer today, if any (then the solution is included). */
  result: PuzzleResultDto | null;
  streak: number;
}

/** `POST /api/puzzle/submit` body: one answer per day. */
export interface PuzzleSubmitDto {
  puzzleId: string;
  answer: number;
}

export interface BadgeDto {
  id: string;
  kind: string;
  title: string;
  description: string;
  /** '' for once-only badges, '2026-W48' for weekly ones. */
  period: string;
  awardedAt: string;
  gistUrl: string | null;
}

/** `POST /api/puzzle/submit` answer. */
export interface PuzzleSubmitResultDto extends PuzzleResultDto {
  day: string;
  streak: number;
  badgesAwarded: BadgeDto[];
  /** Pets that got the once-a-day puzzle happiness bonus. */
  petBonus: { petId: string; delta: number; health: number }[];
}

/** `GET /api/badges` */
export interface BadgeListDto {
  items: BadgeDto[];
  streak: { current: number; best: number };
  solved: number;
}

/** `POST /api/badges/share` body `{ week?: '2026-W48' }` (default: this week) → a secret Gist. */
export interface BadgeShareDto {
  week: string;
  url: string;
  badges: BadgeDto[];
}

/** `GET /api/analytics/velocity?from=YYYY-MM-DD&to=YYYY-MM-DD` (default: the last 14 days; at most 90). */
export interface VelocityDto {
  from: string;
  to: string;
  /** Every day of the range, oldest first, zeros included (ready to chart). */
  days: { day: string; merged: number; reviews: number }[];
  totals: { merged: number; reviews: number };
  /** True when GitHub had more results than we read (search caps, review look-ups capped at 50 PRs). */
  truncated: boolean;
  rateLimit: GithubRateDto;
}

/** `GET /api/analytics/llm-usage?days=30`: what coaching cost the user. */
export interface LlmUsageDto {
  days: { day: string; calls: number; tokensIn: number; tokensOut: number; costUsd: number }[];
  totals: { calls: number; failed: number; tokensIn: number; tokensOut: number; costUsd: number };
}

// ── Portraits ────────────────────────────────────────────────────────────────
/**
 * `GET /api/pets/:id/portrait` (session required; another user's or a missing
 * pet is a 404 like every pet route) → the image itself, not JSON:
 * - a Gemini portrait (`image/png`, or jpeg/webp) for the pet's
 *   (family, species, state, stage) when the server has GEMINI_API_KEY,
 *   generated once per combination and cached for every user;
 * - otherwise, and on any failure or after 10 s, the built-in sprite
 *   (`image/svg+xml`, `spriteSvg` from `@tamagitto/browser-extension/sprites`).
 * Always 200 for a pet you own. Headers: `X-Portrait-Source` (below),
 * `ETag` (`If-None-Match` → 304), `Cache-Control: private, max-age=300`.
 * The image follows the pet's state, so refetch after a `pet.updated` message.
 */
export type PortraitSource = 'gemini' | 'sprite';
/** The response header naming the portrait's source (types only here, like the rest of the contract). */
export type PortraitSourceHeader = 'X-Portrait-Source';
