/**
 * The PGlite trap: one backend, so a query issued while a
 * transaction is open would run INSIDE it. The dialect's mutex must keep
 * concurrent queries out until the transaction ends.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { dbTargets } from '../src/testing/index.ts';
import { upsertRepository } from '../src/repositories/repositories.ts';

describe('embedded PGlite serialises around transactions', () => {
  it('concurrent queries during a transaction neither see its writes nor get rolled back with it', async () => {
    const h = await dbTargets()[0]!.create();
    try {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let inTx!: () => void;
      const entered = new Promise<void>((r) => (inTx = r));

      // A "worker transaction" that inserts, waits, then rolls back.
      const tx = h.db
        .transaction()
        .execute(async (trx) => {
          await upsertRepository(trx, { githubId: 1, owner: 'a', name: 'tx', language: null, defaultBranch: 'main', private: false });
          inTx();
          await gate;
          throw new Error('roll back');
        })
        .catch((e: Error) => e.message);

      await entered;
      // "API requests" arriving meanwhile: an insert and reads.
      const concurrent = Promise.all([
        upsertRepository(h.db, { githubId: 2, owner: 'a', name: 'outside', language: null, defaultBranch: 'main', private: false }),
        h.db.selectFrom('repositories').select('full_name').execute(),
        sql<{ n: number }>`select count(*)::int as n from repositories`.execute(h.db),
      ]);
      await new Promise((r) => setTimeout(r, 100));
      release();
      expect(await tx).toBe('roll back');
      const [, seen, count] = await concurrent;
      // They ran after the transaction: its row is gone and never visible to them.
      expect(seen.map((r) => r.full_name)).toEqual(['a/outside']);
      expect(count.rows[0]!.n).toBe(1);
      // And the outside insert survived the rollback.
      const after = await h.db.selectFrom('repositories').select('full_name').execute();
      expect(after.map((r) => r.full_name)).toEqual(['a/outside']);
    } finally {
      await h.close();
    }
  });
});
