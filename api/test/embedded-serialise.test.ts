/**
 * Embedded mode: api and worker share ONE PGlite connection. API requests
 * arriving while a worker transaction is open must wait for it — never run
 * inside it (they would see uncommitted data, and be rolled back with it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PetDto } from '@tamagitto/domain';
import { pushPayload, sha, stackTargets, startStack, type Stack } from './support/index.ts';

describe('embedded PGlite: concurrent requests during a worker transaction', () => {
  let s: Stack;
  let session: string;
  let pet: PetDto;
  const repo = { owner: 'octocat', name: 'serial', id: 6161001 };

  beforeAll(async () => {
    s = await startStack(stackTargets()[0]!, { worker: false });
    s.github.addUser({ login: 'octocat', id: 583231, token: 'ghp_serialToken000000000000000000000001' });
    s.github.addRepo(repo.owner, repo.name, { id: repo.id, language: 'Python' });
    session = (await s.signIn('ghp_serialToken000000000000000000000001')).token;
    pet = await s.adopt(session, 'octocat/serial');
  });
  afterAll(async () => s?.close());

  it('requests wait for the transaction, see only committed data, and survive its rollback', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));

    // What the worker does: update a pet inside a transaction… which then fails.
    const tx = s.db.db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('entities').set({ health: 3 }).where('id', '=', pet.id).execute();
        entered();
        await gate;
        throw new Error('analysis crashed');
      })
      .catch((e: Error) => e.message);
    await inside;

    const started = Date.now();
    const requests = Promise.all([
      s.req(`/api/pets/${pet.id}`, { token: session }).then(async (r) => ({ status: r.status, body: (await r.json()) as PetDto })),
      s.req('/api/pets', { token: session }).then((r) => r.status),
      s.deliver('push', pushPayload(repo, [{ sha: sha('serial'), message: 'during tx' }]), { deliveryId: 'during-tx' }).then((r) => r.status),
      s.req('/api/health/ready').then((r) => r.status),
    ]);
    await new Promise((r) => setTimeout(r, 300));
    release();
    expect(await tx).toBe('analysis crashed');
    const [one, list, webhook, ready] = await requests;
    // They finished only after the transaction ended (they were queued, not interleaved).
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(one.status).toBe(200);
    expect(one.body.health).toBe(70); // never the uncommitted 3
    expect(list).toBe(200);
    expect(webhook).toBe(202);
    expect(ready).toBe(200);
    // The delivery stored during the transaction was not rolled back with it.
    const row = await s.db.db.selectFrom('webhook_deliveries').select('status').where('delivery_id', '=', 'during-tx').executeTakeFirst();
    expect(row?.status).toBe('queued');
  });
});
