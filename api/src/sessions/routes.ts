/**
 * Day sessions and work blocks. One session per user and local day; at most
 * one open block per user (partial unique indexes back both, so two popups
 * racing get the same answer). Ending a session writes the day's journal
 * entry to the chosen repository (journal.ts); a journal failure is reported
 * in the response, it never undoes the end.
 */
import { isUniqueViolation, type DaySession } from '@tamagitto/db';
import type { DaySessionDto, SessionEndDto, TodaySessionDto } from '@tamagitto/domain';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../deps.ts';
import { userGithubToken } from '../github/user-token.ts';
import { AppError, notFound } from '../http/errors.ts';
import { route } from '../http/openapi.ts';
import { requireSession } from '../http/require-session.ts';
import { UUID } from '../http/validate.ts';
import { DaySessionSchema, SessionEndSchema, TodaySessionSchema, toSessionDto } from './dto.ts';
import { appendJournal, journalEntry } from './journal.ts';
import { sessionSummary } from './session-summary.ts';
import * as store from './store.ts';
import { userToday } from './user-today.ts';

const RepoName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9_.-]{1,100}$/, 'expected "owner/name"')
  .describe('"owner/name" of one of your adopted repositories: the journal is written there when the session ends.');
const JournalBody = z.object({ journalRepo: RepoName.optional() }).strict();
const BlockBody = z.object({ label: z.string().trim().min(1).max(200).optional().describe('What this block is for.') }).strict();

