/**
 * The daily puzzle written by Claude when the server has ANTHROPIC_API_KEY
 * (against a local fake of the Messages API): once a day for everyone, answer
 * never sent before submission, usage recorded, the server's key never in logs
 * or the database, and the bank's puzzle whenever Claude fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PuzzleSubmitResultDto, PuzzleTodayDto, SessionEndDto } from '@tamagitto/domain';
import { parseGeneratedPuzzle } from '../../src/puzzles/daily-puzzle.ts';
import { puzzleForDay } from '../../src/puzzles/puzzle-bank.ts';
import { stackTargets } from '../support/index.ts';
import { apiKeyOf, coachStack, DAY, FakeAnthropic, type CoachStack } from './support/index.ts';

const SERVER_KEY = 'sk-ant-api03-SERVERPUZZLEKEY-0123456789abcdef';

const good = (day: string) => ({
  title: `Closures in a loop (${day})`,
  prompt: 'What does this log?',
  code: 'for (var i = 0; i < 3; i++) setTimeout(() => console.log(i));',
  choices: ['0 1 2', '3 3 3', '0 0 0', 'undefined ×3'],
  answer: 1,
  explanation: 'var is function-scoped: every callback sees the same i, which is 3 when they run.',
});

describe('parseGeneratedPuzzle', () => {
  const cases: [string, string, boolean][] = [
    ['plain JSON', JSON.stringify(good('d')), true],
    ['in a ```json fence with a sentence', `Here it is:\n\`\`\`json\n${JSON.stringify(good('d'))}\n\`\`\``, true],
    ['answer outside the choices', JSON.stringify({ ...good('d'), answer: 4 }), false],
    ['repeated choices', JSON.stringify({ ...good('d'), choices: ['a', 'a', 'b'] }), false],
    ['two choices only', JSON.stringify({ ...good('d'), choices: ['a', 'b'], answer: 0 }), false],
    ['no explanation', JSON.stringify({ ...good('d'), explanation: undefined }), false],
    ['prose, no JSON', 'Sorry, I cannot help with that.', false],
    ['broken JSON', '{"title": "x", ', false],
  ];
  it.each(cases)('%s', (_name, text, ok) => {
    const p = parseGeneratedPuzzle(text, '2026-11-24', 'code-reading');
    if (!ok) return expect(p).toBeNull();
    expect(p).toMatchObject({ id: 'claude-2026-11-24', kind: 'code-reading', answer: 1, choices: good('d').choices });
  });
});

for (const target of stackTargets()) {
  describe.skipIf(target.skip)(`daily puzzle from Claude on ${target.name}`, () => {
    let s: CoachStack;
    let claude: FakeAnthropic;
    let mode: 'good' | 'garbage' = 'good';
    beforeAll(async () => {
      claude = await new FakeAnthropic().start();
      claude.reply = (r) => {
        const day = /puzzle for (\d{4}-\d{2}-\d{2})/.exec(r.body.messages[0]!.content)?.[1] ?? '?';
        return mode === 'good' ? '```json\n' + JSON.stringify(good(day)) + '\n```' : 'I would rather not.';
      };
      s = await coachStack(target, { env: { ANTHROPIC_API_KEY: SERVER_KEY, ANTHROPIC_BASE_URL: claude.url } });
    });
    afterAll(async () => {
      await s?.close();
      await claude?.close();
    });

    const today = async (token = s.session) => {
      const r = await s.req('/api/puzzle/today', { token });
      expect(r.status).toBe(200);
      return { text: await r.clone().text(), body: (await r.json()) as PuzzleTodayDto };
    };

    it("serves Claude's puzzle on the bank's topic for the day, without its answer", async () => {
      const { text, body } = await today();
      expect(body.puzzle).toEqual({ id: `claude-${body.day}`, kind: puzzleForDay(body.day).kind, title: good(body.day).title, prompt: 'What does this log?', code: good(body.day).code, choices: good(body.day).choices });
      expect(body.result).toBeNull();
      expect(text).not.toMatch(/"(answer|correctAnswer|explanation)"/);
      expect(text).not.toContain('function-scoped');
      expect(claude.requests).toHaveLength(1);
      const req = claude.requests[0]!;
      expect(apiKeyOf(req)).toBe(SERVER_KEY);
      expect(req.body.model).toBe('claude-haiku-4-5');
      expect(req.body.messages[0]!.content).toContain(`Topic: ${puzzleForDay(body.day).kind}`);
    });

    it('asks Claude once a day, however many users open it at once', async () => {
      s.clock.advance(DAY);
      const before = claude.requests.length;
      const other = await s.signIn((s.github.addUser({ login: 'hubot', id: 99_101, token: 'ghp_puzzleClaudeOther0000000000000000001' }), 'ghp_puzzleClaudeOther0000000000000000001'));
      const all = await Promise.all([...Array.from({ length: 4 }, () => today()), today(other.token)]);
      expect(new Set(all.map((a) => a.body.puzzle.id)).size).toBe(1);
      expect(all[0]!.body.puzzle.id).toBe(`claude-${all[0]!.body.day}`);
      expect(claude.requests.length - before).toBe(1);
      expect((await today()).body.puzzle.id).toBe(all[0]!.body.puzzle.id);
      expect(claude.requests.length - before).toBe(1);
    });

    it('checks a submission against the stored answer and then reveals it', async () => {
      const { body } = await today();
      const r = await s.req('/api/puzzle/submit', { method: 'POST', token: s.session, json: { puzzleId: body.puzzle.id, answer: 1 } });
      expect(r.status).toBe(200);
      const res = (await r.json()) as PuzzleSubmitResultDto;
      expect(res).toMatchObject({ correct: true, correctAnswer: 1, explanation: good(body.day).explanation, streak: 1 });
      expect((await today()).body.result).toMatchObject({ answer: 1, correct: true, correctAnswer: 1 });
      // The day's summary (and journal) names the puzzle by its title, though it is not in the bank.
      const started = (await (await s.req('/api/sessions/start', { method: 'POST', token: s.session, json: {} })).json()) as { id: string };
      const end = await s.req(`/api/sessions/${started.id}/end`, { method: 'POST', token: s.session });
      expect(end.status).toBe(200);
      expect(((await end.json()) as SessionEndDto).summary.puzzle).toEqual({ solved: true, title: good(body.day).title });
    });

    it('records each generation in llm_usage as the server’s, not a user’s', async () => {
      const rows = await s.db.db.selectFrom('llm_usage').selectAll().where('purpose', '=', 'puzzle').execute();
      expect(rows).toHaveLength(2);
      for (const r of rows) {
        expect(r).toMatchObject({ provider: 'anthropic', model: 'claude-haiku-4-5', user_id: null, ok: true });
        expect(r.tokens_in).toBeGreaterThan(0);
        expect(r.tokens_out).toBeGreaterThan(0);
      }
    });

    it("falls back to the bank's puzzle when Claude answers nonsense or fails, and keeps it all day", async () => {
      mode = 'garbage';
      s.clock.advance(DAY);
      const a = (await today()).body;
      expect(a.puzzle.id).toBe(puzzleForDay(a.day).id);
      const calls = claude.requests.length;
      expect((await today()).body.puzzle.id).toBe(a.puzzle.id);
      expect(claude.requests.length).toBe(calls);
      const sub = (await (await s.req('/api/puzzle/submit', { method: 'POST', token: s.session, json: { puzzleId: a.puzzle.id, answer: puzzleForDay(a.day).answer } })).json()) as PuzzleSubmitResultDto;
      expect(sub.correct).toBe(true);

      mode = 'good';
      claude.failNext = 529;
      s.clock.advance(DAY);
      const b = (await today()).body;
      expect(b.puzzle.id).toBe(puzzleForDay(b.day).id);
      const failed = await s.db.db.selectFrom('llm_usage').select('ok').where('purpose', '=', 'puzzle').where('ok', '=', false).execute();
      expect(failed).toHaveLength(2);
    });

    it('never writes the server key to logs or the database', async () => {
      expect(s.logs.join('\n')).toContain('daily puzzle');
      expect(s.logs.join('\n')).not.toContain('SERVERPUZZLEKEY');
      for (const table of ['daily_puzzles', 'llm_usage', 'puzzle_attempts'] as const) {
        const rows = await s.db.db.selectFrom(table).selectAll().execute();
        expect(JSON.stringify(rows)).not.toContain('SERVERPUZZLEKEY');
      }
    });
  });
}
