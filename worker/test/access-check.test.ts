/**
 * The daily access re-check (issue 15) against a real database (PGlite
 * always, PostgreSQL when TEST_DATABASE_URL is set) and the worker's fake
 * GitHub: each adopter's own token reads the repository once a day; lost
 * access is recorded and published, and cleared when it returns; a revoked
 * token is marked; GitHub's trouble changes nothing.
 */
import { Writable } from 'node:stream';
import { CHANNELS, createLogger, MemoryBus, TokenCipher, type Repository } from '@tamagitto/db';
import { dbTargets, type TestDb } from '@tamagitto/db/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkAccessOnce, startAccessCheck } from '../src/access-check.ts';
import type { TokenContext } from '../src/github/adopter-tokens.ts';
import { seedAdopter, seedRepo, type Adopter } from './support/adopters.ts';
import { WorkerFakeGithub } from './support/fake-github.ts';

const log = createLogger({ level: 'silent', name: 'test', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
const cipher = new TokenCipher('a'.repeat(40));
const H = 3600_000;

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`access check on ${target.name}`, () => {
    let h: TestDb;
    let gh: WorkerFakeGithub;
    let bus: MemoryBus;
    let ctx: TokenContext;
    let repo: Repository;
    let fake: ReturnType<WorkerFakeGithub['addRepo']>;
    let published: { channel: string; message: unknown }[];
    let clock: number;
    const u: Record<string, Adopter> = {};

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
      await h.db.deleteFrom('jobs').execute();
      bus?.close();
      bus = new MemoryBus();
      published = [];
      for (const channel of [CHANNELS.tokenRejected, CHANNELS.accessChanged]) await bus.subscribe(channel, (message) => published.push({ channel, message }));
      clock = Date.parse('2026-12-03T08:00:00Z');
      ctx = { db: h.db, bus, log, cipher, githubApiUrl: gh.url, now: () => new Date(clock) };
      ({ repo, fake } = await seedRepo(h.db, gh, 'a', ['reader'], 'Go'));
      for (const login of ['reader', 'outsider', 'revoked', 'signedOut']) u[login] = await seedAdopter(h.db, gh, cipher, repo, login, { family: 'robot', species: 'bolt' });
      gh.revoke(u.revoked!.token);
      await h.db.updateTable('users').set({ token_encrypted: null }).where('id', '=', u.signedOut!.id).execute();
    });

    const pet = (login: string) => h.db.selectFrom('entities').select(['access_checked_at', 'access_lost_at']).where('id', '=', u[login]!.petId).executeTakeFirstOrThrow();
    const requestsSince = (n: number) => gh.requests.slice(n);

    it('checks each pet with its adopter’s own token: kept, lost, rejected; signed-out adopters are not checked', async () => {
      const n = gh.requests.length;
      expect(await checkAccessOnce(ctx)).toEqual({ checked: 3, ok: 1, lost: 1, rejected: 1, failed: 0 });
      const asked = requestsSince(n);
      expect(asked.map((r) => r.path)).toEqual(Array(3).fill(`/repos/octo/${repo.name}`));
      expect(new Set(asked.map((r) => r.token))).toEqual(new Set([u.reader!.token, u.outsider!.token, u.revoked!.token]));

      expect(await pet('reader')).toEqual({ access_checked_at: new Date(clock), access_lost_at: null });
      expect(await pet('outsider')).toEqual({ access_checked_at: new Date(clock), access_lost_at: new Date(clock) });
      expect(await pet('revoked')).toEqual({ access_checked_at: null, access_lost_at: null });
      expect(await pet('signedOut')).toEqual({ access_checked_at: null, access_lost_at: null });
      const revoked = await h.db.selectFrom('users').select(['token_rejected_at', 'token_rejected_reason']).where('id', '=', u.revoked!.id).executeTakeFirstOrThrow();
      expect(revoked).toEqual({ token_rejected_at: new Date(clock), token_rejected_reason: expect.stringContaining('401') });
      expect(published).toEqual(
        expect.arrayContaining([
          { channel: CHANNELS.accessChanged, message: { userId: u.outsider!.id, entityId: u.outsider!.petId, lost: true } },
          { channel: CHANNELS.tokenRejected, message: { userId: u.revoked!.id } },
        ]),
      );
      expect(published).toHaveLength(2);

      // Once a day: an hour later nothing is due, and the rejected token is not tried again.
      clock += H;
      const m = gh.requests.length;
      expect(await checkAccessOnce(ctx)).toEqual({ checked: 0, ok: 0, lost: 0, rejected: 0, failed: 0 });
      expect(gh.requests.length).toBe(m);

      // A day later the outsider was given access: cleared and published.
      fake.readers.add('outsider');
      clock += 24 * H;
      expect(await checkAccessOnce(ctx)).toMatchObject({ checked: 2, ok: 2, lost: 0 });
      expect(await pet('outsider')).toEqual({ access_checked_at: new Date(clock), access_lost_at: null });
      expect(published.at(-1)).toEqual({ channel: CHANNELS.accessChanged, message: { userId: u.outsider!.id, entityId: u.outsider!.petId, lost: false } });
    });

    it('GitHub failing changes nothing, and the pets stay due for the next run', async () => {
      gh.outage = 502;
      try {
        expect(await checkAccessOnce(ctx)).toEqual({ checked: 3, ok: 0, lost: 0, rejected: 0, failed: 3 });
      } finally {
        gh.outage = null;
      }
      for (const login of ['reader', 'outsider', 'revoked']) expect(await pet(login)).toEqual({ access_checked_at: null, access_lost_at: null });
      expect(published).toEqual([]);
      expect(await checkAccessOnce(ctx)).toMatchObject({ checked: 3, failed: 0 });
    });

    it('a rate limit ends the run without blaming anyone', async () => {
      const limited = { status: 403, headers: { 'x-ratelimit-remaining': '0' }, message: 'API rate limit exceeded' };
      gh.tokenStatus.set(u.reader!.token, limited);
      gh.tokenStatus.set(u.outsider!.token, limited);
      gh.tokenStatus.set(u.revoked!.token, limited);
      const n = gh.requests.length;
      try {
        expect(await checkAccessOnce(ctx)).toMatchObject({ ok: 0, lost: 0, rejected: 0, failed: 1 });
      } finally {
        gh.tokenStatus.clear();
      }
      expect(gh.requests.length - n).toBe(1);
      expect(published).toEqual([]);
    });

    it('runs once per slot across workers', async () => {
      const a = startAccessCheck(ctx, { name: 'a', intervalMs: 24 * H });
      const b = startAccessCheck(ctx, { name: 'b', intervalMs: 24 * H });
      try {
        // The first tick each job schedules at start may already have run the slot: then both ticks find it taken.
        const ran = [await a.tick(), await b.tick()];
        expect(ran.filter(Boolean).length).toBeLessThanOrEqual(1);
        expect(await pet('reader')).toMatchObject({ access_checked_at: new Date(clock) });
        expect(await h.db.selectFrom('jobs').select('kind').where('kind', '=', 'access-check').execute()).toHaveLength(1);
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
    });
  });
}
