/** The JSON shapes of the API's puzzles routes. */

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
