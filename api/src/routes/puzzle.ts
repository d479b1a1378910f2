/**
 * Daily puzzles, badges and badge sharing (issue 5). The day's puzzle is
 * Claude's when the server has a key, else the built-in bank's
 * (coach/daily-puzzle.ts), decided once and the same for everyone; its
 * answer and explanation are sent only after the user's one submission of
 * the day. A correct answer gives each living pet a small happiness bonus,
 * once per day (health_history reason 'puzzle', unique per pet and day).
 */
import { getEntityForUpdate, getUser, isUniqueViolation, listEntitiesForUser, petHealthTransaction } from '@tamagitto/db';
import { PUZZLE_BONUS } from '@tamagitto/domain';
import { Hono } from 'hono';
import { z } from 'zod';
import type { BadgeListDto, BadgeShareDto, PuzzleDto, PuzzleSubmitResultDto, PuzzleTodayDto } from '@tamagitto/domain';
import { awardBadges, failedOn, solvedDays, streaks, toBadgeDto } from '../coach/badges.ts';
import { daysOfIsoWeek, isoWeek } from '@tamagitto/domain';
import { userToday } from '../coach/sessions-store.ts';
import { dailyPuzzle, puzzleAnswered } from '../coach/daily-puzzle.ts';
import type { Puzzle } from '../coach/puzzle-bank.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import { githubStatus } from '../github/client.ts';
import { userGithubToken } from '../github/user-token.ts';
import { requireSession } from '../http/require-session.ts';
import { jsonBody, optionalJsonBody } from '../http/validate.ts';


const submitBody = z.object({ puzzleId: z.string().min(1).max(64), answer: z.number().int().min(0).max(9) }).strict();
const shareBody = z.object({ week: z.string().regex(/^\d{4}-W\d{2}$/, "expected an ISO week like '2026-W48'").optional() }).strict();

/** Everything about the puzzle except what would give the answer away. */
export function toPublicPuzzle(p: Puzzle): PuzzleDto {
  return { id: p.id, kind: p.kind, title: p.title, prompt: p.prompt, code: p.code ?? null, choices: p.choices };
}

