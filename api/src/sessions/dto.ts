/**
 * The sessions' JSON shapes (zod schemas the routes document and, in tests,
 * check) and the mapping from session and block rows to them.
 */
import type { DaySession, WorkBlock } from '@tamagitto/db';
import { minutesBetween, type DaySessionDto, type WorkBlockDto } from '@tamagitto/domain';
import { z } from 'zod';
import { JOURNAL_PATH } from './journal.ts';

export const WorkBlockSchema = z
  .object({
    id: z.string(),
    label: z.string().nullable(),
    startedAt: z.string(),
    endedAt: z.string().nullable().describe('null while the block runs.'),
    minutes: z.number().int().describe('Whole minutes so far (open block: until now).'),
  })
  .meta({ id: 'WorkBlock', description: 'A stretch of focused work inside a day session.' });

export const JournalStatusSchema = z
  .object({
    repo: z.string().nullable().describe('"owner/name" the journal is written to, or null when none was chosen.'),
    path: z.string().describe('The journal file in that repository.'),
    sha: z.string().nullable().describe('Blob sha of the journal file after our write.'),
    error: z.string().nullable().describe('Why the entry could not be written (the session still ended).'),
  })
  .meta({ id: 'JournalStatus' });

export const DaySessionSchema = z
  .object({
    id: z.string(),
    day: z.string().describe("'YYYY-MM-DD' in the user's time zone."),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    blocks: z.array(WorkBlockSchema),
    openBlock: WorkBlockSchema.nullable(),
    totalMinutes: z.number().int(),
    journal: JournalStatusSchema,
  })
  .meta({ id: 'DaySession', description: "A day session: the user's working day, split into work blocks." });

export const TodaySessionSchema = z.object({ session: DaySessionSchema.nullable().describe('null until today’s session is started.') }).meta({ id: 'TodaySession' });

export const SessionSummarySchema = z
  .object({
    day: z.string(),
    minutes: z.number().int(),
    blocks: z.array(z.object({ label: z.string().nullable(), minutes: z.number().int() })),
    commits: z.array(z.object({ sha: z.string(), message: z.string(), repo: z.string(), delta: z.number() })),
    prsReviewed: z.array(z.object({ repo: z.string(), number: z.number(), title: z.string(), url: z.string() })),
    puzzle: z.object({ solved: z.boolean(), title: z.string() }).nullable(),
  })
  .meta({ id: 'SessionSummary', description: 'What the journal entry says.' });

export const SessionEndSchema = z.object({ session: DaySessionSchema, summary: SessionSummarySchema }).meta({ id: 'SessionEnd' });

export function toBlockDto(b: WorkBlock, now: Date): WorkBlockDto {
  return {
    id: b.id,
    label: b.label,
    startedAt: new Date(b.started_at).toISOString(),
    endedAt: b.ended_at ? new Date(b.ended_at).toISOString() : null,
    minutes: minutesBetween(b.started_at, b.ended_at ?? now),
  };
}

/** `blocks` are the session's, oldest first; `journalRepo` the repository its journal goes to, if any. */
export function toSessionDto(s: DaySession, blocks: WorkBlock[], journalRepo: { owner: string; name: string } | undefined, now: Date): DaySessionDto {
  const dtos = blocks.map((b) => toBlockDto(b, now));
  return {
    id: s.id,
    day: s.day,
    startedAt: new Date(s.started_at).toISOString(),
    endedAt: s.ended_at ? new Date(s.ended_at).toISOString() : null,
    blocks: dtos,
    openBlock: dtos.find((b) => b.endedAt === null) ?? null,
    totalMinutes: dtos.reduce((n, b) => n + b.minutes, 0),
    journal: { repo: journalRepo ? `${journalRepo.owner}/${journalRepo.name}` : null, path: JOURNAL_PATH, sha: s.journal_sha, error: s.journal_error },
  };
}
