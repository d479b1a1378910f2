/**
 * The JSON shapes of the API's coach routes, generated from their zod schemas
 * (api/src/coach/dto.ts) through the OpenAPI document: the field descriptions
 * are there and in openapi.ts.
 */
import type { components } from './openapi.ts';

type Schemas = components['schemas'];

/** 'rules' = the key-less, rule-based coach; 'llm' = Claude with the user's key. */
export type CoachSource = Schemas['CoachSource'];
export type CoachPatternDto = Schemas['CoachPattern'];
/**
 * `POST /api/conversation/chat` (optional header `X-Anthropic-Key`, never
 * stored). With `Accept: text/event-stream` the same answer is streamed as SSE
 * events: `meta` {source, model, pattern, label}, then `delta` {text} chunks,
 * then `done` (this object) — or `error` {code, message}.
 */
export type ChatReplyDto = Schemas['ChatReply'];
export type ConversationMessageDto = Schemas['ConversationMessage'];
/** `GET /api/conversation/history?limit=` (oldest first). */
export type ConversationHistoryDto = Schemas['ConversationHistory'];
export type NudgeKind = Schemas['NudgeKind'];
export type NudgeDto = Schemas['Nudge'];
/** `POST /api/conversation/proactive`: what the coach would bring up now. */
export type ProactiveDto = Schemas['Proactive'];
