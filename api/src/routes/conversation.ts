/**
 * The coach (issue 5): chat with Claude using the user's key from
 * `X-Anthropic-Key` — or, without one, the rule-based coach — plus the
 * proactive nudges. The key is read from the header, handed to the SDK and
 * forgotten: never stored, never logged (tested by grepping logs and tables).
 */
import { evaluateNudges, runCoachNudges } from '@tamagitto/db';
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { ChatReplyDto, ConversationHistoryDto, NudgeDto, ProactiveDto } from '@tamagitto/domain';
import { buildCoachContext, type CoachContext } from '../coach/context.ts';
import { estimateCostUsd, streamAnswer, type ChatTurn } from '../coach/llm.ts';
import { LLM_LABEL, rulesReply, RULES_LABEL } from '../coach/rules-coach.ts';
import { PATTERN_STYLE } from '@tamagitto/domain';
import type { AppDeps, AppEnv } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import { requireSession } from '../http/require-session.ts';
import { jsonBody, optionalJsonBody } from '../http/validate.ts';

/** Model calls cost the user money: at most this many chats per user per minute (counted in Postgres, so across instances). */
export const CHAT_PER_MINUTE = 20;
const HISTORY_TURNS = 10;
const HISTORY_CHARS = 4_000;
const chatBody = z.object({ message: z.string().trim().min(1, 'say something').max(2_000, 'at most 2000 characters') }).strict();
const proactiveBody = z.object({}).strict();
// Printable ASCII without spaces: enough to reject junk without learning anything about the key.
const KEY_SHAPE = /^[\x21-\x7e]{8,300}$/;

function systemPrompt(ctx: CoachContext): string {
  return [
    'You are Tamagitto, a friendly developer coach living next to the user\'s repository pets.',
    'Answer in at most 5 short sentences. Be concrete: name the PR, pet or block you mean.',
    PATTERN_STYLE[ctx.pattern].prompt,
    'Context about the user right now:',
    ctx.text,
  ].join('\n');
}

function apiKeyOf(c: Context<AppEnv>): string | null {
  const key = c.req.header('x-anthropic-key');
  if (key === undefined || key === '') return null;
  if (!KEY_SHAPE.test(key)) throw new AppError(400, 'validation_failed', 'X-Anthropic-Key: not an API key');
  return key;
}

