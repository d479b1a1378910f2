/**
 * The coach without a key: rule-based answers from the same context the model
 * would see, labelled `source: 'rules'` so nobody mistakes them for Claude.
 * First matching rule wins; the order is "what hurts most first".
 */
import { PATTERN_STYLE } from '@tamagitto/domain';
import type { CoachContext } from './context.ts';

export const RULES_LABEL = 'Rule-based coach (add your Anthropic key in Options for AI answers)';
export const LLM_LABEL = 'Claude';

export function rulesReply(ctx: CoachContext, question = ''): string {
  const tips: string[] = [];
  const secret = ctx.vetReports.find((r) => r.secrets > 0);
  if (secret) tips.push(`Commit ${secret.sha} in ${secret.repo} contains what looks like a secret: revoke it first, then rewrite history.`);
  if (ctx.session?.openBlock && ctx.session.openBlock.minutes > 90) tips.push(`Your current block has run ${ctx.session.openBlock.minutes} min: take a 5-minute break.`);
  const sick = ctx.pets.find((p) => p.state === 'poor' || p.state === 'dying');
  if (sick) tips.push(`${sick.name} (${sick.repo}) is ${sick.state}: a small commit with tests and docs will help it most.`);
  const top = ctx.queueTop[0];
  if (top) tips.push(`Next up: ${top.item.id} "${top.item.title.slice(0, 60)}" — ${top.reason}.`);
  if (!ctx.session) tips.push('Start a day session so blocks and your journal are tracked.');
  const hungry = ctx.pets.find((p) => (p.daysSinceCommit ?? 0) >= 3);
  if (hungry && tips.length < 3) tips.push(`${hungry.name} has had no commit for ${hungry.daysSinceCommit} days.`);
  if (!tips.length) tips.push('Everything looks calm: pick the smallest useful task and finish it.');
  const q = question.toLowerCase();
  const lead = /\b(what|which|next|start|priorit)/.test(q) ? 'Here is what I would do next. ' : '';
  return `${lead}${tips.slice(0, 3).join(' ')} ${PATTERN_STYLE[ctx.pattern].focus}`.trim();
}
