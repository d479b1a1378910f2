/**
 * Nothing accepted is lost: GitHub failing mid-job, the queue dying with its
 * process, and duplicate jobs all end with each commit applied exactly once.
 */
import { MemoryBus, TokenCipher } from '@tamagitto/db';
import { startWorker } from '@tamagitto/worker';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryDto, PetDto } from '@tamagitto/domain';
import { pushPayload, sha, stackTargets, startStack, until, type Stack } from './support/index.ts';

const repo = { owner: 'octocat', name: 'sturdy', id: 7171001 };
const TOKEN = 'ghp_sturdyToken000000000000000000000001';

async function setup(s: Stack): Promise<{ session: string; pet: PetDto }> {
  s.github.addUser({ login: 'octocat', id: 583231, token: TOKEN });
  s.github.addRepo(repo.owner, repo.name, { id: repo.id, language: 'Rust' });
  const session = (await s.signIn(TOKEN)).token;
  return { session, pet: await s.adopt(session, 'octocat/sturdy') };
}

function commit(s: Stack, seed: string) {
  const id = sha(seed);
  s.github.addCommit(repo.owner, repo.name, { sha: id, message: `commit ${seed}`, files: [{ filename: `src/${seed}.rs`, after: `fn ${seed.replace(/\W/g, '_')}() -> u32 {\n    42\n}\n` }] });
  return id;
}

for (const target of stackTargets()) {
  describe.skipIf(target.skip)(`resilience on ${target.name}`, () => {
    let s: Stack | undefined;
    afterEach(async () => {
      await s?.close();
      s = undefined;
    });

    it('a GitHub 502 schedules a retry in Postgres; when due, the retry applies the commit once', async () => {
      s = await startStack(target, { claimIdleMs: 300 });
      const { session, pet } = await setup(s);
      const c = commit(s, 'flaky');
      s.github.failNext(/\/commits\//, 502, 2);
      expect((await s.deliver('push', pushPayload(repo, [{ sha: c, message: 'flaky' }]), { deliveryId: 'flaky-1' })).status).toBe(202);
      const db = s.db.db;
      const read = () => db.selectFrom('webhook_deliveries').selectAll().where('delivery_id', '=', 'flaky-1').executeTakeFirstOrThrow();
      // Each failure is scheduled (GitHub's first retries wait 15–60 s); bring each one forward to now.
      for (let i = 1; i <= 2; i++) {
        const scheduled = await until(async () => {
          const d = await read();
          return d.status === 'retrying' && d.attempts === i ? d : undefined;
        }, 20_000, `failure ${i} scheduled`);
        expect(scheduled).toMatchObject({ error_kind: 'github' });
        expect(new Date(scheduled.next_attempt_at!).getTime()).toBeGreaterThan(Date.now() + 5_000);
        await db.updateTable('webhook_deliveries').set({ next_attempt_at: new Date() }).where('delivery_id', '=', 'flaky-1').execute();
      }
      const row = await until(async () => {
        const d = await read();
        return d.status === 'processed' ? d : undefined;
      }, 20_000, 'delivery processed after retries');
      expect(row.attempts).toBe(3);
      const h = (await (await s.req(`/api/pets/${pet.id}/history`, { token: session })).json()) as HistoryDto;
      expect(h.items.filter((e) => e.sha === c)).toHaveLength(1);
    });

    it('deliveries accepted while no worker ran are recovered from the database by the next worker', async () => {
      s = await startStack(target, { worker: false });
      const { session, pet } = await setup(s);
      const shas = ['r1', 'r2', 'r3'].map((x) => commit(s!, x));
      for (const [i, c] of shas.entries()) {
        expect((await s.deliver('push', pushPayload(repo, [{ sha: c, message: `r${i}` }]), { deliveryId: `recover-${i}` })).status).toBe(202);
      }
      // The process "crashed": its queue is gone. A new worker starts on a NEW, empty queue.
      const freshBus = new MemoryBus();
      const worker = await startWorker(
        { db: s.db.db, bus: freshBus, log: s.api.deps.log, cipher: new TokenCipher(s.secrets.tokenEncryptionKey), githubApiUrl: s.github.url, now: () => new Date() },
        { name: 'after-crash', concurrency: 2, claimIdleMs: 500, recoveryAgeMs: 0 },
      );
      try {
        await until(async () => {
          const rows = await s!.db.db.selectFrom('webhook_deliveries').select('status').where('delivery_id', 'like', 'recover-%').execute();
          return rows.length === 3 && rows.every((r) => r.status === 'processed');
        }, 20_000, 'recovered deliveries processed');
      } finally {
        await worker.stop();
        await freshBus.close();
      }
      const h = (await (await s.req(`/api/pets/${pet.id}/history`, { token: session })).json()) as HistoryDto;
      for (const c of shas) expect(h.items.filter((e) => e.sha === c)).toHaveLength(1);
    });

    it('the same job handled by several workers at once applies the commit once', async () => {
      s = await startStack(target, { worker: false });
      const { session, pet } = await setup(s);
      const c = commit(s, 'race');
      await s.deliver('push', pushPayload(repo, [{ sha: c, message: 'race' }]), { deliveryId: 'race-1' });
      const { processDelivery } = await import('@tamagitto/worker');
      const ctx = { db: s.db.db, bus: s.bus, log: s.api.deps.log, cipher: new TokenCipher(s.secrets.tokenEncryptionKey), githubApiUrl: s.github.url, now: () => new Date() };
      await Promise.allSettled([processDelivery(ctx, 'race-1'), processDelivery(ctx, 'race-1'), processDelivery(ctx, 'race-1')]);
      const h = (await (await s.req(`/api/pets/${pet.id}/history`, { token: session })).json()) as HistoryDto;
      expect(h.items.filter((e) => e.sha === c)).toHaveLength(1);
      const now = (await (await s.req(`/api/pets/${pet.id}`, { token: session })).json()) as PetDto;
      expect(now.health).toBe(h.items[0]!.healthAfter);
    });
  });
}
