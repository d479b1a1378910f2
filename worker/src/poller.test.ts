/**
 * The poller never loses a commit (issue 14): what it finds is stored in the
 * transaction that moves last_seen_sha, a branch that moved by more than a
 * page is walked back through the compare API, a GitHub outage (even part-way
 * through a walk) moves nothing and ends with every commit stored exactly
 * once, and a revoked adopter token falls back to another adopter's. On PGlite
 * always and PostgreSQL when TEST_DATABASE_URL is set, against the worker's
 * fake GitHub (test/support/fake-github.ts).
 */
import { Writable } from 'node:stream';
import { CHANNELS, createLogger, MemoryBus, TokenCipher, type Repository } from '@tamagitto/db';
import { dbTargets, type TestDb } from '@tamagitto/db/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedAdopter, seedRepo, type Adopter } from '../test/support/adopters.ts';
import { WorkerFakeGithub } from '../test/support/fake-github.ts';
import { newCommits, pollOnce, POLL_PAGE_SIZE } from './poller.ts';
import type { WorkerContext } from './process-delivery.ts';

const at = (sha: string, date: string) => ({ sha, commit: { message: sha, committer: { date } } });
// As GitHub lists a branch: newest first.
const branch = [at('e', '2026-11-24T12:00:00Z'), at('d', '2026-11-24T11:00:00Z'), at('c', '2026-11-23T10:00:00Z'), at('b', '2026-11-20T10:00:00Z'), at('a', '2026-11-19T10:00:00Z')];
const adopted = new Date('2026-11-23T00:00:00Z');

describe('newCommits', () => {
  it.each([
    ['first poll: only commits since adoption, oldest first', null, ['c', 'd', 'e']],
    ['nothing new', 'e', []],
    ['two new since the last seen', 'c', ['d', 'e']],
    ['last seen not on the page (moved further, or force-pushed): the compare API must tell', 'zzz', null],
  ] as const)('%s', (_why, lastSeen, expected) => {
    expect(newCommits(branch, lastSeen, adopted)?.map((c) => c.sha) ?? null).toEqual(expected);
  });

  it('ignores commits without a usable date on the first poll', () => {
    expect(newCommits([{ sha: 'x', commit: { message: 'x', committer: null } }], null, adopted)).toEqual([]);
  });

  it('takes every new commit on the page, not only 20 like a push payload', () => {
    const many = Array.from({ length: 60 }, (_, i) => at(`s${59 - i}`, '2026-11-24T00:00:00Z'));
    expect(newCommits(many, 's0', adopted)?.map((c) => c.sha)).toEqual(Array.from({ length: 59 }, (_, i) => `s${i + 1}`));
  });
});

