/**
 * Day sessions, work blocks and the repo journal (issue 5), on the real server
 * against the fake GitHub's contents API: create, append, and a concurrent
 * edit that must be re-read and kept, never overwritten.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DaySessionDto, SessionEndDto, TodaySessionDto } from '@tamagitto/domain';
import { sha, stackTargets } from '../support/index.ts';
import { coachStack, installContents, MIN, type CoachStack, type ContentsStore } from './support/index.ts';

const JOURNAL = '.tamagitto/journal.md';

async function seedCommit(s: CoachStack, commitSha: string, message: string, delta: number) {
  const repo = await s.db.db.selectFrom('repositories').select('id').where('github_id', '=', s.repo.id).executeTakeFirstOrThrow();
  const a = await s.db.db
    .insertInto('commit_analyses')
    .values({ repository_id: repo.id, sha: commitSha, message, files_changed: 1, additions: 10, deletions: 2, metrics: JSON.stringify({}), findings: JSON.stringify([]), delta, engine_version: 'test' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await s.db.db
    .insertInto('health_history')
    .values({ entity_id: s.petId, reason: 'commit', delta, health_after: 70 + delta, state_after: 'healthy', sha: commitSha, analysis_id: a.id, created_at: s.clock.now() })
    .execute();
}

for (const target of stackTargets()) {
  describe.skipIf(target.skip)(`day sessions and journal on ${target.name}`, () => {
    let s: CoachStack;
    let contents: ContentsStore;
    beforeAll(async () => {
      s = await coachStack(target);
      contents = installContents(s.github);
    });
    afterAll(async () => s?.close());

    it('starts a session, runs blocks, ends it and creates the journal', async () => {
      expect(((await (await s.req('/api/sessions/today', { token: s.session })).json()) as TodaySessionDto).session).toBeNull();
      const start = await s.req('/api/sessions/start', { method: 'POST', token: s.session, json: { journalRepo: s.repo.fullName } });
      expect(start.status).toBe(201);
      const session = (await start.json()) as DaySessionDto;
      expect(session).toMatchObject({ day: '2026-11-24', endedAt: null, blocks: [], journal: { repo: s.repo.fullName, path: JOURNAL } });
      // Starting again is the same session.
      const again = await s.req('/api/sessions/start', { method: 'POST', token: s.session });
      expect(again.status).toBe(200);
      expect(((await again.json()) as DaySessionDto).id).toBe(session.id);

      const b1 = await s.req(`/api/sessions/${session.id}/blocks/start`, { method: 'POST', token: s.session, json: { label: 'review queue' } });
      expect(b1.status).toBe(201);
      expect(((await b1.json()) as DaySessionDto).openBlock).toMatchObject({ label: 'review queue', minutes: 0 });
      const twice = await s.req(`/api/sessions/${session.id}/blocks/start`, { method: 'POST', token: s.session });
      expect(twice.status).toBe(409);
      s.clock.advance(45 * MIN);
      await seedCommit(s, sha('journal-1'), 'Add sub() with tests\n\nlong body', 6.2);
      const e1 = await s.req(`/api/sessions/${session.id}/blocks/end`, { method: 'POST', token: s.session });
      expect(e1.status).toBe(200);
      expect(((await e1.json()) as DaySessionDto).blocks[0]).toMatchObject({ minutes: 45 });
      expect((await s.req(`/api/sessions/${session.id}/blocks/end`, { method: 'POST', token: s.session })).status).toBe(409);
      await s.req(`/api/sessions/${session.id}/blocks/start`, { method: 'POST', token: s.session });
      s.clock.advance(30 * MIN);

      const end = await s.req(`/api/sessions/${session.id}/end`, { method: 'POST', token: s.session });
      expect(end.status).toBe(200);
      const out = (await end.json()) as SessionEndDto;
      expect(out.session.endedAt).not.toBeNull();
      expect(out.session.openBlock).toBeNull(); // the running block was closed with the session
      expect(out.summary).toMatchObject({ day: '2026-11-24', minutes: 75, commits: [{ sha: sha('journal-1'), message: 'Add sub() with tests', delta: 6.2 }] });
      expect(out.session.journal.error).toBeNull();
      const text = contents.read(s.repo.fullName, JOURNAL)!;
      expect(text).toContain('# Tamagitto journal');
      expect(text).toContain('## 2026-11-24 — 1 h 15 min');
      expect(text).toContain('"review queue" 45 min');
      expect(text).toContain(`\`${sha('journal-1').slice(0, 7)}\` Add sub() with tests (${s.repo.fullName}, +6.2)`);
      expect(out.session.journal.sha).toBe(contents.files.get(`${s.repo.fullName.toLowerCase()}:${JOURNAL}`)!.sha);

      expect((await s.req(`/api/sessions/${session.id}/end`, { method: 'POST', token: s.session })).status).toBe(409);
      expect((await s.req('/api/sessions/start', { method: 'POST', token: s.session })).status).toBe(409);
    });

    it('appends the next day and keeps an edit that lands between our read and our write', async () => {
      s.clock.advance(24 * 60 * MIN);
      const session = (await (await s.req('/api/sessions/start', { method: 'POST', token: s.session, json: { journalRepo: s.repo.fullName } })).json()) as DaySessionDto;
      expect(session.day).toBe('2026-11-25');
      // A teammate edits the journal in the browser after our GET, before our PUT.
      contents.beforeNextPut = () => contents.write(s.repo.fullName, JOURNAL, `${contents.read(s.repo.fullName, JOURNAL)}\nNote from a teammate: great week!\n`);
      const putsBefore = contents.puts.length;
      const end = await s.req(`/api/sessions/${session.id}/end`, { method: 'POST', token: s.session });
      expect(end.status).toBe(200);
      expect(((await end.json()) as SessionEndDto).session.journal.error).toBeNull();
      const statuses = contents.puts.slice(putsBefore).map((p) => p.status);
      expect(statuses).toEqual([409, 200]);
      const text = contents.read(s.repo.fullName, JOURNAL)!;
      expect(text).toContain('## 2026-11-24');
      expect(text).toContain('Note from a teammate: great week!');
      expect(text.indexOf('Note from a teammate')).toBeLessThan(text.indexOf('## 2026-11-25'));
    });

    it('a journal that keeps conflicting is reported, the session still ends, and nothing is overwritten', async () => {
      s.clock.advance(24 * 60 * MIN);
      const session = (await (await s.req('/api/sessions/start', { method: 'POST', token: s.session, json: { journalRepo: s.repo.fullName } })).json()) as DaySessionDto;
      const saboteur = () => {
        contents.write(s.repo.fullName, JOURNAL, `${contents.read(s.repo.fullName, JOURNAL)}\nedit ${Math.random()}\n`);
        contents.beforeNextPut = saboteur;
      };
      contents.beforeNextPut = saboteur;
      const end = await s.req(`/api/sessions/${session.id}/end`, { method: 'POST', token: s.session });
      contents.beforeNextPut = null;
      expect(end.status).toBe(200);
      const out = (await end.json()) as SessionEndDto;
      expect(out.session.endedAt).not.toBeNull();
      expect(out.session.journal.error).toMatch(/gave up after 4 attempts without overwriting/);
      expect(contents.read(s.repo.fullName, JOURNAL)).not.toContain('## 2026-11-26');
    });

    it('bad input is a 4xx JSON error and changes nothing', async () => {
      s.clock.advance(24 * 60 * MIN);
      const cases: [string, RequestInit & { json?: unknown }, number][] = [
        ['/api/sessions/start', { method: 'POST', json: { journalRepo: 'not a repo' } }, 400],
        ['/api/sessions/start', { method: 'POST', json: { journalRepo: 'someone/not-adopted' } }, 400],
        ['/api/sessions/start', { method: 'POST', json: { extra: 1 } }, 400],
        ['/api/sessions/start', { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } }, 400],
        ['/api/sessions/not-a-uuid/end', { method: 'POST' }, 404],
        ['/api/sessions/00000000-0000-4000-8000-000000000000/blocks/start', { method: 'POST' }, 404],
      ];
      for (const [path, init, status] of cases) {
        const r = await s.req(path, { ...init, token: s.session });
        expect(r.status, path).toBe(status);
        expect(((await r.json()) as { error: { code: string } }).error.code).toBeTruthy();
      }
      expect((await s.req('/api/sessions/today')).status).toBe(401);
      expect(((await (await s.req('/api/sessions/today', { token: s.session })).json()) as TodaySessionDto).session).toBeNull();
    });
  });
}
