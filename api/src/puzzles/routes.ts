/**
 * Daily puzzles, badges and badge sharing. The day's puzzle is Claude's when
 * the server has a key, else the built-in bank's (daily-puzzle.ts), decided
 * once and the same for everyone; its answer and explanation are sent only
 * after the user's one submission of the day. A correct answer feeds the
 * user's pets (pet-bonus.ts) and may award badges (badges.ts).
 */
import { getUser } from '@tamagitto/db';
import { daysOfIsoWeek, isoWeek, type BadgeListDto, type BadgeShareDto, type PuzzleSubmitResultDto, type PuzzleTodayDto } from '@tamagitto/domain';
import { Hono } from 'hono';
import { z } from 'zod';
import { userToday } from '../sessions/user-today.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import { route } from '../http/openapi.ts';
import { requireSession } from '../http/require-session.ts';
import { badgeGistMarkdown, createBadgeGist } from './badge-gist.ts';
import { awardBadges, failedOn, streaks } from './badges.ts';
import { dailyPuzzle, puzzleAnswered } from './daily-puzzle.ts';
import { BadgeListSchema, BadgeShareSchema, PuzzleSubmitResultSchema, PuzzleTodaySchema, toBadgeDto, toPublicPuzzle } from './dto.ts';
import { givePetBonus } from './pet-bonus.ts';
import { attemptOn, badgesOfWeek, listBadges, recordAttempt, setGistUrl, solvedDays, storedPuzzle } from './store.ts';

const SubmitBody = z
  .object({
    puzzleId: z.string().min(1).max(64).describe("Today's puzzle id, from GET /api/puzzle/today."),
    answer: z.number().int().min(0).max(9).describe('Index into the puzzle\'s `choices`.'),
  })
  .strict();
const ShareBody = z
  .object({ week: z.string().regex(/^\d{4}-W\d{2}$/, "expected an ISO week like '2026-W48'").optional().describe('ISO week; default: this week.') })
  .strict();

export function puzzleRoutes(deps: AppDeps) {
  const auth = requireSession(deps.sessions);

  return new Hono<AppEnv>()
    .use('/puzzle/*', auth)
    .use('/badges', auth)
    .use('/badges/*', auth)
    .get(
      '/puzzle/today',
      route({ tag: 'puzzles', summary: "Today's puzzle (with the solution once you have answered)", security: 'session', responses: { 200: PuzzleTodaySchema } }),
      async (c) => {
        const userId = c.get('userId');
        const day = await userToday(deps, userId);
        const puzzle = await dailyPuzzle(deps, day, c.get('log'));
        const attempt = await attemptOn(deps.db, userId, day);
        const p = attempt ? (puzzleAnswered(attempt.puzzle_id, puzzle) ?? puzzle) : puzzle;
        const body: PuzzleTodayDto = {
          day,
          puzzle: toPublicPuzzle(p),
          result: attempt ? { answer: Number(attempt.answer), correct: attempt.correct, correctAnswer: p.answer, explanation: p.explanation } : null,
          streak: streaks(await solvedDays(deps.db, userId), day, attempt !== undefined && !attempt.correct).current,
        };
        return c.json(body);
      },
    )
    .post(
      '/puzzle/submit',
      route({
        tag: 'puzzles',
        summary: "Answer today's puzzle (once a day)",
        description: 'A correct answer extends the streak, may award badges and gives each hatched, living pet a small health bonus (once a day).',
        security: 'session',
        body: SubmitBody,
        responses: { 200: PuzzleSubmitResultSchema },
        errors: [409],
      }),
      async (c) => {
        const userId = c.get('userId');
        const { puzzleId, answer } = c.req.valid('json');
        const day = await userToday(deps, userId);
        // Today's puzzle as GET /api/puzzle/today stored it: not chosen here, so a refused answer (no puzzle
        // stored for the day yet, e.g. the first request after the user's midnight) writes nothing.
        const puzzle = await storedPuzzle(deps.db, day);
        if (!puzzle || puzzleId !== puzzle.id) throw new AppError(409, 'conflict', `that is not today's puzzle (${day}): reload it`);
        if (answer >= puzzle.choices.length) throw new AppError(400, 'validation_failed', `answer: pick 0–${puzzle.choices.length - 1}`);
        const correct = answer === puzzle.answer;
        if (!(await recordAttempt(deps.db, { userId, day, puzzleId: puzzle.id, answer, correct, at: deps.now() }))) {
          throw new AppError(409, 'conflict', "you already answered today's puzzle: come back tomorrow");
        }
        const badges = correct ? await awardBadges(deps, userId, day) : [];
        const petBonus = correct ? await givePetBonus(deps, userId, day) : [];
        const body: PuzzleSubmitResultDto = {
          day, answer, correct, correctAnswer: puzzle.answer, explanation: puzzle.explanation,
          streak: streaks(await solvedDays(deps.db, userId), day, !correct).current,
          badgesAwarded: badges.map(toBadgeDto),
          petBonus,
        };
        return c.json(body);
      },
    )
    .get('/badges', route({ tag: 'puzzles', summary: 'Your badges, streak and number of puzzles solved', security: 'session', responses: { 200: BadgeListSchema } }), async (c) => {
      const userId = c.get('userId');
      const rows = await listBadges(deps.db, userId);
      const days = await solvedDays(deps.db, userId);
      const day = await userToday(deps, userId);
      const body: BadgeListDto = { items: rows.map(toBadgeDto), streak: streaks(days, day, await failedOn(deps, userId, day)), solved: days.length };
      return c.json(body);
    })
    .post(
      '/badges/share',
      route({
        tag: 'puzzles',
        summary: "Share a week's badges as a secret Gist",
        description: 'Creates a secret Gist in your GitHub account (your token needs the gist scope) and remembers its URL on the badges.',
        security: 'session',
        body: ShareBody,
        bodyOptional: true,
        responses: { 201: { description: 'The Gist was created', schema: BadgeShareSchema } },
        // 404: no badges that week; 403: the token cannot create gists; 502: GitHub failed.
        errors: [403, 404, 502],
      }),
      async (c) => {
        const userId = c.get('userId');
        const body = c.req.valid('json');
        const week = body.week ?? isoWeek(await userToday(deps, userId));
        const days = daysOfIsoWeek(week);
        if (!days.length) throw new AppError(400, 'validation_failed', 'week: not an ISO week');
        const rows = await badgesOfWeek(deps.db, userId, week, new Date(`${days[0]}T00:00:00Z`), new Date(`${days[6]}T23:59:59.999Z`));
        if (!rows.length) throw new AppError(404, 'not_found', `no badges earned in ${week} yet`);
        const user = await getUser(deps.db, userId);
        const list = rows.map(toBadgeDto);
        const url = await createBadgeGist(deps, userId, week, badgeGistMarkdown(user?.login, week, list));
        await setGistUrl(deps.db, rows.map((r) => r.id), url);
        const out: BadgeShareDto = { week, url, badges: list.map((b) => ({ ...b, gistUrl: url })) };
        return c.json(out, 201);
      },
    );
}
