/**
 * The coach's JSON shapes (zod schemas the routes document and, in tests,
 * check) and the mapping from a conversation row.
 */
import type { Conversation, NudgeKind } from '@tamagitto/db';
import type { ConversationMessageDto } from '@tamagitto/domain';
import { z } from 'zod';

export const CoachSourceSchema = z
  .enum(['llm', 'rules'])
  .meta({ id: 'CoachSource', description: "'llm' = Claude with the user's key; 'rules' = the key-less, rule-based coach." });

export const CoachPatternSchema = z
  .enum(['peter', 'ransom', 'balanced'])
  .meta({ id: 'CoachPattern', description: "The user's work pattern as the coach sees it; it changes the coach's tone and focus." });

const NUDGE_KINDS = ['long_block', 'pet_dropped', 'pr_waiting', 'no_commits', 'secret_found'] as const satisfies readonly NudgeKind[];
// Every kind the nudge engine (@tamagitto/db) can produce is listed above: this line stops compiling when one is added there.
const _allNudgeKinds: readonly (typeof NUDGE_KINDS)[number][] = [] as NudgeKind[];
export const NudgeKindSchema = z.enum(NUDGE_KINDS).meta({ id: 'NudgeKind' });

export const ChatReplySchema = z
  .object({
    conversationId: z.string().describe('Id of the stored answer.'),
    source: CoachSourceSchema,
    label: z.string().describe('A human label for the source, to show next to the answer.'),
    model: z.string().nullable().describe('The Claude model; null for the rule-based coach.'),
    message: z.string(),
    pattern: CoachPatternSchema,
    usage: z.object({ tokensIn: z.number(), tokensOut: z.number(), costUsd: z.number() }).nullable().describe('Tokens and estimated cost (USD) of a Claude answer; null for the rule-based coach.'),
  })
  .meta({
    id: 'ChatReply',
    description: "The coach's answer. With `Accept: text/event-stream` the same answer is streamed: `meta`, then `delta` chunks, then `done` with this object (or `error`).",
  });

export const ConversationMessageSchema = z
  .object({
    id: z.string(),
    role: z.enum(['user', 'assistant', 'nudge']),
    content: z.string(),
    source: CoachSourceSchema.nullable().describe('Who wrote an answer or nudge; null for the user\'s own messages.'),
    createdAt: z.string(),
  })
  .meta({ id: 'ConversationMessage' });

export const ConversationHistorySchema = z.object({ items: z.array(ConversationMessageSchema).describe('Oldest first.') }).meta({ id: 'ConversationHistory' });

export const NudgeSchema = z
  .object({
    kind: NudgeKindSchema,
    message: z.string(),
    id: z.string().nullable().describe('Conversation id when this call sent it (it was also pushed as `coach.nudge`); null if sent earlier.'),
  })
  .meta({ id: 'Nudge' });

export const ProactiveSchema = z
  .object({ source: CoachSourceSchema, label: z.string(), message: z.string(), pattern: CoachPatternSchema, nudges: z.array(NudgeSchema) })
  .meta({ id: 'Proactive', description: 'What the coach would bring up now, and the nudges that apply.' });

export function toConversationMessageDto(r: Conversation): ConversationMessageDto {
  return { id: r.id, role: r.role, content: r.content, source: r.source === 'llm' || r.source === 'rules' ? r.source : null, createdAt: new Date(r.created_at).toISOString() };
}
