/**
 * Day sessions and work blocks (issue 5). One session per user and local day;
 * at most one open block per user (a partial unique index backs both).
 * Ending a session writes the day's journal entry to the chosen repo; a
 * journal failure is reported in the response, it never undoes the end.
 */
import { getUser, isUniqueViolation, type DaySession } from '@tamagitto/db';
import { Hono } from 'hono';
import { z } from 'zod';
import type { SessionEndDto, SessionSummaryDto, TodaySessionDto } from '@tamagitto/domain';
import { minutesBetween } from '@tamagitto/domain';
import { cachedGithub } from '../queue/github-cache.ts';
import { appendJournal } from '../coach/journal.ts';
import { puzzleOfAttempt } from '../coach/daily-puzzle.ts';
import { blocksOf, commitsSince, journalEntry, oneLine, sessionForDay, toSessionDto, userToday } from '../coach/sessions-store.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { AppError, notFound } from '../http/errors.ts';
import { userGithubToken } from '../github/user-token.ts';
import { requireSession } from '../http/require-session.ts';
import { optionalJsonBody, UUID } from '../http/validate.ts';

const repoName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9_.-]{1,100}$/, 'expected "owner/name"');
const startBody = z.object({ journalRepo: repoName.optional() }).strict();
const endBody = z.object({ journalRepo: repoName.optional() }).strict();
const blockBody = z.object({ label: z.string().trim().min(1).max(200).optional() }).strict();

