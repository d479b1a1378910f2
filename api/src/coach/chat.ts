/**
 * What a chat with the coach is made of besides the model call (llm.ts): the
 * per-user rate limit's number, the history sent with a question, and the system
 * prompt built from the user's context (context.ts).
 */
import { PATTERN_STYLE } from '@tamagitto/domain';
import type { AppDeps } from '../deps.ts';
import { TIERS } from '../http/rate-limit.ts';
import type { CoachContext } from './context.ts';
import type { ChatTurn } from './llm.ts';
import { latestTurns } from './store.ts';

/**
 * Model calls cost the user money: at most this many chats per user per minute, enforced before the
 * route runs by the `chat` tier of the rate limits (api/src/http/rate-limit.ts): one atomic consume,
 * shared by every instance through Redis.
 */
export const CHAT_PER_MINUTE = TIERS.chat.points;
const HISTORY_TURNS = 10;
const HISTORY_CHARS = 4_000;

/** The latest turns, oldest first, bounded in count and characters, alternating and starting with the user as the Messages API wants. */
export async function chatHistory(deps: AppDeps, userId: string): Promise<ChatTurn[]> {
  const turns: ChatTurn[] = [];
  let chars = 0;
  for (const r of await latestTurns(deps.db, userId, HISTORY_TURNS)) {
    chars += r.content.length;
    if (chars > HISTORY_CHARS) break;
    turns.unshift(r);
  }
  while (turns[0]?.role === 'assistant') turns.shift();
  return turns.filter((t, i) => i === 0 || t.role !== turns[i - 1]!.role);
}

export function systemPrompt(ctx: CoachContext): string {
  return [
    'You are Tamagitto, a friendly developer coach living next to the user\'s repository pets.',
    'Answer in at most 5 short sentences. Be concrete: name the PR, pet or block you mean.',
    PATTERN_STYLE[ctx.pattern].prompt,
    'Context about the user right now:',
    ctx.text,
  ].join('\n');
}
