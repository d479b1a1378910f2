/**
 * The nudge trigger engine (worker/src/coach) and POST /api/conversation/proactive:
 * each trigger fires once, reaches the user's WebSocket as `coach.nudge`, and
 * the Peter/Ransom profile changes the prompt style and the nudges.
 */
import { createLogger } from '@tamagitto/db';
import { runCoachNudges, type NudgeContext } from '@tamagitto/db';
import { detectPattern } from '@tamagitto/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatReplyDto, DaySessionDto, ProactiveDto, ServerMessage } from '@tamagitto/domain';
import { sha, stackTargets } from '../support/index.ts';
import { apiKeyOf, coachStack, DAY, FakeAnthropic, HOUR, installQueueFake, MIN, type CoachStack, type QueueWorld } from './support/index.ts';

describe('profile detection', () => {
  it.each([
    [{ openOwnPrs: 1, agingReviewRequests: 0, blocks14d: 10, shortBlocks14d: 1 }, 'balanced'],
    [{ openOwnPrs: 4, agingReviewRequests: 0, blocks14d: 0, shortBlocks14d: 0 }, 'peter'],
    [{ openOwnPrs: 0, agingReviewRequests: 0, blocks14d: 6, shortBlocks14d: 3 }, 'peter'],
    [{ openOwnPrs: 0, agingReviewRequests: 0, blocks14d: 3, shortBlocks14d: 3 }, 'balanced'],
    [{ openOwnPrs: 0, agingReviewRequests: 2, blocks14d: 0, shortBlocks14d: 0 }, 'ransom'],
    [{ openOwnPrs: 6, agingReviewRequests: 3, blocks14d: 0, shortBlocks14d: 0 }, 'ransom'],
    [{ openOwnPrs: null, agingReviewRequests: null, blocks14d: 0, shortBlocks14d: 0 }, 'balanced'],
  ] as const)('%j → %s', (signals, pattern) => expect(detectPattern(signals)).toBe(pattern));
});

