/**
 * The coach: chat with Claude using the user's key from `X-Anthropic-Key` —
 * or, without one, the rule-based coach (rules-coach.ts) — the conversation
 * history, and proactive nudges. The key is read from the header, handed to
 * the SDK and forgotten: never stored, never logged (tested by grepping logs
 * and tables).
 */
import { evaluateNudges, runCoachNudges } from '@tamagitto/db';
import { PATTERN_STYLE, type ChatReplyDto, type ConversationHistoryDto, type NudgeDto, type ProactiveDto } from '@tamagitto/domain';
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import { route } from '../http/openapi.ts';
import { requireSession } from '../http/require-session.ts';
import { countParam } from '../http/validate.ts';
import { CHAT_PER_MINUTE, chatHistory, systemPrompt } from './chat.ts';
import { buildCoachContext } from './context.ts';
import { ChatReplySchema, ConversationHistorySchema, ProactiveSchema, toConversationMessageDto } from './dto.ts';
import { estimateCostUsd, streamAnswer } from './llm.ts';
import { LLM_LABEL, rulesReply, RULES_LABEL } from './rules-coach.ts';
import { appendMessage, latestMessages } from './store.ts';

const ChatBody = z.object({ message: z.string().trim().min(1, 'say something').max(2_000, 'at most 2000 characters') }).strict();
const ProactiveBody = z.object({}).strict();
const HistoryQuery = z.object({
  limit: countParam(50, 200, 'How many of the latest entries (default 50).'),
});
// Printable ASCII without spaces: enough to reject junk without learning anything about the key.
const KEY_SHAPE = /^[\x21-\x7e]{8,300}$/;
const KEY_HEADER = { 'X-Anthropic-Key': 'Your Anthropic API key, for answers from Claude (billed to you). Used for this request only: never stored, never logged. Without it the rule-based coach answers.' };
// Anthropic rate-limited the key, or the per-user chat limit (429); Anthropic failed (502) or was too slow (504). A rejected key is a 400.
const LLM_ERRORS = [429, 502, 504] as const;

const SSE_DESCRIPTION =
  'With `Accept: text/event-stream`, server-sent events: `meta` {source, model, pattern, label}, then `delta` {text} chunks, then `done` with the ChatReply — ' +
  'or, if the model fails mid-answer, `error` {code, message} (same codes as the error envelope). Otherwise the ChatReply as JSON.';

function apiKeyOf(c: Context<AppEnv>): string | null {
  const key = c.req.header('x-anthropic-key');
  if (key === undefined || key === '') return null;
  if (!KEY_SHAPE.test(key)) throw new AppError(400, 'validation_failed', 'X-Anthropic-Key: not an API key');
  return key;
}

export function coachRoutes(deps: AppDeps) {
  const save = (userId: string, role: 'user' | 'assistant', content: string, source: string | null) => appendMessage(deps.db, { userId, role, content, source }, deps.now());

  return new Hono<AppEnv>()
    .use('/conversation/*', requireSession(deps.sessions))
    .get(
      '/conversation/history',
      route({ tag: 'coach', summary: 'Your conversation with the coach, nudges included', security: 'session', query: HistoryQuery, responses: { 200: ConversationHistorySchema } }),
      async (c) => {
        const rows = await latestMessages(deps.db, c.get('userId'), c.req.valid('query').limit);
        const body: ConversationHistoryDto = { items: rows.reverse().map(toConversationMessageDto) };
        return c.json(body);
      },
    )
    .post(
      '/conversation/chat',
      route({
        tag: 'coach',
        summary: 'Ask the coach (streamed with Accept: text/event-stream)',
        description: `At most ${CHAT_PER_MINUTE} questions a minute per user. Claude answers with the key in X-Anthropic-Key, the rule-based coach without one. A bad key, an outage or a timeout before the first word is a JSON error; a failure mid-stream is an \`error\` event.`,
        security: 'session',
        body: ChatBody,
        // Accept picks the form of the 200; OpenAPI describes that by the response's content types, not as a header parameter.
        requestHeaders: KEY_HEADER,
        responses: { 200: { description: SSE_DESCRIPTION, contentType: 'text/event-stream', schema: ChatReplySchema } },
        errors: LLM_ERRORS,
      }),
      async (c) => {
        const userId = c.get('userId');
        const apiKey = apiKeyOf(c);
        const { message } = c.req.valid('json');
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

        const turns = [...(await chatHistory(deps, userId)), { role: 'user' as const, content: message }].filter((t, i, all) => i === all.length - 1 || t.role !== all[i + 1]!.role);
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
      },
    )
    .post(
      '/conversation/proactive',
      route({
        tag: 'coach',
        summary: 'What the coach would bring up now',
        description: 'Evaluates the nudge triggers (and sends, once, whatever is new over the WebSocket, as the worker would) and writes a short nudge — by Claude with X-Anthropic-Key, by the rule-based coach without.',
        security: 'session',
        body: ProactiveBody,
        bodyOptional: true,
        requestHeaders: KEY_HEADER,
        responses: { 200: ProactiveSchema },
        errors: LLM_ERRORS,
      }),
      async (c) => {
        const userId = c.get('userId');
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
      },
    );
}