export function conversationRoutes(deps: AppDeps) {
  const auth = requireSession(deps.sessions);

  async function enforceRateLimit(userId: string) {
    const now = deps.now().getTime();
    const recent = await deps.db
      .selectFrom('conversations')
      .select('created_at')
      .where('user_id', '=', userId)
      .where('role', '=', 'user')
      .where('created_at', '>', new Date(now - 60_000))
      .orderBy('created_at')
      .execute();
    if (recent.length >= CHAT_PER_MINUTE) {
      const oldest = new Date(recent[0]!.created_at).getTime();
      const wait = Math.max(1, Math.ceil((oldest + 60_000 - now) / 1000));
      throw new AppError(429, 'rate_limited', `at most ${CHAT_PER_MINUTE} coach messages a minute: try again in ${wait} s`, { 'Retry-After': String(wait) });
    }
  }

  async function history(userId: string): Promise<ChatTurn[]> {
    const rows = await deps.db
      .selectFrom('conversations')
      .select(['role', 'content'])
      .where('user_id', '=', userId)
      .where('role', 'in', ['user', 'assistant'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(HISTORY_TURNS)
      .execute();
    const turns: ChatTurn[] = [];
    let chars = 0;
    for (const r of rows) {
      chars += r.content.length;
      if (chars > HISTORY_CHARS) break;
      turns.unshift({ role: r.role as 'user' | 'assistant', content: r.content });
    }
    // The Messages API wants alternating turns starting with the user.
    while (turns[0]?.role === 'assistant') turns.shift();
    return turns.filter((t, i) => i === 0 || t.role !== turns[i - 1]!.role);
  }

  async function save(userId: string, role: 'user' | 'assistant', content: string, source: string | null): Promise<string> {
    // History is ordered by created_at: an answer must sort after its question even within one clock tick.
    const last = await deps.db.selectFrom('conversations').select('created_at').where('user_id', '=', userId).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
    const at = new Date(Math.max(deps.now().getTime(), last ? new Date(last.created_at).getTime() + 1 : 0));
    const r = await deps.db.insertInto('conversations').values({ user_id: userId, role, content, source, created_at: at }).returning('id').executeTakeFirstOrThrow();
    return r.id;
  }

  return new Hono<AppEnv>()
    .use('/conversation/*', auth)
    .get('/conversation/history', async (c) => {
      const raw = c.req.query('limit');
      const limit = raw === undefined ? 50 : Number(raw);
      if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new AppError(400, 'validation_failed', 'limit: an integer 1–200');
      const rows = await deps.db
        .selectFrom('conversations')
        .selectAll()
        .where('user_id', '=', c.get('userId'))
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      const body: ConversationHistoryDto = {
        items: rows.reverse().map((r) => ({ id: r.id, role: r.role, content: r.content, source: r.source === 'llm' || r.source === 'rules' ? r.source : null, createdAt: new Date(r.created_at).toISOString() })),
      };
      return c.json(body);
    })
    .post('/conversation/chat', async (c) => {
      const userId = c.get('userId');
      const apiKey = apiKeyOf(c);
      const { message } = await jsonBody(c, chatBody);
      await enforceRateLimit(userId);
      const ctx = await buildCoachContext(deps, userId);
      const wantsStream = (c.req.header('accept') ?? '').includes('text/event-stream');

      if (!apiKey) {
        const reply = rulesReply(ctx, message);
        await save(userId, 'user', message, null);
        const id = await save(userId, 'assistant', reply, 'rules');
        const dto: ChatReplyDto = { conversationId: id, source: 'rules', label: RULES_LABEL, model: null, message: reply, pattern: ctx.pattern, usage: null };
        if (!wantsStream) return c.json(dto);
        return streamSSE(c, async (s) => {
          await s.writeSSE({ event: 'meta', data: JSON.stringify({ source: 'rules', model: null, pattern: ctx.pattern, label: RULES_LABEL }) });
          await s.writeSSE({ event: 'delta', data: JSON.stringify({ text: reply }) });
          await s.writeSSE({ event: 'done', data: JSON.stringify(dto) });
        });
      }

      const turns = [...(await history(userId)), { role: 'user' as const, content: message }].filter((t, i, all) => i === all.length - 1 || t.role !== all[i + 1]!.role);
      // Throws a JSON error (bad key, outage, timeout) before anything is stored or streamed.
      const answer = await streamAnswer(deps, { apiKey, userId, system: systemPrompt(ctx), turns, purpose: 'chat' });
      await save(userId, 'user', message, null);
      const model = deps.env.ANTHROPIC_MODEL;
      const finish = async (): Promise<ChatReplyDto> => {
        const d = await answer.done;
        const id = await save(userId, 'assistant', d.text, 'llm');
        return { conversationId: id, source: 'llm', label: LLM_LABEL, model, message: d.text, pattern: ctx.pattern, usage: { tokensIn: d.tokensIn, tokensOut: d.tokensOut, costUsd: estimateCostUsd(model, d.tokensIn, d.tokensOut) } };
      };
      if (!wantsStream) {
        for await (const _ of answer.chunks) {
          // drain: the JSON answer waits for the whole text
        }
        return c.json(await finish());
      }
      return streamSSE(c, async (s) => {
        await s.writeSSE({ event: 'meta', data: JSON.stringify({ source: 'llm', model, pattern: ctx.pattern, label: LLM_LABEL }) });
        try {
          for await (const text of answer.chunks) await s.writeSSE({ event: 'delta', data: JSON.stringify({ text }) });
          await s.writeSSE({ event: 'done', data: JSON.stringify(await finish()) });
        } catch (err) {
          const e = err instanceof AppError ? err : new AppError(502, 'llm_error', 'the coach stopped mid-answer');
          c.get('log').warn({ code: e.code }, 'coach stream failed');
          await s.writeSSE({ event: 'error', data: JSON.stringify({ code: e.code, message: e.message }) });
        }
      });
    })
    .post('/conversation/proactive', async (c) => {
      const userId = c.get('userId');
      await optionalJsonBody(c, proactiveBody);
      const apiKey = apiKeyOf(c);
      const ctx = await buildCoachContext(deps, userId);
      const nctx = { db: deps.db, bus: deps.bus, log: c.get('log'), now: deps.now, cipher: deps.cipher, githubApiUrl: deps.env.GITHUB_API_URL };
      // Sends (once) whatever is new over the WebSocket too, exactly as the worker's periodic run would.
      const { sent } = await runCoachNudges(nctx, { userId });
      const sentIds = new Map(sent.map((n) => [n.key, n.id]));
      const nudges: NudgeDto[] = (await evaluateNudges(nctx, userId)).map((n) => ({ kind: n.kind, message: n.message, id: sentIds.get(n.key) ?? null }));
      let message = nudges.length ? `${nudges.map((n) => n.message).slice(0, 2).join(' ')} ${PATTERN_STYLE[ctx.pattern].focus}` : rulesReply(ctx);
      let source: ProactiveDto['source'] = 'rules';
      if (apiKey) {
        const a = await streamAnswer(deps, {
          apiKey, userId, purpose: 'proactive', maxTokens: 200, system: systemPrompt(ctx),
          turns: [{ role: 'user', content: `Without being asked, give me one short, friendly nudge for right now.${nudges.length ? ` Things worth mentioning: ${nudges.map((n) => n.message).join(' ')}` : ''}` }],
        });
        for await (const _ of a.chunks) {
          // collect
        }
        message = (await a.done).text;
        source = 'llm';
      }
      await save(userId, 'assistant', message, source);
      const body: ProactiveDto = { source, label: source === 'llm' ? LLM_LABEL : RULES_LABEL, message, pattern: ctx.pattern, nudges };
      return c.json(body);
    });
}
