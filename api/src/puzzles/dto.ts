/**
 * The puzzles' JSON shapes (zod schemas the routes document and, in tests,
 * check) and the mapping from a puzzle or a badge row to them. A puzzle's
 * answer and explanation are in PuzzleResult only, which is sent after the
 * day's submission.
 */
import type { Badge } from '@tamagitto/db';
import type { BadgeDto, PuzzleDto } from '@tamagitto/domain';
import { z } from 'zod';
import { BADGES } from './badges.ts';
import type { Puzzle } from './puzzle-bank.ts';

export const PuzzleKindSchema = z.enum(['code-reading', 'complexity', 'regex', 'sql', 'git']).meta({ id: 'PuzzleKind' });
export type PuzzleKind = z.infer<typeof PuzzleKindSchema>;

export const PuzzleSchema = z
  .object({
    id: z.string(),
    kind: PuzzleKindSchema,
    title: z.string(),
    prompt: z.string(),
    code: z.string().nullable(),
    choices: z.array(z.string()),
  })
  .meta({ id: 'Puzzle', description: 'A puzzle as shown before answering: never carries the answer.' });

const resultShape = {
  answer: z.number().int().describe('Index into `choices` the user picked.'),
  correct: z.boolean(),
  correctAnswer: z.number().int().describe('Revealed only after the day\'s submission.'),
  explanation: z.string(),
};

export const PuzzleResultSchema = z.object(resultShape).meta({ id: 'PuzzleResult', description: 'The user\'s answer of the day, with the solution.' });

export const PuzzleTodaySchema = z
  .object({
    day: z.string().describe("'YYYY-MM-DD' in the user's time zone."),
    puzzle: PuzzleSchema,
    result: PuzzleResultSchema.nullable().describe('The user\'s answer today, if any (then the solution is included).'),
    streak: z.number().int(),
  })
  .meta({ id: 'PuzzleToday' });

export const BadgeSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    title: z.string(),
    description: z.string(),
    period: z.string().describe("'' for once-only badges, '2026-W48' for weekly ones."),
    awardedAt: z.string(),
    gistUrl: z.string().nullable(),
  })
  .meta({ id: 'Badge' });

export const PetBonusSchema = z.object({ petId: z.string(), delta: z.number(), health: z.number() }).meta({ id: 'PuzzlePetBonus' });

export const PuzzleSubmitResultSchema = z
  .object({
    ...resultShape,
    day: z.string(),
    streak: z.number().int(),
    badgesAwarded: z.array(BadgeSchema),
    petBonus: z.array(PetBonusSchema).describe('Pets that got the once-a-day puzzle happiness bonus.'),
  })
  .meta({ id: 'PuzzleSubmitResult' });

export const BadgeListSchema = z
  .object({
    items: z.array(BadgeSchema),
    streak: z.object({ current: z.number().int(), best: z.number().int() }),
    solved: z.number().int().describe('Days with a correct answer, all time.'),
  })
  .meta({ id: 'BadgeList' });

export const BadgeShareSchema = z
  .object({ week: z.string(), url: z.string().describe('The secret Gist.'), badges: z.array(BadgeSchema) })
  .meta({ id: 'BadgeShare' });

/** Everything about the puzzle except what would give the answer away. */
export function toPublicPuzzle(p: Puzzle): PuzzleDto {
  return { id: p.id, kind: p.kind, title: p.title, prompt: p.prompt, code: p.code ?? null, choices: p.choices };
}

export function toBadgeDto(b: Badge): BadgeDto {
  const meta = BADGES[b.kind] ?? { title: b.kind, description: '' };
  return { id: b.id, kind: b.kind, title: meta.title, description: meta.description, period: b.period, awardedAt: new Date(b.awarded_at).toISOString(), gistUrl: b.gist_url };
}
