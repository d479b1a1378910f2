/**
 * GET /api/github/queue and /recommendations on the real server against the
 * fake GitHub: direct vs team requests, CI/approvals on own PRs, ETag reuse,
 * and a rate limit reported in the answer instead of failing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueDto, RecommendationsDto } from '@tamagitto/domain';
import { scoreItem } from '../../src/queue/queue-score.ts';
import { stackTargets } from '../support/index.ts';
import { coachStack, DAY, HOUR, installQueueFake, type CoachStack, type QueueWorld } from './support/index.ts';

for (const target of stackTargets()) {
  describe.skipIf(target.skip)(`work queue on ${target.name}`, () => {
    let s: CoachStack;
    let world: QueueWorld;
    beforeAll(async () => {
      s = await coachStack(target);
      world = installQueueFake(s.github, s.login);
      world.now = () => s.clock.t;
      const ago = (ms: number) => new Date(s.clock.t - ms).toISOString();
      world.reviewRequests.push(
        { repo: 'acme/api', number: 11, title: 'Fix typo in README', author: 'hubot', createdAt: ago(3 * HOUR), additions: 3, deletions: 1, ci: 'success' },
        { repo: 'acme/api', number: 12, title: 'Rewrite the billing engine', author: 'monalisa', createdAt: ago(5 * DAY), additions: 1400, deletions: 600, ci: 'pending' },
        { repo: 'acme/web', number: 7, title: 'Team: bump deps', author: 'dependabot', createdAt: ago(1 * DAY), additions: 40, deletions: 40, ci: 'failure', team: true },
      );
      world.own.push(
        { repo: 'acme/api', number: 20, title: 'Add rate limiter', author: s.login, createdAt: ago(2 * DAY), additions: 120, deletions: 10, ci: 'success', reviews: [{ user: 'hubot', state: 'APPROVED' }] },
        { repo: 'acme/api', number: 21, title: 'WIP: new cache', author: s.login, createdAt: ago(1 * DAY), additions: 300, deletions: 0, ci: 'pending', draft: true },
        { repo: 'acme/web', number: 8, title: 'Refactor forms', author: s.login, createdAt: ago(3 * DAY), additions: 200, deletions: 50, ci: 'failure', reviews: [{ user: 'hubot', state: 'APPROVED' }, { user: 'monalisa', state: 'CHANGES_REQUESTED' }] },
      );
      world.issues.push({ repo: 'acme/api', number: 30, title: 'Crash on empty input', author: 'hubot', createdAt: ago(4 * DAY), labels: ['bug'] });
    });
    afterAll(async () => s?.close());

    it('lists direct and team review requests, own PRs with CI and reviews, and assigned issues, each scored', async () => {
      const r = await s.req('/api/github/queue', { token: s.session });
      expect(r.status).toBe(200);
      const q = (await r.json()) as QueueDto;
      expect(q.stale).toBe(false);
      expect(q.rateLimit).toMatchObject({ limited: false, remaining: 4999, limit: 5000 });
      const byId = new Map([...q.reviewRequests, ...q.ownPullRequests, ...q.assignedIssues].map((i) => [i.id, i]));
      expect(byId.get('acme/api#11')!.factors).toMatchObject({ request: 'direct', sizeLines: 4, ci: 'success', estimatedReviewMinutes: 5, waitingHours: 3 });
      expect(byId.get('acme/web#7')!.factors).toMatchObject({ request: 'team', ci: 'failure' });
      expect(byId.get('acme/api#12')!.factors).toMatchObject({ request: 'direct', sizeLines: 2000, ci: 'pending', estimatedReviewMinutes: 400 });
      expect(byId.get('acme/api#20')!.factors).toMatchObject({ approvals: 1, changesRequested: false, ci: 'success', request: null });
      expect(byId.get('acme/api#21')!.factors).toMatchObject({ draft: true, ci: 'pending' });
      expect(byId.get('acme/web#8')!.factors).toMatchObject({ approvals: 1, changesRequested: true, ci: 'failure' });
      expect(q.assignedIssues[0]).toMatchObject({ id: 'acme/api#30', kind: 'assigned_issue', author: 'hubot' });
      for (const i of byId.values()) {
        expect(i.confidence_score).toBe(scoreItem(i.kind, i.factors).score);
        expect(i.breakdown.length).toBeGreaterThanOrEqual(4);
      }
      // Each list is ordered by score.
      expect(q.reviewRequests.map((i) => i.id)).toEqual(['acme/api#11', 'acme/web#7', 'acme/api#12']);
    });

    it('a refresh of an unchanged queue is answered by 304s (conditional requests)', async () => {
      const before = { ...world.stats };
      const r = await s.req('/api/github/queue', { token: s.session });
      expect(r.status).toBe(200);
      const made = world.stats.requests - before.requests;
      expect(made).toBeGreaterThan(10);
      expect(world.stats.notModified - before.notModified).toBe(made);
      expect(s.github.requests.filter((x) => x.path === '/search/issues').at(-1)!.headers['if-none-match']).toMatch(/^W\//);
      const q = (await r.json()) as QueueDto;
      expect(q.reviewRequests).toHaveLength(3);
    });

    it('recommends the top 3 by the math-test sort, each with a one-line reason', async () => {
      const r = await s.req('/api/github/queue/recommendations', { token: s.session });
      expect(r.status).toBe(200);
      const rec = (await r.json()) as RecommendationsDto;
      expect(rec.items).toHaveLength(3);
      expect(rec.items.map((x) => [x.item.id, x.pass])).toEqual([
        ['acme/api#11', 'confidence'], // 4 lines, green, direct
        ['acme/api#20', 'confidence'], // own PR, approved, green: only the merge is left
        ['acme/api#12', 'waiting'], // too big to be sure of, but monalisa has waited 5 days (team #7 waited 1)
      ]);
      expect(rec.items[0]!.reason).toMatch(/^Quick win: 4 lines, ~5 min, CI success, asked of you directly/);
      expect(rec.items[1]!.reason).toBe('Ready to land: approved, CI green — merge acme/api#20 first');
      expect(rec.items[2]!.reason).toBe('monalisa has waited 5 days for your review');
      for (const x of rec.items) expect(x.reason).not.toContain('\n');
    });

    it('a GitHub rate limit (403, remaining 0) is reported with retry-after, serving the last queue, and GitHub is not called again until reset', async () => {
      world.stats.requests = 0;
      world.throttle = { status: 403, times: 1, retryAfter: 120 };
      const r = await s.req('/api/github/queue', { token: s.session });
      expect(r.status).toBe(200);
      expect(r.headers.get('retry-after')).toBe('120');
      const q = (await r.json()) as QueueDto;
      expect(q.rateLimit).toMatchObject({ limited: true, retryAfterSeconds: 120, remaining: 0 });
      expect(q.rateLimit.message).toMatch(/slow down/);
      expect(q.stale).toBe(true);
      expect(q.reviewRequests).toHaveLength(3);
      // Within the back-off window nothing is sent to GitHub.
      s.clock.advance(60_000);
      const again = (await (await s.req('/api/github/queue/recommendations', { token: s.session })).json()) as RecommendationsDto;
      expect(again.rateLimit).toMatchObject({ limited: true, retryAfterSeconds: 60 });
      expect(again.items).toHaveLength(3);
      expect(world.stats.requests).toBe(1);
      // After the reset, it recovers.
      s.clock.advance(61_000);
      const ok = (await (await s.req('/api/github/queue', { token: s.session })).json()) as QueueDto;
      expect(ok.rateLimit.limited).toBe(false);
      expect(ok.stale).toBe(false);
    });

    it('a 429 with retry-after (secondary limit) is reported the same way', async () => {
      world.throttle = { status: 429, times: 1, retryAfter: 30 };
      const r = await s.req('/api/github/queue', { token: s.session });
      expect(r.status).toBe(200);
      expect(((await r.json()) as QueueDto).rateLimit).toMatchObject({ limited: true, retryAfterSeconds: 30 });
      s.clock.advance(31_000);
    });

    it('needs a session', async () => {
      expect((await s.req('/api/github/queue')).status).toBe(401);
      expect((await s.req('/api/github/queue/recommendations', { token: 'nope' })).status).toBe(401);
    });
  });
}