const log = createLogger({ level: 'silent', name: 'test', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
const cipher = new TokenCipher('p'.repeat(40));
const MIN = 60_000;

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`poller on ${target.name}`, () => {
    let h: TestDb;
    let gh: WorkerFakeGithub;
    let bus: MemoryBus;
    let ctx: WorkerContext;
    let repo: Repository;
    let fake: ReturnType<WorkerFakeGithub['addRepo']>;
    let alice: Adopter;
    let bob: Adopter;
    let clock: number;

    beforeAll(async () => {
      h = await target.create();
      gh = await new WorkerFakeGithub().start();
    });
    afterAll(async () => {
      bus?.close();
      await gh?.close();
      await h?.close();
    });

    beforeEach(async () => {
      await h.db.deleteFrom('entities').execute();
      await h.db.deleteFrom('webhook_deliveries').execute();
      bus?.close();
      bus = new MemoryBus();
      gh.outage = null;
      gh.failWhen = null;
      clock = Date.parse('2026-12-02T00:00:00Z');
      ctx = { db: h.db, bus, log, cipher, githubApiUrl: gh.url, now: () => new Date(clock) };
      ({ repo, fake } = await seedRepo(h.db, gh, 'p', ['alice', 'bob']));
      const mk = (login: string, adoptedAt: string) => seedAdopter(h.db, gh, cipher, repo, login, { created_at: new Date(adoptedAt) });
      gh.push(fake, 3, '2026-11-01T10:00:00Z'); // history from before adoption
      alice = await mk('alice', '2026-11-20T00:00:00Z'); // first adopter: her token is tried first
      bob = await mk('bob', '2026-11-21T00:00:00Z');
    });

    /** One poll as the slot job runs it, five minutes after the last. */
    const poll = (opts: { maxCommits?: number } = {}) => {
      clock += 5 * MIN;
      return pollOnce(ctx, new Date(clock), { minIntervalMs: 0, ...opts });
    };
    const stored = async () =>
      (await h.db.selectFrom('webhook_deliveries').select('delivery_id').where('repository_github_id', '=', repo.github_id).execute()).map((d) => d.delivery_id.replace(`poll-${repo.github_id}-`, ''));
    const state = () => h.db.selectFrom('repositories').select(['last_seen_sha', 'poll_etag']).where('id', '=', repo.id).executeTakeFirstOrThrow();

    it('the first poll sets the baseline without replaying history from before adoption', async () => {
      const after = gh.push(fake, 2, '2026-11-22T10:00:00Z');
      expect(await poll()).toEqual({ polled: 1, notModified: 0, enqueued: 2, failed: 0 });
      expect((await stored()).sort()).toEqual([...after].sort());
      expect((await state()).last_seen_sha).toBe(fake.branch[0]);
      expect(await poll()).toMatchObject({ notModified: 1, enqueued: 0 });
    });

    it(`a branch that moved by 45 commits gives 45 deliveries, each once`, async () => {
      await poll();
      const pushed = gh.push(fake, 45);
      expect(await poll()).toMatchObject({ polled: 1, enqueued: 45, failed: 0 });
      expect((await stored()).sort()).toEqual([...pushed].sort());
      expect(await bus.depth()).toBe(45);
      expect(await state()).toMatchObject({ last_seen_sha: pushed.at(-1) });
      expect(await poll()).toMatchObject({ notModified: 1, enqueued: 0 });
      expect(await stored()).toHaveLength(45);
    });

    it(`more than a page (${POLL_PAGE_SIZE}) since the last poll: walked back through the compare API, every commit once`, async () => {
      await poll();
      const pushed = gh.push(fake, 2 * POLL_PAGE_SIZE + 30);
      const compares = gh.count(/\/compare\//);
      expect(await poll()).toMatchObject({ enqueued: pushed.length, failed: 0 });
      expect(gh.count(/\/compare\//) - compares).toBe(3);
      expect((await stored()).sort()).toEqual([...pushed].sort());
      expect((await state()).last_seen_sha).toBe(pushed.at(-1));
    });

    it('an hour of GitHub answering 502, then a failure part-way through the walk: nothing moves until a poll succeeds, then every commit is stored once', async () => {
      await poll();
      const baseline = await state();
      const pushed = gh.push(fake, POLL_PAGE_SIZE + 80);
      gh.outage = 502;
      for (let i = 0; i < 12; i++) {
        expect(await poll()).toMatchObject({ polled: 1, failed: 1, enqueued: 0 });
        pushed.push(...gh.push(fake, 1)); // work goes on during the outage
      }
      expect(await stored()).toEqual([]);
      expect(await state()).toEqual(baseline);

      // GitHub is back, but fails on the second page of the compare walk: the first page's commits are not stored either.
      gh.outage = null;
      gh.failWhen = (r) => (r.path.includes('/compare/') && r.query.get('page') === '2' ? 502 : null);
      expect(await poll()).toMatchObject({ failed: 1, enqueued: 0 });
      expect(await stored()).toEqual([]);
      expect(await state()).toEqual(baseline);

      gh.failWhen = null;
      expect(await poll()).toMatchObject({ failed: 0, enqueued: pushed.length });
      const ids = await stored();
      expect(ids).toHaveLength(pushed.length);
      expect(new Set(ids)).toEqual(new Set(pushed));
      expect((await state()).last_seen_sha).toBe(pushed.at(-1));
      expect(await poll()).toMatchObject({ notModified: 1, enqueued: 0 });
    });

    it('a range longer than one poll reads is stored oldest first and resumed by the next poll', async () => {
      await poll();
      const pushed = gh.push(fake, POLL_PAGE_SIZE + 50);
      expect(await poll({ maxCommits: 60 })).toMatchObject({ enqueued: 60 });
      expect(await state()).toEqual({ last_seen_sha: pushed[59], poll_etag: null });
      expect(await poll({ maxCommits: 60 })).toMatchObject({ enqueued: pushed.length - 60 });
      expect(new Set(await stored())).toEqual(new Set(pushed));
      expect(await stored()).toHaveLength(pushed.length);
    });

    it('after a force-push, only the rewritten commits are new', async () => {
      const replaced = gh.push(fake, 2);
      expect(await poll()).toMatchObject({ enqueued: 2 });
      gh.reset(fake, 2);
      const rewritten = gh.push(fake, 3);
      expect(await poll()).toMatchObject({ enqueued: 3 });
      expect((await stored()).sort()).toEqual([...replaced, ...rewritten].sort());
      expect((await state()).last_seen_sha).toBe(rewritten.at(-1));
    });

    it('a revoked first adopter’s token: marked rejected, its owner told, the commits read with the other adopter’s', async () => {
      const rejected: unknown[] = [];
      await bus.subscribe(CHANNELS.tokenRejected, (m) => rejected.push(m));
      await poll();
      gh.revoke(alice.token);
      const pushed = gh.push(fake, 4);
      expect(await poll()).toMatchObject({ enqueued: 4, failed: 0 });
      expect((await stored()).sort()).toEqual([...pushed].sort());
      expect(await h.db.selectFrom('users').select('token_rejected_at').where('id', '=', alice.id).executeTakeFirstOrThrow()).toEqual({ token_rejected_at: expect.any(Date) });
      expect(rejected).toEqual([{ userId: alice.id }]);
      expect(gh.requests.filter((r) => r.token === bob.token).length).toBeGreaterThan(0);
    });

    it('no adopter can read it: skipped (each cause recorded), last seen kept', async () => {
      await poll();
      const before = await state();
      gh.revoke(alice.token);
      fake.readers.delete('bob');
      gh.push(fake, 2);
      expect(await poll()).toEqual({ polled: 1, notModified: 0, enqueued: 0, failed: 0 });
      expect(await state()).toEqual(before);
      const lost = await h.db.selectFrom('entities').select('access_lost_at').where('user_id', '=', bob.id).executeTakeFirstOrThrow();
      expect(lost.access_lost_at).toBeInstanceOf(Date);
    });

    it('two polls racing over the same commits store each once', async () => {
      await poll();
      const pushed = gh.push(fake, 5);
      clock += 5 * MIN;
      const [a, b] = await Promise.all([pollOnce(ctx, new Date(clock), { minIntervalMs: 0 }), pollOnce(ctx, new Date(clock), { minIntervalMs: 0 })]);
      expect(a.enqueued + b.enqueued).toBe(5);
      expect((await stored()).sort()).toEqual([...pushed].sort());
    });
  });
}
