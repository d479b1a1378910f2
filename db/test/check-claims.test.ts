/**
 * The PR checks' due queue (db/src/repositories/checks.ts), on PGlite and PostgreSQL: due checks
 * are claimed once even by concurrent claimers (two connections on PostgreSQL), as deliveries'
 * retries are, and a claim the queue refused is due again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../src/create-db.ts';
import { claimDueChecks, createCheck, releaseDueChecks, scheduleCheckRetry, startCheck } from '../src/repositories/checks.ts';
import { upsertRepository } from '../src/repositories/repositories.ts';
import { dbTargets, type TestDb } from '../src/testing/index.ts';

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`check claims on ${target.name}`, () => {
    let h: TestDb;
    beforeAll(async () => {
      h = await target.create();
    });
    afterAll(() => h?.close());
    const t0 = new Date('2026-12-06T12:00:00Z');

    it('claims only what is due, each check once, even with concurrent claimers; a refused claim is due again', async () => {
      const repo = await upsertRepository(h.db, { githubId: 4242, owner: 'o', name: 'checks', language: null, defaultBranch: 'main', private: false });
      const ids: string[] = [];
      for (let pr = 1; pr <= 12; pr++) {
        const { check } = await createCheck(h.db, { repositoryId: repo.id, prNumber: pr, headSha: `${pr}`.padStart(40, 'a'), baseSha: 'b'.repeat(40), requestedBy: null });
        await startCheck(h.db, check.id, t0);
        await scheduleCheckRetry(h.db, check.id, { at: new Date(t0.getTime() + (pr <= 9 ? -1000 : 60_000)), error: 'e' });
        ids.push(check.id);
      }
      const other = h.url ? await createDb({ databaseUrl: h.url, poolSize: 2 }) : null;
      try {
        const claims = await Promise.all([claimDueChecks(h.db, t0, 3), claimDueChecks((other ?? h).db, t0, 3), claimDueChecks(h.db, t0, 100)]);
        const all = claims.flat();
        expect(new Set(all).size).toBe(all.length);
        const rest = await claimDueChecks(h.db, t0, 100);
        expect([...all, ...rest].sort()).toEqual(ids.slice(0, 9).sort());
      } finally {
        await other?.close();
      }
      expect(await claimDueChecks(h.db, t0, 100)).toEqual([]);
      await releaseDueChecks(h.db, ids.slice(0, 2), t0);
      expect((await claimDueChecks(h.db, t0, 100)).sort()).toEqual(ids.slice(0, 2).sort());
    });
  });
}
