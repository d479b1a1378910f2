import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateDownAll, migrateToLatest } from '../src/migrate.ts';
import { dbTargets } from '../src/testing/index.ts';

const TABLES = [
  'api_keys', 'badges', 'checks', 'coaching_profiles', 'commit_analyses', 'conversations', 'daily_puzzles', 'day_sessions', 'entities', 'health_history',
  'jobs', 'live_events', 'llm_usage', 'pet_portraits', 'puzzle_attempts', 'repositories', 'sessions', 'users', 'webhook_deliveries', 'work_blocks',
];

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`migrations on ${target.name}`, () => {
    it('creates every table, reverts every one, and applies again', async () => {
      const h = await target.create();
      try {
        const tables = async () =>
          (
            await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_name not like 'kysely_%' order by table_name`.execute(h.db)
          ).rows.map((r) => r.table_name);
        expect(await tables()).toEqual(TABLES);
        await migrateDownAll(h.db);
        expect(await tables()).toEqual([]);
        const again = await migrateToLatest(h.db);
        expect(again.every((r) => r.status === 'Success')).toBe(true);
        expect(await tables()).toEqual(TABLES);
        // A second run is a no-op.
        expect(await migrateToLatest(h.db)).toEqual([]);
      } finally {
        await h.close();
      }
    });
  });
}
