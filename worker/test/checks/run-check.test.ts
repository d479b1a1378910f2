/**
 * The check job's limits against the worker's fake GitHub (issue 16): a PR longer than
 * MAX_CHECK_COMMITS and a check past its time budget finish with a partial report that says why;
 * the commit status is posted; a repeated job for a finished check does nothing. On PGlite and,
 * with TEST_DATABASE_URL, PostgreSQL.
 */
import { Writable } from 'node:stream';
import { createCheck, createLogger, MemoryBus, TokenCipher } from '@tamagitto/db';
import { dbTargets, type TestDb } from '@tamagitto/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerContext } from '../../src/process-delivery.ts';
import { MAX_CHECK_COMMITS, runCheck } from '../../src/checks/run-check.ts';
import { seedAdopter, seedRepo } from '../support/adopters.ts';
import { WorkerFakeGithub } from '../support/fake-github.ts';

const log = createLogger({ level: 'silent', name: 'test', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
const cipher = new TokenCipher('c'.repeat(40));

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`the check job's limits on ${target.name}`, () => {
    let h: TestDb;
    let gh: WorkerFakeGithub;
    let bus: MemoryBus;
    let ctx: WorkerContext;
    beforeAll(async () => {
      h = await target.create();
      gh = await new WorkerFakeGithub().start();
      bus = new MemoryBus();
      ctx = { db: h.db, bus, log, cipher, githubApiUrl: gh.url, now: () => new Date(), random: () => 0.5 };
    });
    afterAll(async () => {
      await bus?.close();
      await gh?.close();
      await h?.close();
    });

    it(`a PR of more than ${MAX_CHECK_COMMITS} commits past the time budget: a partial report that says both, and the status posted`, async () => {
      const { repo, fake } = await seedRepo(h.db, gh, 'long', ['mona']);
      const user = await seedAdopter(h.db, gh, cipher, repo, 'mona', { name: 'long', family: 'robot', species: 'bolt', health: 50 });
      const [base] = gh.push(fake, 1);
      const shas = gh.push(fake, MAX_CHECK_COMMITS + 10);
      gh.addPull(fake, 1, { head: shas.at(-1)!, base: base! });
      const { check } = await createCheck(h.db, { repositoryId: repo.id, prNumber: 1, headSha: shas.at(-1)!, baseSha: base!, requestedBy: user.id });

      await runCheck(ctx, check.id, { budgetMs: 1 });
      const row = await h.db.selectFrom('checks').selectAll().where('id', '=', check.id).executeTakeFirstOrThrow();
      expect(row.status).toBe('done');
      const report = row.report as { partial: boolean; partialReasons: string[]; commits: unknown[] };
      expect(report.partial).toBe(true);
      expect(report.partialReasons).toEqual([`only the first ${MAX_CHECK_COMMITS} of ${MAX_CHECK_COMMITS + 10} commits read`, expect.stringMatching(/^time budget of 0 s reached after 0 of 250 commits$/)]);
      expect(report.commits).toEqual([]);
      expect(row.status_posted).toBe(true);
      expect(gh.statuses).toEqual([expect.objectContaining({ repo: `octo/${fake.name}`, sha: shas.at(-1), context: 'tamagitto/pet', description: expect.stringContaining('partial') })]);

      // A repeated job for a finished check changes nothing and asks GitHub nothing.
      const before = gh.requests.length;
      await runCheck(ctx, check.id);
      expect(gh.requests.length).toBe(before);
      expect((await h.db.selectFrom('checks').select('attempts').where('id', '=', check.id).executeTakeFirstOrThrow()).attempts).toBe(1);
    });
  });
}