export function sessionRoutes(deps: AppDeps) {
  const auth = requireSession(deps.sessions);

  async function ownSession(userId: string, id: string): Promise<DaySession> {
    if (!UUID.test(id)) throw notFound('session');
    const s = await store.ownSession(deps.db, userId, id);
    if (!s) throw notFound('session');
    return s;
  }

  /** The journal goes only to a repo the user adopted: it names a row we know, and the user chose it in the popup. */
  async function adoptedRepoId(userId: string, fullName: string): Promise<string> {
    const id = await store.adoptedRepositoryId(deps.db, userId, fullName);
    if (!id) throw new AppError(400, 'validation_failed', `journalRepo: ${fullName} is not one of your adopted repositories`);
    return id;
  }

  async function sessionDto(s: DaySession): Promise<DaySessionDto> {
    const [blocks, repo] = await Promise.all([store.blocksOf(deps.db, s.id), s.journal_repository_id ? store.repositoryName(deps.db, s.journal_repository_id) : undefined]);
    return toSessionDto(s, blocks, repo, deps.now());
  }

  return new Hono<AppEnv>()
    .use('/sessions', auth)
    .use('/sessions/*', auth)
    .post(
      '/sessions/start',
      route({
        tag: 'sessions',
        summary: "Start today's session",
        description: 'Starting twice is harmless (two popups, a retry): the same session comes back, with the journal repository updated if given.',
        security: 'session',
        body: JournalBody,
        bodyOptional: true,
        responses: { 201: { description: 'Started', schema: DaySessionSchema }, 200: { description: 'Already started today', schema: DaySessionSchema } },
        // 409: today's session has already ended.
        errors: [409],
      }),
      async (c) => {
        const userId = c.get('userId');
        const body = c.req.valid('json');
        const repoId = body.journalRepo ? await adoptedRepoId(userId, body.journalRepo) : null;
        const day = await userToday(deps, userId);
        const existing = await store.sessionForDay(deps.db, userId, day);
        if (existing?.ended_at) throw new AppError(409, 'conflict', `today's session (${day}) has already ended`);
        if (existing) {
          const s = repoId ? await store.setJournalRepository(deps.db, existing.id, repoId) : existing;
          return c.json(await sessionDto(s), 200);
        }
        try {
          const s = await store.insertSession(deps.db, { userId, day, startedAt: deps.now(), journalRepositoryId: repoId });
          return c.json(await sessionDto(s), 201);
        } catch (err) {
          if (!isUniqueViolation(err)) throw err;
          const s = await store.sessionForDay(deps.db, userId, day);
          if (!s) throw err;
          return c.json(await sessionDto(s), 200);
        }
      },
    )
    .get('/sessions/today', route({ tag: 'sessions', summary: "Today's session, if started", security: 'session', responses: { 200: TodaySessionSchema } }), async (c) => {
      const userId = c.get('userId');
      const s = await store.sessionForDay(deps.db, userId, await userToday(deps, userId));
      const body: TodaySessionDto = { session: s ? await sessionDto(s) : null };
      return c.json(body);
    })
    .post(
      '/sessions/:id/blocks/start',
      route({
        tag: 'sessions',
        summary: 'Start a work block',
        security: 'session',
        body: BlockBody,
        bodyOptional: true,
        responses: { 201: { description: 'The session, with the new block open', schema: DaySessionSchema } },
        // 404: no such session of yours; 409: the session has ended, or a block is already running.
        errors: [404, 409],
      }),
      async (c) => {
        const userId = c.get('userId');
        const s = await ownSession(userId, c.req.param('id'));
        const { label } = c.req.valid('json');
        if (s.ended_at) throw new AppError(409, 'conflict', 'this session has ended: start a new one tomorrow');
        if (await store.hasOpenBlock(deps.db, userId)) throw new AppError(409, 'conflict', 'a work block is already running: end it first');
        try {
          await store.insertBlock(deps.db, { sessionId: s.id, userId, label: label ?? null, startedAt: deps.now() });
        } catch (err) {
          if (isUniqueViolation(err)) throw new AppError(409, 'conflict', 'a work block is already running: end it first');
          throw err;
        }
        return c.json(await sessionDto(s), 201);
      },
    )
    .post(
      '/sessions/:id/blocks/end',
      route({
        tag: 'sessions',
        summary: 'End the running work block',
        security: 'session',
        responses: { 200: { description: 'The session, with the block ended', schema: DaySessionSchema } },
        // 404: no such session of yours; 409: no block is running in it.
        errors: [404, 409],
      }),
      async (c) => {
        const s = await ownSession(c.get('userId'), c.req.param('id'));
        if ((await store.endOpenBlocks(deps.db, s.id, deps.now())) === 0) throw new AppError(409, 'conflict', 'no work block is running in this session');
        return c.json(await sessionDto(s), 200);
      },
    )
    .post(
      '/sessions/:id/end',
      route({
        tag: 'sessions',
        summary: 'End the session and write the journal entry',
        description:
          'Ends the running block too. The entry is appended to `.tamagitto/journal.md` in the journal repository (given here, or when starting), never overwriting anyone\'s edit; ' +
          'if it cannot be written the session still ends and `session.journal.error` says why.',
        security: 'session',
        body: JournalBody,
        bodyOptional: true,
        responses: { 200: { description: 'The ended session and what the journal entry says', schema: SessionEndSchema } },
        // 404: no such session of yours; 409: it has already ended.
        errors: [404, 409],
      }),
      async (c) => {
        const userId = c.get('userId');
        const s0 = await ownSession(userId, c.req.param('id'));
        const body = c.req.valid('json');
        if (s0.ended_at) throw new AppError(409, 'conflict', 'this session has already ended');
        const repoId = body.journalRepo ? await adoptedRepoId(userId, body.journalRepo) : s0.journal_repository_id;
        const endedAt = deps.now();
        // Claim the end first (only one caller wins), then write the journal outside any transaction: it is a network call.
        const claimed = await store.claimEnd(deps.db, s0.id, endedAt, repoId);
        if (!claimed) throw new AppError(409, 'conflict', 'this session has already ended');
        await store.endOpenBlocks(deps.db, s0.id, endedAt);
        const summary = await sessionSummary(deps, userId, claimed, endedAt);
        let journal: { sha: string | null; error: string | null } = { sha: null, error: null };
        const repo = repoId ? await store.repositoryName(deps.db, repoId) : undefined;
        if (repo) {
          try {
            const gh = deps.github(await userGithubToken(deps, userId));
            const r = await appendJournal(gh, repo, claimed.id, journalEntry(summary));
            journal = { sha: r.sha, error: r.error };
            c.get('log').info({ sessionId: claimed.id, written: r.written, attempts: r.attempts }, 'journal entry');
          } catch (err) {
            journal = { sha: null, error: err instanceof AppError ? err.message : 'could not reach GitHub to write the journal' };
          }
        }
        const s = await store.saveEnding(deps.db, claimed.id, { summary, journalSha: journal.sha, journalError: journal.error });
        const out: SessionEndDto = { session: await sessionDto(s), summary };
        return c.json(out, 200);
      },
    );
}
