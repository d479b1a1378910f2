/** The JSON shapes of the API's sessions routes. */

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
