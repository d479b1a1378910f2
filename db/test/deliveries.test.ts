import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryWriter, insertDeliveries, type IncomingDelivery } from '../src/repositories/deliveries.ts';
import { dbTargets, type TestDb } from '../src/testing/index.ts';

const delivery = (id: string, over: Partial<IncomingDelivery> = {}): IncomingDelivery => ({
  deliveryId: id,
  event: 'push',
  action: null,
  repositoryGithubId: 1,
  repositoryFullName: 'octo/hello',
  payload: JSON.stringify({ id }),
  status: 'queued',
  ...over,
});

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`webhook delivery writes on ${target.name}`, () => {
    let h: TestDb;
    beforeAll(async () => {
      h = await target.create();
    });
    afterAll(() => h?.close());

    const read = (id: string) => h.db.selectFrom('webhook_deliveries').selectAll().where('delivery_id', '=', id).executeTakeFirstOrThrow();

    it(`uses ${target.name === 'postgres' ? 'the prepared unnest statement' : 'the multi-row insert'} and stores every column exactly`, async () => {
      const write = deliveryWriter(h);
      // Bytes that must survive: odd spacing, multi-byte UTF-8, an escaped NUL, quotes and backslashes.
      const payload = '{ "ref" :"refs/heads/main",\n  "msg": "naïve café — 🐣 \\u0000 \\"q\\" \\\\" }';
      const big = 2 ** 40 + 7;
      const inserted = await write([
        delivery('w-1', { payload, action: 'opened', repositoryGithubId: big, repositoryFullName: 'ÿ/ünïcode' }),
        delivery('w-2', { action: null, repositoryGithubId: null, repositoryFullName: null, status: 'ignored', event: 'star' }),
        delivery('w-3', { payload: '' + '[]'.padEnd(70_000, ' ') }),
      ]);
      expect([...inserted].sort()).toEqual(['w-1', 'w-2', 'w-3']);
      const one = await read('w-1');
      expect(one).toMatchObject({ event: 'push', action: 'opened', repository_github_id: big, repository_full_name: 'ÿ/ünïcode', payload, status: 'queued' });
      const two = await read('w-2');
      expect(two).toMatchObject({ event: 'star', action: null, repository_github_id: null, repository_full_name: null, status: 'ignored' });
      expect((await read('w-3')).payload).toHaveLength(70_000);
      if (target.name === 'postgres') expect(h.pgPool).toBeDefined();
    });

    it('skips repeats, across batches and against the other insert path, and reports only the new ids', async () => {
      const write = deliveryWriter(h);
      await write([delivery('r-1')]);
      expect(await write([delivery('r-1', { payload: '{"second":true}' }), delivery('r-2')])).toEqual(new Set(['r-2']));
      expect(await insertDeliveries(h.db, [delivery('r-2'), delivery('r-3')])).toEqual(new Set(['r-3']));
      expect(await write([delivery('r-3'), delivery('r-4')])).toEqual(new Set(['r-4']));
      expect((await read('r-1')).payload).toBe('{"id":"r-1"}');
      expect(await write([])).toEqual(new Set());
      // The same id twice in one batch: stored once.
      expect(await write([delivery('r-5'), delivery('r-5', { payload: '{"twice":true}' })])).toEqual(new Set(['r-5']));
      expect((await read('r-5')).payload).toBe('{"id":"r-5"}');
    });

    it('a failure other than a repeat rejects the whole batch and stores none of it', async () => {
      const write = deliveryWriter(h);
      await expect(write([delivery('f-1'), delivery('f-2', { event: null as unknown as string })])).rejects.toMatchObject({ code: '23502' });
      const left = await h.db.selectFrom('webhook_deliveries').select('delivery_id').where('delivery_id', 'like', 'f-%').execute();
      expect(left).toEqual([]);
    });

    // PGlite has no lz4: the column is text and storage main there, with the default compression.
    it('keeps the payload as text, compressed in the row (storage main, lz4 on Postgres), not in TOAST', async () => {
      const { rows } = await sql<{ typ: string; storage: string; compression: string }>`
        select format_type(atttypid, atttypmod) as typ, attstorage as storage, attcompression as compression
        from pg_attribute where attrelid = 'webhook_deliveries'::regclass and attname = 'payload'`.execute(h.db);
      expect(rows).toEqual([{ typ: 'text', storage: 'm', compression: target.name === 'postgres' ? 'l' : '' }]);
    });

    it('keeps an ordinary push entirely in the row: nothing goes to the TOAST table', async () => {
      // ~7 KB of push-like JSON: over the ~2 KB at which Postgres starts shrinking rows. Before
      // migration 2026-11-24-006 every such row moved its 36-byte delivery id into TOAST.
      const commit = (i: number) => ({ id: `${i}`.padStart(40, 'a'), message: `Update README ${i}`, author: { name: 'Codertocat', email: 'octocat@github.com' }, added: [], removed: [], modified: ['README.md'] });
      const payload = JSON.stringify({ ref: 'refs/heads/main', repository: { id: 1, full_name: 'octo/hello' }, commits: Array.from({ length: 36 }, (_, i) => commit(i)) });
      expect(payload.length).toBeGreaterThan(6000);
      const ids = Array.from({ length: 5 }, (_, i) => `4b6e5c00-8f6d-11ef-9d5a-${String(i).padStart(12, '0')}`);
      expect((await deliveryWriter(h)(ids.map((id) => delivery(id, { payload })))).size).toBe(5);
      const { rows } = await sql<{ toast: string }>`select reltoastrelid::regclass::text as toast from pg_class where relname = 'webhook_deliveries'`.execute(h.db);
      const { rows: chunks } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(rows[0]!.toast)}`.execute(h.db);
      expect(chunks[0]!.n).toBe(0);
      for (const id of ids) expect((await read(id)).payload).toBe(payload);
    });

    it('is keyed by the delivery id alone (no surrogate uuid to generate and index per insert)', async () => {
      const { rows } = await sql<{ column_name: string; constraint_type: string }>`
        select k.column_name, c.constraint_type from information_schema.table_constraints c
        join information_schema.key_column_usage k on k.constraint_name = c.constraint_name and k.table_name = c.table_name
        where c.table_name = 'webhook_deliveries' and c.constraint_type in ('PRIMARY KEY', 'UNIQUE')`.execute(h.db);
      expect(rows).toEqual([{ column_name: 'delivery_id', constraint_type: 'PRIMARY KEY' }]);
      const { rows: cols } = await sql<{ n: number }>`select count(*)::int as n from information_schema.columns where table_name = 'webhook_deliveries' and column_name = 'id'`.execute(h.db);
      expect(cols[0]!.n).toBe(0);
    });

    it('a batch of 300 in one call (the same prepared statement for every size)', async () => {
      const write = deliveryWriter(h);
      for (const n of [300, 1, 17]) {
        const rows = Array.from({ length: n }, (_, i) => delivery(`b${n}-${i}`, { repositoryGithubId: i % 3 ? i : null }));
        expect((await write(rows)).size).toBe(n);
      }
      const { count } = await h.db.selectFrom('webhook_deliveries').select((eb) => eb.fn.countAll<string>().as('count')).where('delivery_id', 'like', 'b%').executeTakeFirstOrThrow();
      expect(Number(count)).toBe(318);
    });
  });
}
