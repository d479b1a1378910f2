/**
 * The coach chat against a local fake Anthropic (real Messages API shapes,
 * SSE streaming): streamed answers, history, usage records, the key never
 * stored or logged, timeouts, the per-user rate limit and the key-less coach.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatReplyDto, ConversationHistoryDto } from '@tamagitto/domain';
import { CHAT_PER_MINUTE } from '../../src/coach/chat.ts';
import { stackTargets } from '../support/index.ts';
import { apiKeyOf, coachStack, DAY, FakeAnthropic, installQueueFake, parseSse, type CoachStack } from './support/index.ts';

const KEY = 'sk-ant-api03-TESTKEY-never-store-me-0123456789abcdef';

for (const target of stackTargets()) {
  describe.skipIf(target.skip)(`coach chat on ${target.name}`, () => {
    let s: CoachStack;
    let claude: FakeAnthropic;
    beforeAll(async () => {
      claude = await new FakeAnthropic().start();
      s = await coachStack(target, { env: { ANTHROPIC_BASE_URL: claude.url, ANTHROPIC_TIMEOUT_MS: '1500' } });
      const world = installQueueFake(s.github, s.login);
      world.reviewRequests.push({ repo: 'acme/api', number: 11, title: 'Fix typo in README', author: 'hubot', createdAt: new Date(s.clock.t - DAY).toISOString(), additions: 3, deletions: 1, ci: 'success' });
    });
    afterAll(async () => {
      await s?.close();
      await claude?.close();
    });

    const chat = (message: string, o: { key?: string; stream?: boolean } = {}) =>
      s.req('/api/conversation/chat', {
        method: 'POST',
        token: s.session,
        json: { message },
        headers: { ...(o.key ? { 'x-anthropic-key': o.key } : {}), ...(o.stream ? { accept: 'text/event-stream' } : {}) },
      });

    it('streams Claude’s answer as SSE with the user’s key, the default Haiku model and the context', async () => {
      claude.reply = () => 'Review acme/api#11 first: four lines, green CI, and hubot is waiting.';
      const r = await chat('What should I do first?', { key: KEY, stream: true });
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const events = parseSse(await r.text());
      expect(events[0]).toMatchObject({ event: 'meta', data: { source: 'llm', model: 'claude-haiku-4-5' } });
      const deltas = events.filter((e) => e.event === 'delta').map((e) => (e.data as { text: string }).text);
      expect(deltas.length).toBeGreaterThan(5);
      expect(deltas.join('')).toBe('Review acme/api#11 first: four lines, green CI, and hubot is waiting.');
      const done = events.at(-1)!;
      expect(done.event).toBe('done');
      const reply = done.data as ChatReplyDto;
      expect(reply).toMatchObject({ source: 'llm', model: 'claude-haiku-4-5', message: deltas.join('') });
      expect(reply.usage!.tokensOut).toBe(11);
      expect(reply.usage!.costUsd).toBeGreaterThan(0);

      const sent = claude.requests.at(-1)!;
      expect(apiKeyOf(sent)).toBe(KEY);
      expect(sent.body).toMatchObject({ model: 'claude-haiku-4-5', stream: true, messages: [{ role: 'user', content: 'What should I do first?' }] });
      expect(sent.body.system).toContain('hello-coach'); // the pet
      expect(sent.body.system).toContain('acme/api#11'); // the top of the queue
      expect(sent.body.system!.length).toBeLessThan(5_000); // context is capped

      const usage = await s.db.db.selectFrom('llm_usage').selectAll().where('user_id', '=', s.userId).execute();
      expect(usage).toHaveLength(1);
      expect(usage[0]).toMatchObject({ provider: 'anthropic', model: 'claude-haiku-4-5', purpose: 'chat', tokens_out: 11, ok: true });
      expect(usage[0]!.tokens_in).toBeGreaterThan(0);
    });

    it('keeps the history per user and sends it with the next question (JSON answer without Accept: text/event-stream)', async () => {
      const r = await chat('And after that?', { key: KEY });
      expect(r.status).toBe(200);
      expect(((await r.json()) as ChatReplyDto).source).toBe('llm');
      expect(claude.requests.at(-1)!.body.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
      const h = (await (await s.req('/api/conversation/history', { token: s.session })).json()) as ConversationHistoryDto;
      expect(h.items.map((i) => [i.role, i.source])).toEqual([['user', null], ['assistant', 'llm'], ['user', null], ['assistant', 'llm']]);
    });

    it('never stores or logs the key', async () => {
      expect(s.logs.length).toBeGreaterThan(0);
      expect(s.logs.join('\n')).not.toContain('TESTKEY');
      for (const table of ['conversations', 'llm_usage', 'users', 'jobs', 'coaching_profiles', 'day_sessions', 'work_blocks'] as const) {
        const rows = await s.db.db.selectFrom(table).selectAll().execute();
        expect(JSON.stringify(rows), table).not.toContain('TESTKEY');
      }
    });

    it('a rejected key is a 400 JSON error and stores nothing', async () => {
      const before = await s.db.db.selectFrom('conversations').select('id').execute();
      claude.failNext = 401;
      const r = await chat('hi', { key: 'sk-ant-wrong-key-000000' });
      expect(r.status).toBe(400);
      expect(await r.json()).toMatchObject({ error: { code: 'llm_error', message: 'Anthropic rejected the API key in X-Anthropic-Key' } });
      expect(await s.db.db.selectFrom('conversations').select('id').execute()).toHaveLength(before.length);
      claude.failNext = 429;
      const limited = await chat('hi', { key: KEY });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('17');
      const bad = await chat('hi', { key: 'has spaces in it' });
      expect(bad.status).toBe(400);
    });

    it('a slow model is cut off with a clear timeout error — before and during the stream', async () => {
      claude.headerDelayMs = 2_500;
      const r = await chat('slow?', { key: KEY, stream: true });
      expect(r.status).toBe(504);
      expect(await r.json()).toMatchObject({ error: { code: 'timeout' } });
      claude.headerDelayMs = 0;
      claude.chunkDelayMs = 150;
      claude.reply = () => 'word '.repeat(40);
      const mid = await chat('slow stream?', { key: KEY, stream: true });
      expect(mid.status).toBe(200);
      const events = parseSse(await mid.text());
      expect(events.some((e) => e.event === 'delta')).toBe(true);
      expect(events.at(-1)).toMatchObject({ event: 'error', data: { code: 'timeout' } });
      claude.chunkDelayMs = 0;
      const failed = await s.db.db.selectFrom('llm_usage').selectAll().where('ok', '=', false).execute();
      expect(failed.length).toBeGreaterThanOrEqual(2);
    });

    it('without a key the rule-based coach answers from the same context, clearly labelled', async () => {
      const r = await chat('What should I do next?');
      expect(r.status).toBe(200);
      const reply = (await r.json()) as ChatReplyDto;
      expect(reply).toMatchObject({ source: 'rules', model: null, usage: null });
      expect(reply.label).toMatch(/Rule-based/);
      expect(reply.message).toContain('acme/api#11');
      const sse = parseSse(await (await chat('and now?', { stream: true })).text());
      expect(sse.map((e) => e.event)).toEqual(['meta', 'delta', 'done']);
      expect(sse[0]!.data).toMatchObject({ source: 'rules' });
    });

    it(`allows ${CHAT_PER_MINUTE} messages a minute per user, then 429 with Retry-After`, async () => {
      // The limit is the `chat` tier of the rate limits (api/src/http/rate-limit.ts), on the wall clock:
      // a second user starts with a full allowance, and the first one's is not touched.
      const token = `ghp_chatLimitToken${'0'.repeat(22)}`;
      s.github.addUser({ login: 'limited-chatter', id: 99_100, token });
      const other = (await s.signIn(token)).token;
      const ask = (message: string) => s.req('/api/conversation/chat', { method: 'POST', token: other, json: { message } });
      for (let i = 0; i < CHAT_PER_MINUTE; i++) expect((await ask(`q${i}`)).status).toBe(200);
      const r = await ask('one more');
      expect(r.status).toBe(429);
      const wait = Number(r.headers.get('retry-after'));
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(60);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
      expect((await chat('the first user is not limited')).status).toBe(200);
    });

    it('bad input is a 4xx and changes nothing', async () => {
      const before = (await s.db.db.selectFrom('conversations').select('id').execute()).length;
      for (const body of [{}, { message: '' }, { message: 'x'.repeat(2001) }, { message: 'hi', extra: true }]) {
        const r = await s.req('/api/conversation/chat', { method: 'POST', token: s.session, json: body });
        expect(r.status).toBe(400);
      }
      expect((await s.req('/api/conversation/chat', { method: 'POST', json: { message: 'hi' } })).status).toBe(401);
      expect((await s.req('/api/conversation/history?limit=0', { token: s.session })).status).toBe(400);
      expect((await s.db.db.selectFrom('conversations').select('id').execute()).length).toBe(before);
    });
  });
}
