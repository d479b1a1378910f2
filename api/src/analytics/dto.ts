/**
 * The analytics' JSON shapes (zod schemas the routes document and, in tests,
 * check) and the per-day sum of LLM usage rows.
 */
import { localDay, type LlmUsageDto } from '@tamagitto/domain';
import { z } from 'zod';
import { GithubRateSchema } from '../queue/dto.ts';

export const VelocitySchema = z
  .object({
    from: z.string(),
    to: z.string(),
    days: z
      .array(z.object({ day: z.string(), merged: z.number().int(), reviews: z.number().int() }))
      .describe('Every day of the range, oldest first, zeros included (ready to chart).'),
    totals: z.object({ merged: z.number().int(), reviews: z.number().int() }),
    truncated: z.boolean().describe('True when GitHub had more results than we read (search caps, review look-ups capped at 50 PRs), or rate-limited us.'),
    rateLimit: GithubRateSchema,
  })
  .meta({ id: 'Velocity', description: "PRs you merged and PRs you reviewed, per day of your own time zone." });

const UsageSum = { tokensIn: z.number(), tokensOut: z.number(), costUsd: z.number().describe('Estimated from the public price list, in US dollars.') };

export const LlmUsageSchema = z
  .object({
    days: z.array(z.object({ day: z.string(), calls: z.number().int(), ...UsageSum })).describe('Days with at least one call, oldest first.'),
    totals: z.object({ calls: z.number().int(), failed: z.number().int(), ...UsageSum }),
  })
  .meta({ id: 'LlmUsage', description: 'What coaching cost you: your model calls per day.' });

/** Sums usage rows per local day of `timeZone`. */
export function toLlmUsageDto(rows: { created_at: Date | string; tokens_in: number; tokens_out: number; cost_usd: number; ok: boolean }[], timeZone: string): LlmUsageDto {
  const byDay = new Map<string, LlmUsageDto['days'][number]>();
  const totals = { calls: 0, failed: 0, tokensIn: 0, tokensOut: 0, costUsd: 0 };
  for (const r of rows) {
    const day = localDay(new Date(r.created_at), timeZone);
    const d = byDay.get(day) ?? { day, calls: 0, tokensIn: 0, tokensOut: 0, costUsd: 0 };
    d.calls++;
    d.tokensIn += r.tokens_in;
    d.tokensOut += r.tokens_out;
    d.costUsd += r.cost_usd;
    byDay.set(day, d);
    totals.calls++;
    if (!r.ok) totals.failed++;
    totals.tokensIn += r.tokens_in;
    totals.tokensOut += r.tokens_out;
    totals.costUsd += r.cost_usd;
  }
  return { days: [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day)), totals };
}