for (const target of stackTargets()) {
  describe.skipIf(target.skip)(`nudges on ${target.name}`, () => {
    let s: CoachStack;
    let world: QueueWorld;
    let claude: FakeAnthropic;
    let ctx: NudgeContext;
    beforeAll(async () => {
      claude = await new FakeAnthropic().start();
      s = await coachStack(target, { env: { ANTHROPIC_BASE_URL: claude.url } });
      world = installQueueFake(s.github, s.login);
      world.now = () => s.clock.t;
      ctx = { db: s.db.db, bus: s.bus, log: createLogger({ level: 'silent', name: 'nudge-test' }), now: s.clock.now, cipher: s.api.deps.cipher, githubApiUrl: s.github.url };
    });
    afterAll(async () => {
      await s?.close();
      await claude?.close();
    });

    it('fires each trigger once and pushes it over the WebSocket', async () => {
      // WebSocket tickets are checked against the real clock: start this story at real time.
      s.clock.t = Date.now();
      const ws = await s.openSocket(s.session);
      await ws.next((m) => m.type === 'hello');
      // 1. a block running > 90 min
      const session = (await (await s.req('/api/sessions/start', { method: 'POST', token: s.session })).json()) as DaySessionDto;
      await s.req(`/api/sessions/${session.id}/blocks/start`, { method: 'POST', token: s.session, json: { label: 'billing refactor' } });
      s.clock.advance(95 * MIN);
      // 2. the pet dropped a state (healthy → poor) 3. a secret in a commit
      const repo = await s.db.db.selectFrom('repositories').select('id').where('github_id', '=', s.repo.id).executeTakeFirstOrThrow();
      await s.db.db.insertInto('health_history').values({ entity_id: s.petId, reason: 'commit', delta: 5, health_after: 75, state_after: 'healthy', sha: sha('n1'), created_at: new Date(s.clock.t - 10 * MIN) }).execute();
      const a = await s.db.db
        .insertInto('commit_analyses')
        .values({ repository_id: repo.id, sha: sha('n2'), message: 'add config', files_changed: 1, additions: 3, deletions: 0, metrics: JSON.stringify({ secrets_found: 1 }), findings: JSON.stringify([]), delta: -15, poor_quality: true, engine_version: 'test', created_at: s.clock.now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await s.db.db.insertInto('health_history').values({ entity_id: s.petId, reason: 'poor_commit', delta: -20, health_after: 35, state_after: 'poor', sha: sha('n2'), analysis_id: a.id, created_at: s.clock.now() }).execute();
      // 4. a PR waiting on you for 3 days (and one only 1 day old: not yet)
      world.reviewRequests.push(
        { repo: 'acme/api', number: 41, title: 'Add audit log', author: 'monalisa', createdAt: new Date(s.clock.t - 3 * DAY).toISOString(), additions: 50, deletions: 5 },
        { repo: 'acme/api', number: 42, title: 'Fresh one', author: 'hubot', createdAt: new Date(s.clock.t - 1 * DAY).toISOString(), additions: 5, deletions: 5 },
      );

      const first = await runCoachNudges(ctx);
      const kinds = first.sent.map((n) => n.kind).sort();
      expect(kinds).toEqual(['long_block', 'pet_dropped', 'pr_waiting', 'secret_found']);
      expect(first.sent.find((n) => n.kind === 'pr_waiting')!.message).toContain('acme/api#41');
      expect(first.sent.find((n) => n.kind === 'long_block')!.message).toMatch(/"billing refactor" for 95 min/);
      expect(first.sent.find((n) => n.kind === 'pet_dropped')!.message).toMatch(/from healthy to poor/);
      const pushed = (await ws.next((m) => m.type === 'coach.nudge' && m.kind === 'secret_found')) as Extract<ServerMessage, { type: 'coach.nudge' }>;
      expect(pushed.message).toContain(sha('n2').slice(0, 7));
      for (const k of kinds) await ws.next((m) => m.type === 'coach.nudge' && m.kind === k);

      // Concurrent and repeated runs send nothing new.
      const again = await Promise.all([runCoachNudges(ctx), runCoachNudges(ctx)]);
      expect(again.flatMap((r) => r.sent)).toEqual([]);
      const stored = await s.db.db.selectFrom('conversations').select(['role', 'source']).where('role', '=', 'nudge').execute();
      expect(stored).toHaveLength(4);
      ws.close();
    });

    it('no commits for 3 days fires once per silent stretch', async () => {
      await s.db.db.updateTable('entities').set({ last_commit_at: s.clock.now() }).where('id', '=', s.petId).execute();
      s.clock.advance(2 * DAY);
      expect((await runCoachNudges(ctx)).sent.map((n) => n.kind)).not.toContain('no_commits');
      s.clock.advance(1 * DAY + HOUR);
      const r = await runCoachNudges(ctx);
      expect(r.sent.filter((n) => n.kind === 'no_commits')).toHaveLength(1);
      expect(r.sent.find((n) => n.kind === 'no_commits')!.message).toMatch(/No commits to .*hello-coach for 3 days/);
      expect((await runCoachNudges(ctx)).sent).toEqual([]);
    });

    it('/proactive lists what applies now, sends what is new, and speaks in the rule-based voice without a key', async () => {
      const r = await s.req('/api/conversation/proactive', { method: 'POST', token: s.session });
      expect(r.status).toBe(200);
      const p = (await r.json()) as ProactiveDto;
      expect(p.source).toBe('rules');
      expect(p.label).toMatch(/Rule-based/);
      expect(p.nudges.map((n) => n.kind)).toContain('no_commits');
      expect(p.nudges.every((n) => n.id === null)).toBe(true); // all were sent by the worker's run already
      expect(p.message.length).toBeGreaterThan(10);
      expect((await s.req('/api/conversation/proactive', { method: 'POST', token: s.session, json: { nope: 1 } })).status).toBe(400);
    });

    it('/proactive with a key lets Claude phrase the nudge, with the nudges as context', async () => {
      claude.reply = () => 'Time for a tiny commit: hello-coach misses you.';
      const r = await s.req('/api/conversation/proactive', { method: 'POST', token: s.session, headers: { 'x-anthropic-key': 'sk-ant-api03-proactive-key-00000000' } });
      expect(r.status).toBe(200);
      const p = (await r.json()) as ProactiveDto;
      expect(p).toMatchObject({ source: 'llm', label: 'Claude', message: 'Time for a tiny commit: hello-coach misses you.' });
      expect(claude.requests.at(-1)!.body.messages[0]!.content).toMatch(/No commits to/);
      const usage = await s.db.db.selectFrom('llm_usage').select('purpose').where('user_id', '=', s.userId).execute();
      expect(usage.map((u) => u.purpose)).toContain('proactive');
    });

    it('Ransom: aging review requests select the Ransom prompt and nudge about a PR after 1 day', async () => {
      // acme/api#41 (3 days) and a new one 2.5 days old: two aging review requests.
      world.reviewRequests.push({ repo: 'acme/web', number: 9, title: 'Docs', author: 'octo-org', createdAt: new Date(s.clock.t - 2.5 * DAY).toISOString(), additions: 2, deletions: 2 });
      const key = 'sk-ant-api03-nudge-test-key-000000000';
      const r = await s.req('/api/conversation/chat', { method: 'POST', token: s.session, json: { message: 'hi' }, headers: { 'x-anthropic-key': key } });
      expect(((await r.json()) as ChatReplyDto).pattern).toBe('ransom');
      expect(apiKeyOf(claude.requests.at(-1)!)).toBe(key);
      expect(claude.requests.at(-1)!.body.system).toContain('Teammates are waiting');
      const profile = await s.db.db.selectFrom('coaching_profiles').selectAll().where('user_id', '=', s.userId).executeTakeFirstOrThrow();
      expect(profile.pattern).toBe('ransom');
      expect(profile.signals).toMatchObject({ agingReviewRequests: 3 });
      // #42 is now 4 days old anyway; add one 30 h old: Ransom is nudged after 1 day, others after 2.
      world.reviewRequests.push({ repo: 'acme/web', number: 10, title: 'Tiny fix', author: 'hubot', createdAt: new Date(s.clock.t - 30 * HOUR).toISOString(), additions: 1, deletions: 1 });
      const sent = (await runCoachNudges(ctx)).sent.filter((n) => n.kind === 'pr_waiting');
      expect(sent.map((n) => n.key)).toContain('pr_waiting:acme/web#10');
      expect(sent.find((n) => n.key === 'pr_waiting:acme/web#10')!.message).toMatch(/^Unblock your teammates first/);
    });

    it('Peter: many open PRs select the Peter prompt', async () => {
      world.reviewRequests.length = 0;
      for (let i = 0; i < 4; i++) world.own.push({ repo: 'acme/api', number: 100 + i, title: `Idea ${i}`, author: s.login, createdAt: new Date(s.clock.t - DAY).toISOString(), additions: 10, deletions: 0 });
      const r = await s.req('/api/conversation/chat', { method: 'POST', token: s.session, json: { message: 'hi again' }, headers: { 'x-anthropic-key': 'sk-ant-api03-nudge-test-key-000000000' } });
      expect(((await r.json()) as ChatReplyDto).pattern).toBe('peter');
      expect(claude.requests.at(-1)!.body.system).toContain('finishing one open item');
    });
  });
}