export function sessionRoutes(deps: AppDeps) {
  const auth = requireSession(deps.sessions);

  async function ownSession(userId: string, id: string): Promise<DaySession> {
    if (!UUID.test(id)) throw notFound('session');
    const s = await deps.db.selectFrom('day_sessions').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    if (!s) throw notFound('session');
    return s;
  }

  /** The journal goes only to a repo the user adopted: it names a row we know, and the user chose it in the popup. */
  async function adoptedRepoId(userId: string, fullName: string): Promise<string> {
    const [owner, name] = fullName.split('/') as [string, string];
    const row = await deps.db
      .selectFrom('repositories as r')
      .innerJoin('entities as e', 'e.repository_id', 'r.id')
      .select('r.id')
      .where('e.user_id', '=', userId)
      .where('r.full_name', '=', `${owner}/${name}`.toLowerCase())
      .executeTakeFirst();
    if (!row) throw new AppError(400, 'validation_failed', `journalRepo: ${fullName} is not one of your adopted repositories`);
    return row.id;
  }

  async function summarise(userId: string, s: DaySession, endedAt: Date): Promise<SessionSummaryDto> {
    const blocks = await blocksOf(deps, s.id);
    const commits = await commitsSince(deps, userId, new Date(s.started_at));
    const attempt = await deps.db
      .selectFrom('puzzle_attempts')
      .select(['puzzle_id', 'correct'])
      .where('user_id', '=', userId)
      .where('puzzle_day', '=', s.day)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    let prsReviewed: SessionSummaryDto['prsReviewed'] = [];
    try {
      const login = (await getUser(deps.db, userId))?.login ?? '';
      const gh = cachedGithub(deps, userId, await userGithubToken(deps, userId));
      const r = await gh.rest.search.issuesAndPullRequests({ q: `is:pr reviewed-by:${login} -author:${login} updated:>=${s.day}`, per_page: 20 });
      prsReviewed = r.data.items.map((i) => ({
        repo: i.repository_url.split('/').slice(-2).join('/'),
        number: i.number,
        title: oneLine(i.title),
        url: i.html_url,
      }));
    } catch {
      // Best effort: the journal is still worth writing without the review list.
    }
    // A Claude-written puzzle is not in the bank: its title is in that day's stored puzzle.
    const puzzle = attempt ? { solved: attempt.correct, title: (await puzzleOfAttempt(deps, { puzzle_day: s.day, puzzle_id: attempt.puzzle_id }))?.title ?? attempt.puzzle_id } : null;
    return {
      day: s.day,
      minutes: blocks.reduce((n, b) => n + minutesBetween(b.started_at, b.ended_at ?? endedAt), 0),
      blocks: blocks.map((b) => ({ label: b.label, minutes: minutesBetween(b.started_at, b.ended_at ?? endedAt) })),
      commits,
      prsReviewed,
      puzzle,
    };
  }

  return new Hono<AppEnv>()
    .use('/sessions', auth)
    .use('/sessions/*', auth)
    .post('/sessions/start', async (c) => {
      const userId = c.get('userId');
      const body = await optionalJsonBody(c, startBody);
      const repoId = body.journalRepo ? await adoptedRepoId(userId, body.journalRepo) : null;
      const day = await userToday(deps, userId);
      const existing = await sessionForDay(deps, userId, day);
      if (existing?.ended_at) throw new AppError(409, 'conflict', `today's session (${day}) has already ended`);
      if (existing) {
        // Starting twice is harmless (two popups, a retry): the same session, with the journal repo updated if given.
        const s = repoId ? await deps.db.updateTable('day_sessions').set({ journal_repository_id: repoId }).where('id', '=', existing.id).returningAll().executeTakeFirstOrThrow() : existing;
        return c.json(await toSessionDto(deps, s), 200);
      }
      try {
        const s = await deps.db
          .insertInto('day_sessions')
          .values({ user_id: userId, day, started_at: deps.now(), journal_repository_id: repoId })
          .returningAll()
          .executeTakeFirstOrThrow();
        return c.json(await toSessionDto(deps, s), 201);
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        const s = await sessionForDay(deps, userId, day);
        if (!s) throw err;
        return c.json(await toSessionDto(deps, s), 200);
      }
    })
    .get('/sessions/today', async (c) => {
      const userId = c.get('userId');
      const s = await sessionForDay(deps, userId, await userToday(deps, userId));
      const body: TodaySessionDto = { session: s ? await toSessionDto(deps, s) : null };
      return c.json(body);
    })
    .post('/sessions/:id/blocks/start', async (c) => {
      const userId = c.get('userId');
      const s = await ownSession(userId, c.req.param('id'));
      const { label } = await optionalJsonBody(c, blockBody);
      if (s.ended_at) throw new AppError(409, 'conflict', 'this session has ended: start a new one tomorrow');
      const open = await deps.db.selectFrom('work_blocks').select('id').where('user_id', '=', userId).where('ended_at', 'is', null).executeTakeFirst();
      if (open) throw new AppError(409, 'conflict', 'a work block is already running: end it first');
      try {
        await deps.db.insertInto('work_blocks').values({ session_id: s.id, user_id: userId, label: label ?? null, started_at: deps.now() }).execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError(409, 'conflict', 'a work block is already running: end it first');
        throw err;
      }
      return c.json(await toSessionDto(deps, s), 201);
    })
    .post('/sessions/:id/blocks/end', async (c) => {
      const userId = c.get('userId');
      const s = await ownSession(userId, c.req.param('id'));
      const ended = await deps.db
        .updateTable('work_blocks')
        .set({ ended_at: deps.now() })
        .where('session_id', '=', s.id)
        .where('ended_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!ended) throw new AppError(409, 'conflict', 'no work block is running in this session');
      return c.json(await toSessionDto(deps, s));
    })
    .post('/sessions/:id/end', async (c) => {
      const userId = c.get('userId');
      const s0 = await ownSession(userId, c.req.param('id'));
      const body = await optionalJsonBody(c, endBody);
      if (s0.ended_at) throw new AppError(409, 'conflict', 'this session has already ended');
      const repoId = body.journalRepo ? await adoptedRepoId(userId, body.journalRepo) : s0.journal_repository_id;
      const endedAt = deps.now();
      // Claim the end first (only one caller wins), then write the journal outside any transaction: it is a network call.
      const claimed = await deps.db
        .updateTable('day_sessions')
        .set({ ended_at: endedAt, journal_repository_id: repoId })
        .where('id', '=', s0.id)
        .where('ended_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (!claimed) throw new AppError(409, 'conflict', 'this session has already ended');
      await deps.db.updateTable('work_blocks').set({ ended_at: endedAt }).where('session_id', '=', s0.id).where('ended_at', 'is', null).execute();
      const summary = await summarise(userId, claimed, endedAt);
      let journal: { sha: string | null; error: string | null } = { sha: null, error: null };
      if (repoId) {
        const repo = await deps.db.selectFrom('repositories').select(['owner', 'name']).where('id', '=', repoId).executeTakeFirstOrThrow();
        try {
          const gh = deps.github(await userGithubToken(deps, userId));
          const r = await appendJournal(gh, repo, claimed.id, journalEntry(summary));
          journal = { sha: r.sha, error: r.error };
          c.get('log').info({ sessionId: claimed.id, written: r.written, attempts: r.attempts }, 'journal entry');
        } catch (err) {
          journal = { sha: null, error: err instanceof AppError ? err.message : 'could not reach GitHub to write the journal' };
        }
      }
      const s = await deps.db
        .updateTable('day_sessions')
        .set({ summary: JSON.stringify(summary), journal_sha: journal.sha, journal_error: journal.error })
        .where('id', '=', claimed.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const out: SessionEndDto = { session: await toSessionDto(deps, s), summary };
      return c.json(out);
    });
}
