/** GET /api/analytics/velocity from the fake GitHub's search and reviews, and GET /api/analytics/llm-usage. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LlmUsageDto, VelocityDto } from '@tamagitto/domain';
import { stackTargets } from '../support/index.ts';
import { coachStack, installQueueFake, type CoachStack, type QueueWorld } from './support/index.ts';

for (const target of stackTargets()) {
  describe.skipIf(target.skip)(`analytics on ${target.name}`, () => {
    let s: CoachStack;
    let world: QueueWorld;
    beforeAll(async () => {
      s = await coachStack(target); // clock: 2026-11-24 09:00 UTC
      world = installQueueFake(s.github, s.login);
      world.now = () => s.clock.t;
      const pr = (n: number, mergedAt?: string) => ({ repo: 'acme/api', number: n, title: `PR ${n}`, author: s.login, createdAt: '2026-11-01T10:00:00Z', mergedAt });
      world.merged.push(pr(1, '2026-11-20T10:00:00Z'), pr(2, '2026-11-20T16:00:00Z'), pr(3, '2026-11-23T08:00:00Z'), pr(4, '2026-10-01T08:00:00Z'));
      const other = (n: number, reviewedAt: string[]) => ({ repo: 'acme/web', number: n, title: `Their PR ${n}`, author: 'hubot', createdAt: '2026-11-01T10:00:00Z', reviewedAt });
      world.reviewed.push(
        other(10, ['2026-11-21T09:00:00Z', '2026-11-21T15:00:00Z']), // two reviews on one PR, one day: 1
        other(11, ['2026-11-21T11:00:00Z', '2026-11-24T08:00:00Z']),
        other(12, ['2026-09-01T11:00:00Z']), // outside the range
      );
    });
    afterAll(async () => s?.close());

    it('counts PRs merged and PRs reviewed per day over the default 14 days, zeros included', async () => {
      const r = await s.req('/api/analytics/velocity', { token: s.session });
      expect(r.status).toBe(200);
      const v = (await r.json()) as VelocityDto;
      expect(v).toMatchObject({ from: '2026-11-11', to: '2026-11-24', totals: { merged: 3, reviews: 3 }, truncated: false, rateLimit: { limited: false } });
      expect(v.days).toHaveLength(14);
      const on = (d: string) => v.days.find((x) => x.day === d);
      expect(on('2026-11-20')).toEqual({ day: '2026-11-20', merged: 2, reviews: 0 });
      expect(on('2026-11-21')).toEqual({ day: '2026-11-21', merged: 0, reviews: 2 });
      expect(on('2026-11-23')).toEqual({ day: '2026-11-23', merged: 1, reviews: 0 });
      expect(on('2026-11-24')).toEqual({ day: '2026-11-24', merged: 0, reviews: 1 });
      expect(on('2026-11-11')).toEqual({ day: '2026-11-11', merged: 0, reviews: 0 });
    });

    it('honours an explicit range', async () => {
      const v = (await (await s.req('/api/analytics/velocity?from=2026-11-21&to=2026-11-22', { token: s.session })).json()) as VelocityDto;
      expect(v.days.map((d) => [d.day, d.merged, d.reviews])).toEqual([['2026-11-21', 0, 2], ['2026-11-22', 0, 0]]);
    });

    it('reports a GitHub rate limit instead of failing', async () => {
      world.throttle = { status: 429, times: 1, retryAfter: 45 };
      const r = await s.req('/api/analytics/velocity?from=2026-11-01&to=2026-11-05', { token: s.session });
      expect(r.status).toBe(200);
      expect(r.headers.get('retry-after')).toBe('45');
      expect(await r.json()).toMatchObject({ truncated: true, rateLimit: { limited: true, retryAfterSeconds: 45 } });
      s.clock.advance(46_000);
    });

    it('rejects bad ranges with 400', async () => {
      for (const q of ['from=2026-11-24&to=2026-11-01', 'from=yesterday', 'to=2026-02-30', 'from=2026-01-01&to=2026-11-24']) {
        const r = await s.req(`/api/analytics/velocity?${q}`, { token: s.session });
        expect(r.status, q).toBe(400);
        expect(((await r.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
      }
      expect((await s.req('/api/analytics/velocity')).status).toBe(401);
    });

    it('sums the user’s LLM usage per day', async () => {
      const at = (iso: string) => new Date(iso);
      await s.db.db
        .insertInto('llm_usage')
        .values([
          { user_id: s.userId, provider: 'anthropic', model: 'claude-haiku-4-5', purpose: 'chat', tokens_in: 1000, tokens_out: 200, latency_ms: 800, cost_usd: 0.002, ok: true, created_at: at('2026-11-23T10:00:00Z') },
          { user_id: s.userId, provider: 'anthropic', model: 'claude-haiku-4-5', purpose: 'chat', tokens_in: 500, tokens_out: 100, latency_ms: 700, cost_usd: 0.001, ok: true, created_at: at('2026-11-23T11:00:00Z') },
          { user_id: s.userId, provider: 'anthropic', model: 'claude-haiku-4-5', purpose: 'chat', tokens_in: 0, tokens_out: 0, latency_ms: 30_000, cost_usd: 0, ok: false, created_at: at('2026-11-24T08:00:00Z') },
        ])
        .execute();
      const u = (await (await s.req('/api/analytics/llm-usage', { token: s.session })).json()) as LlmUsageDto;
      expect(u.totals).toMatchObject({ calls: 3, failed: 1, tokensIn: 1500, tokensOut: 300 });
      expect(u.totals.costUsd).toBeCloseTo(0.003, 6);
      expect(u.days.map((d) => [d.day, d.calls])).toEqual([['2026-11-23', 2], ['2026-11-24', 1]]);
      expect((await s.req('/api/analytics/llm-usage?days=0', { token: s.session })).status).toBe(400);
    });
  });
}
