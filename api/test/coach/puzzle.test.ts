/**
 * Daily puzzles, streaks, badges, the pet bonus and badge Gists, with a
 * controllable clock. The answer must never be in any puzzle route's JSON
 * before the day's submission.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BadgeListDto, BadgeShareDto, HistoryDto, PetDto, PuzzleSubmitResultDto, PuzzleTodayDto } from '@tamagitto/domain';
import { PUZZLES, puzzleForDay } from '../../src/puzzles/puzzle-bank.ts';
import { stackTargets } from '../support/index.ts';
import { coachStack, DAY, type CoachStack } from './support/index.ts';

describe('puzzle bank', () => {
  it('has at least 60 varied puzzles with valid answers', () => {
    expect(PUZZLES.length).toBeGreaterThanOrEqual(60);
    const kinds = new Map<string, number>();
    for (const p of PUZZLES) kinds.set(p.kind, (kinds.get(p.kind) ?? 0) + 1);
    expect([...kinds.keys()].sort()).toEqual(['code-reading', 'complexity', 'git', 'regex', 'sql']);
    for (const n of kinds.values()) expect(n).toBeGreaterThanOrEqual(12);
    for (const p of PUZZLES) {
      expect(p.answer).toBeLessThan(p.choices.length);
      expect(new Set(p.choices).size).toBe(p.choices.length);
      expect(p.explanation.length).toBeGreaterThan(10);
    }
    expect(new Set(PUZZLES.map((p) => p.id)).size).toBe(PUZZLES.length);
  });
  it('walks the whole bank, one puzzle a day, changing topic every day', () => {
    const days = Array.from({ length: 60 }, (_, i) => new Date(Date.UTC(2026, 0, 1) + i * DAY).toISOString().slice(0, 10));
    const seen = days.map((d) => puzzleForDay(d));
    expect(new Set(seen.map((p) => p.id)).size).toBe(60);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.kind).not.toBe(seen[i - 1]!.kind);
  });
});

for (const target of stackTargets()) {
  describe.skipIf(target.skip)(`puzzles and badges on ${target.name}`, () => {
    let s: CoachStack;
    beforeAll(async () => {
      s = await coachStack(target);
      // A hatched pet, so the happiness bonus applies.
      await s.db.db.updateTable('entities').set({ state: 'healthy', health: 70 }).where('id', '=', s.petId).execute();
    });
    afterAll(async () => s?.close());

    const today = async () => (await (await s.req('/api/puzzle/today', { token: s.session })).json()) as PuzzleTodayDto;
    const submit = (json: unknown) => s.req('/api/puzzle/submit', { method: 'POST', token: s.session, json });

    it('never exposes the answer before submission, on any day of the bank', async () => {
      const start = s.clock.t;
      const seen = new Set<string>();
      for (let i = 0; i < 60; i++) {
        const r = await s.req('/api/puzzle/today', { token: s.session });
        const text = await r.text();
        const body = JSON.parse(text) as PuzzleTodayDto;
        const full = PUZZLES.find((p) => p.id === body.puzzle.id)!;
        seen.add(body.puzzle.id);
        expect(body.result).toBeNull();
        expect(Object.keys(body.puzzle).sort()).toEqual(['choices', 'code', 'id', 'kind', 'prompt', 'title']);
        expect(text).not.toContain(full.explanation);
        expect(text).not.toMatch(/"(answer|correctAnswer|explanation)"/);
        const badges = await (await s.req('/api/badges', { token: s.session })).text();
        expect(badges).not.toContain(full.explanation);
        s.clock.advance(DAY);
      }
      expect(seen.size).toBe(60);
      s.clock.t = start;
    });

    it('is the same puzzle for everyone on a day', async () => {
      const other = await s.signIn((s.github.addUser({ login: 'hubot', id: 99_001, token: 'ghp_puzzleOtherUser00000000000000000001' }), 'ghp_puzzleOtherUser00000000000000000001'));
      const theirs = (await (await s.req('/api/puzzle/today', { token: other.token })).json()) as PuzzleTodayDto;
      expect(theirs.puzzle.id).toBe((await today()).puzzle.id);
    });

    it('bad input is a 4xx and records nothing', async () => {
      const p = (await today()).puzzle;
      const cases: [unknown, number][] = [[{}, 400], [{ puzzleId: p.id }, 400], [{ puzzleId: p.id, answer: 'a' }, 400], [{ puzzleId: p.id, answer: 9 }, 400], [{ puzzleId: p.id, answer: -1 }, 400], [{ puzzleId: 'sql-99', answer: 0 }, 409]];
      for (const [json, status] of cases) expect((await submit(json)).status, JSON.stringify(json)).toBe(status);
      expect(await s.db.db.selectFrom('puzzle_attempts').select('id').where('user_id', '=', s.userId).execute()).toHaveLength(0);
    });

    it('a correct answer reveals the solution, starts a streak, awards "first solve" and feeds the pet once', async () => {
      const t = await today();
      const answer = puzzleForDay(t.day).answer;
      const r = await submit({ puzzleId: t.puzzle.id, answer });
      expect(r.status).toBe(200);
      const res = (await r.json()) as PuzzleSubmitResultDto;
      expect(res).toMatchObject({ correct: true, correctAnswer: answer, streak: 1 });
      expect(res.badgesAwarded.map((b) => b.kind)).toEqual(['first_solve']);
      expect(res.petBonus).toEqual([{ petId: s.petId, delta: 2, health: 72 }]);
      const pet = (await (await s.req(`/api/pets/${s.petId}`, { token: s.session })).json()) as PetDto;
      expect(pet.health).toBe(72);
      const h = (await (await s.req(`/api/pets/${s.petId}/history`, { token: s.session })).json()) as HistoryDto;
      expect(h.items.filter((e) => e.reason === 'puzzle')).toHaveLength(1);
      // One answer a day; now the solution is part of "today".
      expect((await submit({ puzzleId: t.puzzle.id, answer })).status).toBe(409);
      expect((await today()).result).toMatchObject({ correct: true, correctAnswer: answer });
    });

    it('keeps streaks across days, awards the 7-day streak and the weekly badge, and a wrong answer breaks the streak', async () => {
      let last: PuzzleSubmitResultDto | undefined;
      const kinds: string[] = [];
      for (let i = 1; i < 7; i++) {
        s.clock.advance(DAY);
        const t = await today();
        last = (await (await submit({ puzzleId: t.puzzle.id, answer: puzzleForDay(t.day).answer })).json()) as PuzzleSubmitResultDto;
        kinds.push(...last.badgesAwarded.map((b) => b.kind));
        expect(last.streak).toBe(i + 1);
      }
      expect(kinds).toEqual(expect.arrayContaining(['streak_3', 'streak_7', 'weekly_solver']));
      const pet = (await (await s.req(`/api/pets/${s.petId}`, { token: s.session })).json()) as PetDto;
      expect(pet.health).toBe(70 + 7 * 2);
      s.clock.advance(DAY);
      const t = await today();
      const wrong = (puzzleForDay(t.day).answer + 1) % t.puzzle.choices.length;
      const res = (await (await submit({ puzzleId: t.puzzle.id, answer: wrong })).json()) as PuzzleSubmitResultDto;
      expect(res).toMatchObject({ correct: false, streak: 0, badgesAwarded: [], petBonus: [] });
      const list = (await (await s.req('/api/badges', { token: s.session })).json()) as BadgeListDto;
      expect(list.streak).toEqual({ current: 0, best: 7 });
      expect(list.solved).toBe(7);
      expect(list.items.map((b) => b.kind).sort()).toEqual(['first_solve', 'streak_3', 'streak_7', 'weekly_solver']);
    });

    it('shares a week’s badges as a secret Gist on request', async () => {
      let gist: { description: string; public: boolean; files: Record<string, { content: string }> } | undefined;
      s.github.on('POST', /^\/gists$/, (req, res) => {
        gist = req.body as typeof gist;
        const text = JSON.stringify({
          url: `${s.github.url}/gists/aa5a315d61ae9438b18d`, id: 'aa5a315d61ae9438b18d', html_url: 'https://gist.github.com/aa5a315d61ae9438b18d',
          public: false, description: gist!.description, files: Object.fromEntries(Object.entries(gist!.files).map(([k, v]) => [k, { filename: k, type: 'text/markdown', language: 'Markdown', size: v.content.length, truncated: false, content: v.content }])),
          created_at: '2026-11-30T10:00:00Z', updated_at: '2026-11-30T10:00:00Z', comments: 0, owner: { login: s.login },
        });
        res.writeHead(201, { 'content-type': 'application/json; charset=utf-8' });
        res.end(text);
      });
      const week = (await (await s.req('/api/badges', { token: s.session })).json() as BadgeListDto).items.find((b) => b.kind === 'weekly_solver')!.period;
      const r = await s.req('/api/badges/share', { method: 'POST', token: s.session, json: { week } });
      expect(r.status).toBe(201);
      const out = (await r.json()) as BadgeShareDto;
      expect(out.url).toBe('https://gist.github.com/aa5a315d61ae9438b18d');
      expect(gist!.public).toBe(false);
      const content = Object.values(gist!.files)[0]!.content;
      expect(content).toContain('Weekly solver');
      expect(content).toContain(week);
      const stored = await s.db.db.selectFrom('badges').select('gist_url').where('user_id', '=', s.userId).where('period', '=', week).executeTakeFirstOrThrow();
      expect(stored.gist_url).toBe(out.url);
      expect((await s.req('/api/badges/share', { method: 'POST', token: s.session, json: { week: '2020-W01' } })).status).toBe(404);
      expect((await s.req('/api/badges/share', { method: 'POST', token: s.session, json: { week: 'last week' } })).status).toBe(400);
    });
  });
}
