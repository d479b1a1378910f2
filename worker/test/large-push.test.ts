/**
 * A push of more than 20 commits (issue 14): GitHub's payload lists only the
 * newest 20, so the worker reads the whole before..after range through the
 * compare API and applies every commit once — on PGlite and, when
 * TEST_DATABASE_URL is set, PostgreSQL, against the worker's fake GitHub.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { createLogger, insertDeliveries, MemoryBus, TokenCipher } from '@tamagitto/db';
import { dbTargets, type TestDb } from '@tamagitto/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_COMMITS_PER_PUSH, processDelivery, type WorkerContext } from '../src/process-delivery.ts';
import { seedAdopter, seedRepo } from './support/adopters.ts';
import { WorkerFakeGithub } from './support/fake-github.ts';

const log = createLogger({ level: 'silent', name: 'test', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
const cipher = new TokenCipher('b'.repeat(40));

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`a push of more than ${MAX_COMMITS_PER_PUSH} commits on ${target.name}`, () => {
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

    async function adopted() {
      const { n, repo, fake } = await seedRepo(h.db, gh, 'big', ['mona']);
      const { petId } = await seedAdopter(h.db, gh, cipher, repo, 'mona', { name: 'big', family: 'robot', species: 'bolt', health: 50 });
      return { n, fake, petId };
    }

    async function deliver(n: number, payload: object): Promise<string> {
      const deliveryId = randomUUID();
      await insertDeliveries(h.db, [{ deliveryId, event: 'push', action: null, repositoryGithubId: n, repositoryFullName: `octo/big${n}`, payload: JSON.stringify({ repository: { id: n }, ...payload }), status: 'queued' }]);
      return deliveryId;
    }

    const appliedShas = async (petId: string) =>
      (await h.db.selectFrom('health_history').select('sha').where('entity_id', '=', petId).where('reason', '=', 'commit').execute()).map((r) => r.sha);

    it('reads all 45 commits through the compare API and applies each once; the delivery again changes nothing', async () => {
      const { n, fake, petId } = await adopted();
      const [base] = gh.push(fake, 1);
      const shas = gh.push(fake, 45);
      const listed = shas.slice(-MAX_COMMITS_PER_PUSH).map((id) => ({ id, message: 'm' }));
      const payload = { before: base, after: shas.at(-1), size: 45, commits: listed };
      const id = await deliver(n, payload);
      await processDelivery(ctx, id);
      const row = await h.db.selectFrom('webhook_deliveries').select(['status', 'error']).where('delivery_id', '=', id).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'processed', error: null });
      const applied = await appliedShas(petId);
      expect(applied.sort()).toEqual([...shas].sort());
      expect(gh.count(/\/compare\//)).toBeGreaterThan(0);

      await processDelivery(ctx, await deliver(n, { ...payload, after: shas.at(-1) }));
      expect((await appliedShas(petId)).length).toBe(45);
    });

    it('a push that created its branch (before is the null SHA) applies the commits it lists', async () => {
      const { n, fake, petId } = await adopted();
      const shas = gh.push(fake, 25);
      const listed = shas.slice(-MAX_COMMITS_PER_PUSH).map((id) => ({ id, message: 'm' }));
      await processDelivery(ctx, await deliver(n, { before: '0'.repeat(40), after: shas.at(-1), size: 25, commits: listed }));
      expect((await appliedShas(petId)).sort()).toEqual(listed.map((c) => c.id).sort());
    });

    it('GitHub failing on the compare API leaves the delivery retrying, nothing applied', async () => {
      const { n, fake, petId } = await adopted();
      const [base] = gh.push(fake, 1);
      const shas = gh.push(fake, 30);
      gh.failNext(/\/compare\//, 502, 10);
      const id = await deliver(n, { before: base, after: shas.at(-1), size: 30, commits: shas.slice(-20).map((sha) => ({ id: sha })) });
      await processDelivery(ctx, id);
      const row = await h.db.selectFrom('webhook_deliveries').select(['status', 'error_kind']).where('delivery_id', '=', id).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'retrying', error_kind: 'github' });
      expect(await appliedShas(petId)).toEqual([]);
    });
  });
}
