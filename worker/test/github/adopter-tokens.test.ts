/**
 * withAdopterToken against a real database (PGlite always, PostgreSQL when
 * TEST_DATABASE_URL is set) and a fake GitHub on 127.0.0.1: a revoked token
 * is marked and skipped for the next adopter's, a 404 for one adopter marks
 * their pet's lost access (cleared when it works again), and GitHub's own
 * trouble is never blamed on a token.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import {
  CHANNELS,
  createLogger,
  MemoryBus,
  TokenCipher,
  upsertUser,
  type AccessChangedMessage,
  type Repository,
  type TokenRejectedMessage,
} from '@tamagitto/db';
import { dbTargets, type TestDb } from '@tamagitto/db/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adopterTokens, NoUsableTokenError, withAdopterToken, type TokenContext } from '../../src/github/adopter-tokens.ts';
import { seedAdopter, seedRepo, type Adopter } from '../support/adopters.ts';
import { WorkerFakeGithub } from '../support/fake-github.ts';

const log = createLogger({ level: 'silent', name: 'test', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
const cipher = new TokenCipher('k'.repeat(40));

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`withAdopterToken on ${target.name}`, () => {
    let h: TestDb;
    let gh: WorkerFakeGithub;
    let bus: MemoryBus;
    let ctx: TokenContext;
    let repo: Repository;
    let fakeRepo: ReturnType<WorkerFakeGithub['addRepo']>;
    let published: { channel: string; message: unknown }[];
    const users: Record<'alice' | 'bob' | 'carol', Adopter> = {} as never;

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
      bus?.close();
      bus = new MemoryBus();
      published = [];
      for (const channel of [CHANNELS.tokenRejected, CHANNELS.accessChanged]) await bus.subscribe(channel, (message) => published.push({ channel, message }));
      ctx = { db: h.db, bus, log, cipher, githubApiUrl: gh.url, now: () => new Date() };
      ({ repo, fake: fakeRepo } = await seedRepo(h.db, gh, 'r', ['alice', 'bob']));
      gh.push(fakeRepo, 1);
      for (const login of ['alice', 'bob', 'carol'] as const) users[login] = await seedAdopter(h.db, gh, cipher, repo, login);
    });

    const listCommits = (octokit: Parameters<Parameters<typeof withAdopterToken>[3]>[0]) =>
      octokit.request('GET /repos/{owner}/{repo}/commits', { owner: 'octo', repo: repo.name }).then((r) => r.data.length);
    const user = (id: string) => h.db.selectFrom('users').select(['token_rejected_at', 'token_rejected_reason']).where('id', '=', id).executeTakeFirstOrThrow();
    const pet = (id: string) => h.db.selectFrom('entities').select(['access_checked_at', 'access_lost_at']).where('id', '=', id).executeTakeFirstOrThrow();
    const requestsWith = (token: string) => gh.requests.filter((r) => r.token === token).length;

    it('a series of reads (every commit of a push) asks GitHub once with a revoked token, and looks up the tokens once', async () => {
      gh.revoke(users.alice.token);
      const tokens = adopterTokens(ctx, repo, [users.alice.id, users.bob.id]);
      const used: string[] = [];
      for (let i = 0; i < 3; i++) {
        expect(await tokens.run(async (octokit, userId) => (used.push(userId), listCommits(octokit)))).toBe(1);
      }
      expect(used).toEqual([users.alice.id, users.bob.id, users.bob.id, users.bob.id]);
      expect(requestsWith(users.alice.token)).toBe(1);
      expect(requestsWith(users.bob.token)).toBe(3);
      expect(published).toEqual([{ channel: CHANNELS.tokenRejected, message: { userId: users.alice.id } satisfies TokenRejectedMessage }]);
      // Later reads in the series skip the rejected adopter without asking the database again.
      gh.revoke(users.bob.token);
      await expect(tokens.run(listCommits)).rejects.toMatchObject({ name: 'NoUsableTokenError' });
      expect(requestsWith(users.alice.token)).toBe(1);
    });

    it('a revoked token is marked rejected, its owner told, and the next adopter reads GitHub', async () => {
      gh.revoke(users.alice.token);
      const used: string[] = [];
      const n = await withAdopterToken(ctx, repo, [users.alice.id, users.bob.id], async (octokit, userId) => {
        used.push(userId);
        return listCommits(octokit);
      });
      expect(n).toBe(1);
      expect(used).toEqual([users.alice.id, users.bob.id]);
      expect(await user(users.alice.id)).toMatchObject({ token_rejected_at: expect.any(Date), token_rejected_reason: expect.stringContaining('401') });
      expect(await user(users.bob.id)).toMatchObject({ token_rejected_at: null });
      expect(published).toEqual([{ channel: CHANNELS.tokenRejected, message: { userId: users.alice.id } satisfies TokenRejectedMessage }]);
      expect((await pet(users.bob.petId)).access_checked_at).toBeInstanceOf(Date);
      expect((await pet(users.alice.petId)).access_lost_at).toBeNull(); // a dead token says nothing about access

      // Marked: the next call does not try the rejected token at all, and nothing is published again.
      const before = requestsWith(users.alice.token);
      await withAdopterToken(ctx, repo, [users.alice.id, users.bob.id], listCommits);
      expect(requestsWith(users.alice.token)).toBe(before);
      expect(published).toHaveLength(1);

      // Signing in again (the sign-in upsert) clears the mark.
      const row = await h.db.selectFrom('users').select(['github_id', 'login']).where('id', '=', users.alice.id).executeTakeFirstOrThrow();
      const fresh = `ghp_alice_${randomUUID()}`;
      gh.addUser('alice', fresh);
      await upsertUser(h.db, { githubId: Number(row.github_id), login: row.login, name: null, avatarUrl: null }, { encrypted: cipher.encrypt(fresh), scopes: 'repo' });
      expect(await user(users.alice.id)).toEqual({ token_rejected_at: null, token_rejected_reason: null });
      const again: string[] = [];
      await withAdopterToken(ctx, repo, [users.alice.id, users.bob.id], async (o, userId) => (again.push(userId), listCommits(o)));
      expect(again).toEqual([users.alice.id]);
    });

    it('a 404 marks that adopter’s pet as having lost access, tries the next, and clears it once access is back', async () => {
      const used: string[] = [];
      await withAdopterToken(ctx, repo, [users.carol.id, users.bob.id], async (o, userId) => (used.push(userId), listCommits(o)));
      expect(used).toEqual([users.carol.id, users.bob.id]);
      const lost = await pet(users.carol.petId);
      expect(lost.access_lost_at).toBeInstanceOf(Date);
      expect(lost.access_checked_at).toBeInstanceOf(Date);
      expect((await pet(users.bob.petId)).access_lost_at).toBeNull();
      expect(await user(users.carol.id)).toMatchObject({ token_rejected_at: null });
      expect(published).toEqual([{ channel: CHANNELS.accessChanged, message: { userId: users.carol.id, entityId: users.carol.petId, lost: true } satisfies AccessChangedMessage }]);

      // Known lost: tried after the others, and not published again while still lost.
      const order: string[] = [];
      await withAdopterToken(ctx, repo, [users.carol.id, users.bob.id], async (o, userId) => (order.push(userId), listCommits(o)));
      expect(order).toEqual([users.bob.id]);
      expect((await pet(users.carol.petId)).access_lost_at).toEqual(lost.access_lost_at);

      fakeRepo.readers.add('carol');
      await withAdopterToken(ctx, repo, [users.carol.id], listCommits);
      expect(await pet(users.carol.petId)).toMatchObject({ access_lost_at: null, access_checked_at: expect.any(Date) });
      expect(published.at(-1)).toEqual({ channel: CHANNELS.accessChanged, message: { userId: users.carol.id, entityId: users.carol.petId, lost: false } });
      expect(published).toHaveLength(2);
    });

    it('a 404 for something other than the repository (a commit force-pushed away) is the caller’s, not lost access', async () => {
      const err = await withAdopterToken(ctx, repo, [users.bob.id, users.alice.id], (o) =>
        o.request('GET /repos/{owner}/{repo}/compare/{basehead}', { owner: 'octo', repo: repo.name, basehead: `${'a'.repeat(40)}...${'b'.repeat(40)}` }),
      ).catch((e: unknown) => e);
      expect(err).toMatchObject({ status: 404 });
      expect(await pet(users.bob.petId)).toMatchObject({ access_lost_at: null });
      expect(gh.requests.filter((r) => r.token === users.alice.token)).toHaveLength(0);
      expect(published).toEqual([]);
    });

    it.each([
      ['a 502', { status: 502 }],
      ['a rate-limit 403 (x-ratelimit-remaining: 0)', { status: 403, headers: { 'x-ratelimit-remaining': '0' }, message: 'API rate limit exceeded for user ID 1.' }],
      ['a secondary rate limit 403 (retry-after)', { status: 403, headers: { 'retry-after': '60' } }],
      ['a 429', { status: 429, headers: { 'retry-after': '1' } }],
    ])('%s is GitHub trouble: rethrown, nothing marked, no other token tried', async (_why, answer) => {
      gh.tokenStatus.set(users.bob.token, answer);
      try {
        const err = await withAdopterToken(ctx, repo, [users.bob.id, users.alice.id], listCommits).catch((e: unknown) => e);
        expect(err).toMatchObject({ status: answer.status });
        expect(err).not.toBeInstanceOf(NoUsableTokenError);
      } finally {
        gh.tokenStatus.delete(users.bob.token);
      }
      expect(await user(users.bob.id)).toMatchObject({ token_rejected_at: null });
      expect(await pet(users.bob.petId)).toMatchObject({ access_lost_at: null });
      expect(requestsWith(users.alice.token)).toBe(0);
      expect(published).toEqual([]);
    });

    it('a plain 403 (no rate limit) is lost access for that adopter', async () => {
      gh.tokenStatus.set(users.bob.token, { status: 403, message: 'Resource not accessible by personal access token' });
      try {
        await withAdopterToken(ctx, repo, [users.bob.id, users.alice.id], listCommits);
      } finally {
        gh.tokenStatus.delete(users.bob.token);
      }
      expect((await pet(users.bob.petId)).access_lost_at).toBeInstanceOf(Date);
      expect((await pet(users.alice.petId)).access_lost_at).toBeNull();
    });

    it('no usable token: a typed error with each adopter’s reason, and fn never runs with a bad key’s token', async () => {
      gh.revoke(users.alice.token);
      const other = new TokenCipher('z'.repeat(40));
      await h.db.updateTable('users').set({ token_encrypted: other.encrypt(users.bob.token) }).where('id', '=', users.bob.id).execute();
      const noToken = await upsertUser(h.db, { githubId: Math.floor(Math.random() * 1e9), login: `d${randomUUID().slice(0, 6)}`, name: null, avatarUrl: null }, { encrypted: 'x', scopes: null });
      await h.db.updateTable('users').set({ token_encrypted: null }).where('id', '=', noToken.id).execute();
      const err = await withAdopterToken(ctx, repo, [users.alice.id, users.bob.id, users.carol.id, noToken.id, users.alice.id], listCommits).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NoUsableTokenError);
      expect((err as Error).message).toBe('no adopter has a usable GitHub token: sign in again');
      expect((err as NoUsableTokenError).reasons).toEqual([
        { userId: users.alice.id, reason: 'rejected' },
        { userId: users.bob.id, reason: 'undecryptable' },
        { userId: users.carol.id, reason: 'access-lost' },
        { userId: noToken.id, reason: 'no-token' },
      ]);
      expect(requestsWith(users.bob.token)).toBe(0);
      expect(await withAdopterToken(ctx, repo, [], listCommits).catch((e: unknown) => e)).toBeInstanceOf(NoUsableTokenError);
    });
  });
}
