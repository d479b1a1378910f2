/** The JSON shapes of the API's queue routes. */

export type QueueItemKind = 'review_request' | 'own_pr' | 'assigned_issue';
export type CiState = 'success' | 'failure' | 'pending' | 'none';

/** The inputs of `confidence_score`, shown to the user (formula: api/src/queue/queue-score.ts). */
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
