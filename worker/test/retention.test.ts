/**
 * Delivery retention (src/retention.ts, issue 15) on PGlite and, when
 * TEST_DATABASE_URL is set, PostgreSQL: finished deliveries past the retention
 * are deleted in batches; unfinished ones (received, queued, retrying) never,
 * however old; recent ones stay.
 */
import { Writable } from 'node:stream';
import { createLogger, insertDeliveries, type DeliveryStatus } from '@tamagitto/db';
import { dbTargets, type TestDb } from '@tamagitto/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneDeliveries, startRetention } from '../src/retention.ts';
import { readWorkerEnv } from '../src/env.ts';

const DAY = 24 * 3600_000;
const STATUSES: DeliveryStatus[] = ['received', 'queued', 'retrying', 'processed', 'ignored', 'failed'];

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`delivery retention on ${target.name}`, () => {
    let h: TestDb;
    beforeAll(async () => {
      h = await target.create();
    });
    afterAll(async () => h?.close());

    /** One delivery per status, received `ageDays` ago; ids say which. */
    async function seed(tag: string, ageDays: number, copies = 1): Promise<void> {
      const rows = STATUSES.flatMap((status) =>
        Array.from({ length: copies }, (_, i) => ({ deliveryId: `${tag}-${status}-${i}`, event: 'push', action: null, repositoryGithubId: 1, repositoryFullName: 'o/r', payload: '{}', status })),
      );
      await insertDeliveries(h.db, rows);
      // received_at is set by the database only; the test moves it back in time.
      await sql`update webhook_deliveries set received_at = ${new Date(Date.now() - ageDays * DAY)} where delivery_id like ${`${tag}-%`}`.execute(h.db);
    }
    const ids = async (tag: string) =>
      (await h.db.selectFrom('webhook_deliveries').select('delivery_id').where('delivery_id', 'like', `${tag}-%`).orderBy('delivery_id').execute()).map((r) => r.delivery_id);

    it('deletes finished deliveries past the retention, in batches, and never unfinished ones', async () => {
      await seed('old', 20, 5);
      await seed('new', 2);
      const deleted = await pruneDeliveries(h.db, new Date(Date.now() - 14 * DAY), 2);
      expect(deleted).toBe(15);
      const left = await ids('old');
      expect(left).toHaveLength(15);
      expect(new Set(left.map((id) => id.split('-')[1]))).toEqual(new Set(['received', 'queued', 'retrying']));
      expect(await ids('new')).toHaveLength(STATUSES.length);
      expect(await pruneDeliveries(h.db, new Date(Date.now() - 14 * DAY))).toBe(0);
    });

    it('the worker timer prunes at start with the configured days, and stops cleanly', async () => {
      await seed('timer', 8);
      const log = createLogger({ level: 'silent', name: 'test', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
      const keep = startRetention({ db: h.db, log, now: () => new Date() }, { days: 10 });
      await keep.stop();
      expect(await ids('timer')).toHaveLength(STATUSES.length);
      const prune = startRetention({ db: h.db, log, now: () => new Date() }, { days: 7 });
      await prune.stop();
      expect((await ids('timer')).map((id) => id.split('-')[1]).sort()).toEqual(['queued', 'received', 'retrying']);
    });
  });
}

describe('WEBHOOK_RETENTION_DAYS', () => {
  const base = { TOKEN_ENCRYPTION_KEY: 'k'.repeat(40), DATABASE_URL: 'postgres://x/y' };
  it('defaults to 14 days and is validated', () => {
    expect(readWorkerEnv(base).WEBHOOK_RETENTION_DAYS).toBe(14);
    expect(readWorkerEnv({ ...base, WEBHOOK_RETENTION_DAYS: '30' }).WEBHOOK_RETENTION_DAYS).toBe(30);
    expect(() => readWorkerEnv({ ...base, WEBHOOK_RETENTION_DAYS: '0' })).toThrow(/WEBHOOK_RETENTION_DAYS/);
    expect(() => readWorkerEnv({ ...base, WEBHOOK_RETENTION_DAYS: 'two weeks' })).toThrow(/WEBHOOK_RETENTION_DAYS/);
  });
});
