/** The JSON shapes of the API's coach routes. */

export type CoachSource = 'llm' | 'rules';
export type CoachPatternDto = 'peter' | 'ransom' | 'balanced';

/** `POST /api/conversation/chat` body. Optional header `X-Anthropic-Key` (never stored). */
export interface ChatRequestDto {
  message: string;
}

/**
 * The coach's answer. With `Accept: text/event-stream` the same answer is
 * streamed as SSE events: `meta` {source, model, pattern, label}, then `delta`
 * {text} chunks, then `done` (this object) — or `error` {code, message}.
 */
export interface ChatReplyDto {
  conversationId: string;
  /** 'rules' = the key-less, rule-based coach; 'llm' = Claude with the user's key. */
  source: CoachSource;
  /** A human label for the source, to show next to the answer. */
  label: string;
  model: string | null;
  message: string;
  pattern: CoachPatternDto;
  usage: { tokensIn: number; tokensOut: number; costUsd: number } | null;
}

export interface ConversationMessageDto {
  id: string;
  role: 'user' | 'assistant' | 'nudge';
  content: string;
  source: CoachSource | null;
  createdAt: string;
}

/** `GET /api/conversation/history?limit=` (oldest first). */
export interface ConversationHistoryDto {
  items: ConversationMessageDto[];
}

export type NudgeKind = 'long_block' | 'pet_dropped' | 'pr_waiting' | 'no_commits' | 'secret_found';

export interface NudgeDto {
  kind: NudgeKind;
  message: string;
  /** Conversation id when this call sent it (it was also pushed as `coach.nudge`); null if sent earlier. */
  id: string | null;
}

/** `POST /api/conversation/proactive`: what the coach would bring up now. */
export interface ProactiveDto {
  source: CoachSource;
  label: string;
  message: string;
  pattern: CoachPatternDto;
  nudges: NudgeDto[];
}
