/**
 * Webhook replay (issue 15): GitHub's signature covers the body, not the
 * X-GitHub-Delivery id, so anyone holding one signed push could re-post it under
 * new ids. A push is keyed by (repository, after) as well as by its delivery id
 * (migration 2026-12-06-002): a replay answers what a repeated id answers (202,
 * duplicate) and stores and enqueues nothing — on PGlite (VALUES insert) and on
 * PostgreSQL (the unnest writer).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushPayload, sha, startStack, stackTargets, until, type Stack } from './support/index.ts';
import { OutageBus } from './support/outage-bus.ts';

class RecordingBus extends OutageBus {
  constructor(
    inner: ConstructorParameters<typeof OutageBus>[0],
    readonly enqueued: string[],
  ) {
    super(inner);
  }
  override async enqueue(jobs: { kind: string; ref: string }[]): Promise<void> {
    this.enqueued.push(...jobs.map((j) => j.ref));
    await super.enqueue(jobs);
  }
}

for (const target of stackTargets()) {
  describe.skipIf(target.skip)(`webhook replay on ${target.name}`, () => {
    let s: Stack;
    let enqueued: string[];
    beforeAll(async () => {
      enqueued = [];
      s = await startStack(target, {
        worker: false,
        env: { RATE_LIMITS: 'off' },
        // Record what reaches the bus (the worker is off: nothing consumes it).
        wrapBus: (bus) => new RecordingBus(bus, enqueued),
      });
    });
    afterAll(async () => s?.close());

    const rowsOf = (repoId: number) => s.db.db.selectFrom('webhook_deliveries').select(['delivery_id', 'push_after', 'status']).where('repository_github_id', '=', repoId).execute();

    it('the same signed push under a new delivery id is 202 duplicate, and nothing new is stored or enqueued', async () => {
      const repo = { owner: 'octocat', name: 'replayed', id: 8_800_001 };
      const after = sha('replayed-1');
      const payload = pushPayload(repo, [{ sha: after, message: 'one' }]);
      const first = randomUUID();
      const r1 = await s.deliver('push', payload, { deliveryId: first });
      expect(r1.status).toBe(202);
      expect(await r1.json()).toEqual({ accepted: true, duplicate: false, queued: true });

      const repeatedId = await s.deliver('push', payload, { deliveryId: first });
      const replay = await s.deliver('push', payload, { deliveryId: randomUUID() });
      expect(replay.status).toBe(repeatedId.status);
      expect(await replay.json()).toEqual(await repeatedId.json());

      // A burst of replays, likely written in one batch.
      const burst = await Promise.all(Array.from({ length: 8 }, () => s.deliver('push', payload, { deliveryId: randomUUID() })));
      expect(burst.map((r) => r.status)).toEqual(Array(8).fill(202));

      expect(await rowsOf(repo.id)).toEqual([{ delivery_id: first, push_after: after, status: 'queued' }]);
      await until(() => enqueued.includes(first), 5_000, 'the first delivery on the bus');
      await new Promise((r) => setTimeout(r, 300));
      expect(enqueued).toEqual([first]);
    });

    it('new pushes of the same repository, the same `after` in another repository, and a burst of distinct replays are each stored once', async () => {
      const a = { owner: 'octocat', name: 'busy', id: 8_800_002 };
      const b = { owner: 'octocat', name: 'fork', id: 8_800_003 };
      const shas = [sha('busy-1'), sha('busy-2'), sha('busy-3')];
      const bodies = shas.map((x) => pushPayload(a, [{ sha: x, message: x }]));
      // Each push twice, all at once: one row per push.
      const rs = await Promise.all([...bodies, ...bodies].map((p) => s.deliver('push', p)));
      expect(rs.map((r) => r.status)).toEqual(Array(6).fill(202));
      expect((await rowsOf(a.id)).map((r) => r.push_after).sort()).toEqual([...shas].sort());
      // The same commit pushed to another repository (a fork) is its own push.
      expect(await (await s.deliver('push', pushPayload(b, [{ sha: shas[0]!, message: 'fork' }]))).json()).toMatchObject({ duplicate: false });
      expect(await rowsOf(b.id)).toHaveLength(1);
    });

    it('branch deletions and other events carry no replay key: each delivery id is stored', async () => {
      const repo = { owner: 'octocat', name: 'deleting', id: 8_800_004 };
      const deletion = { ...pushPayload(repo, []), after: '0'.repeat(40), deleted: true, ref: 'refs/heads/gone' };
      const issue = { action: 'opened', issue: { number: 1, title: 'x' }, repository: deletion.repository, sender: { login: 'octocat' } };
      for (let i = 0; i < 2; i++) {
        expect((await s.deliver('push', deletion)).status).toBe(202);
        expect((await s.deliver('issues', issue)).status).toBe(202);
      }
      const rows = await rowsOf(repo.id);
      expect(rows).toHaveLength(4);
      expect(rows.every((r) => r.push_after === null)).toBe(true);
    });
  });
}
