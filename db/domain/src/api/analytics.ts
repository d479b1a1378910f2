/** The JSON shapes of the API's analytics routes. */

import type { GithubRateDto } from './queue.ts';
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