export function puzzleRoutes(deps: AppDeps) {
  const auth = requireSession(deps.sessions);

  async function feedPets(userId: string, day: string): Promise<PuzzleSubmitResultDto['petBonus']> {
    const out: PuzzleSubmitResultDto['petBonus'] = [];
    for (const pet of await listEntitiesForUser(deps.db, userId)) {
      if (pet.state === 'egg' || pet.state === 'dead') continue; // eggs hatch from commits; the dead need revival
      // One transaction per pet: one pet's failure must not take back another's treat.
      const { value: r } = await petHealthTransaction(deps, async (tx) => {
        const locked = await getEntityForUpdate(tx.trx, pet.id);
        return locked ? tx.change(locked, { reason: 'puzzle', delta: PUZZLE_BONUS }, { day, note: 'daily puzzle solved' }) : null;
      });
      // Refused (it died or is an egg after all) or already fed today.
      if (r?.applied) out.push({ petId: r.pet.id, delta: r.entry.delta, health: r.pet.health });
    }
    return out;
  }

  return new Hono<AppEnv>()
    .use('/puzzle/*', auth)
    .use('/badges', auth)
    .use('/badges/*', auth)
    .get('/puzzle/today', async (c) => {
      const userId = c.get('userId');
      const day = await userToday(deps, userId);
      const puzzle = await dailyPuzzle(deps, day, c.get('log'));
      const attempt = await deps.db.selectFrom('puzzle_attempts').selectAll().where('user_id', '=', userId).where('puzzle_day', '=', day).executeTakeFirst();
      const p = attempt ? (puzzleAnswered(attempt.puzzle_id, puzzle) ?? puzzle) : puzzle;
      const body: PuzzleTodayDto = {
        day,
        puzzle: toPublicPuzzle(p),
        result: attempt ? { answer: Number(attempt.answer), correct: attempt.correct, correctAnswer: p.answer, explanation: p.explanation } : null,
        streak: streaks(await solvedDays(deps, userId), day, attempt !== undefined && !attempt.correct).current,
      };
      return c.json(body);
    })
    .post('/puzzle/submit', async (c) => {
      const userId = c.get('userId');
      const { puzzleId, answer } = await jsonBody(c, submitBody);
      const day = await userToday(deps, userId);
      const puzzle = await dailyPuzzle(deps, day, c.get('log'));
      if (puzzleId !== puzzle.id) throw new AppError(409, 'conflict', `that is not today's puzzle (${day}): reload it`);
      if (answer >= puzzle.choices.length) throw new AppError(400, 'validation_failed', `answer: pick 0–${puzzle.choices.length - 1}`);
      const correct = answer === puzzle.answer;
      try {
        await deps.db.insertInto('puzzle_attempts').values({ user_id: userId, puzzle_day: day, puzzle_id: puzzle.id, answer: String(answer), correct, created_at: deps.now() }).execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError(409, 'conflict', "you already answered today's puzzle: come back tomorrow");
        throw err;
      }
      const badges = correct ? await awardBadges(deps, userId, day) : [];
      const petBonus = correct ? await feedPets(userId, day) : [];
      const body: PuzzleSubmitResultDto = {
        day, answer, correct, correctAnswer: puzzle.answer, explanation: puzzle.explanation,
        streak: streaks(await solvedDays(deps, userId), day, !correct).current,
        badgesAwarded: badges.map(toBadgeDto),
        petBonus,
      };
      return c.json(body);
    })
    .get('/badges', async (c) => {
      const userId = c.get('userId');
      const rows = await deps.db.selectFrom('badges').selectAll().where('user_id', '=', userId).orderBy('awarded_at').orderBy('id').execute();
      const days = await solvedDays(deps, userId);
      const day = await userToday(deps, userId);
      const body: BadgeListDto = { items: rows.map(toBadgeDto), streak: streaks(days, day, await failedOn(deps, userId, day)), solved: days.length };
      return c.json(body);
    })
    .post('/badges/share', async (c) => {
      const userId = c.get('userId');
      const body = await optionalJsonBody(c, shareBody);
      const week = body.week ?? isoWeek(await userToday(deps, userId));
      const days = daysOfIsoWeek(week);
      if (!days.length) throw new AppError(400, 'validation_failed', 'week: not an ISO week');
      const from = new Date(`${days[0]}T00:00:00Z`);
      const to = new Date(`${days[6]}T23:59:59.999Z`);
      const rows = await deps.db
        .selectFrom('badges')
        .selectAll()
        .where('user_id', '=', userId)
        .where((eb) => eb.or([eb('period', '=', week), eb.and([eb('awarded_at', '>=', from), eb('awarded_at', '<=', to)])]))
        .orderBy('awarded_at')
        .execute();
      if (!rows.length) throw new AppError(404, 'not_found', `no badges earned in ${week} yet`);
      const user = await getUser(deps.db, userId);
      const list = rows.map(toBadgeDto);
      const content = [`# ${user?.login ?? 'My'} Tamagitto badges — ${week}`, '', ...list.map((b) => `- 🏅 **${b.title}** — ${b.description}`), '', '_Earned with daily puzzles in Tamagitto._', ''].join('\n');
      const gh = deps.github(await userGithubToken(deps, userId));
      let url: string;
      try {
        const r = await gh.rest.gists.create({ description: `Tamagitto badges ${week}`, public: false, files: { [`tamagitto-badges-${week}.md`]: { content } } });
        url = r.data.html_url ?? '';
      } catch (err) {
        const status = githubStatus(err);
        if (status === 401) throw new AppError(401, 'github_unauthorized', 'GitHub rejected the token: sign in again');
        if (status === 403 || status === 404) throw new AppError(403, 'forbidden', 'your GitHub token cannot create gists (it needs the gist scope)');
        throw new AppError(502, 'github_error', 'GitHub failed while creating the gist', {}, { cause: err });
      }
      await deps.db.updateTable('badges').set({ gist_url: url }).where('id', 'in', rows.map((r) => r.id)).execute();
      const out: BadgeShareDto = { week, url, badges: list.map((b) => ({ ...b, gistUrl: url })) };
      return c.json(out, 201);
    });
}
