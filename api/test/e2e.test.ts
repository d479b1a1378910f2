/**
 * The first living pet, end to end on real components (issue #2): sign in,
 * adopt, open a WebSocket, deliver a signed real `push` payload, and watch the
 * pet's health change live — on the embedded defaults and on Postgres + Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryDto, PetDto, ServerMessage } from '@tamagitto/domain';
import { pushPayload, sha, stackTargets, startStack, until, type Stack } from './support/index.ts';

const GOOD_CODE_BEFORE = `export function add(a, b) {\n  return a + b;\n}\n`;
const GOOD_CODE_AFTER = `/** Adds two numbers. */\nexport function add(a, b) {\n  return a + b;\n}\n\n/** Subtracts b from a. */\nexport function sub(a, b) {\n  return a - b;\n}\n`;
const TEST_AFTER = `import { add, sub } from './math.js';\nimport { test, expect } from 'vitest';\ntest('add', () => expect(add(1, 2)).toBe(3));\ntest('sub', () => expect(sub(3, 2)).toBe(1));\n`;

for (const target of stackTargets()) {
  describe.skipIf(target.skip)(`push → pet.updated on ${target.name}`, () => {
    let s: Stack;
    let session: string;
    let pet: PetDto;
    const repo = { owner: 'octocat', name: 'hello-tamagitto', id: 4242001 };

    beforeAll(async () => {
      s = await startStack(target);
      s.github.addUser({ login: 'octocat', id: 583231, token: 'ghp_e2eTokenForOctocat000000000000000001', name: 'The Octocat' });
      s.github.addRepo(repo.owner, repo.name, { id: repo.id, language: 'TypeScript' });
      session = (await s.signIn('ghp_e2eTokenForOctocat000000000000000001')).token;
      pet = await s.adopt(session, 'octocat/hello-tamagitto');
    });
    afterAll(async () => s?.close());

    it('adopts a TypeScript repo as a digital pet egg at health 70', () => {
      expect(pet).toMatchObject({ family: 'pet', state: 'egg', health: 70, stage: 'baby', repo: { fullName: 'octocat/hello-tamagitto' } });
      expect(['cat', 'dog', 'hamster']).toContain(pet.species);
    });

    it('a signed push is accepted with 202 and the socket receives the new health', async () => {
      const ws = await s.openSocket(session);
      await ws.next((m) => m.type === 'hello');
      const c1 = sha('e2e-commit-1');
      s.github.addCommit(repo.owner, repo.name, {
        sha: c1,
        message: 'Add sub() with tests and docs',
        files: [
          { filename: 'src/math.ts', before: GOOD_CODE_BEFORE, after: GOOD_CODE_AFTER },
          { filename: 'src/math.test.ts', after: TEST_AFTER },
          { filename: 'README.md', before: '# math\n', after: '# math\n\nAdds and subtracts.\n' },
        ],
      });
      const res = await s.deliver('push', pushPayload(repo, [{ sha: c1, message: 'Add sub() with tests and docs' }]), { deliveryId: 'delivery-e2e-1' });
      expect(res.status).toBe(202);
      expect(await res.json()).toMatchObject({ accepted: true, duplicate: false });

      const update = (await ws.next((m) => m.type === 'pet.updated' && m.sha === c1)) as Extract<ServerMessage, { type: 'pet.updated' }>;
      expect(update.petId).toBe(pet.id);
      expect(update.reason).toBe('commit');
      expect(update.delta).not.toBe(0);
      expect(update.health).toBeCloseTo(70 + update.delta, 5);
      expect(update.state).not.toBe('egg'); // hatched by its first analysed commit

      const h = (await (await s.req(`/api/pets/${pet.id}/history`, { token: session })).json()) as HistoryDto;
      expect(h.items[0]).toMatchObject({ reason: 'commit', sha: c1, healthAfter: update.health });
      const now = (await (await s.req(`/api/pets/${pet.id}`, { token: session })).json()) as PetDto;
      expect(now.health).toBe(update.health);
      expect(now.lastCommitAt).not.toBeNull();
      ws.close();
    });

    it('the same delivery again, and the same commit in a new delivery, change nothing', async () => {
      const before = (await (await s.req(`/api/pets/${pet.id}`, { token: session })).json()) as PetDto;
      const c1 = sha('e2e-commit-1');
      const again = await s.deliver('push', pushPayload(repo, [{ sha: c1, message: 'Add sub() with tests and docs' }]), { deliveryId: 'delivery-e2e-1' });
      expect(again.status).toBe(202);
      expect(await again.json()).toMatchObject({ accepted: true, duplicate: true });
      // A different delivery of a push with the same `after` (a replayed body, or the commit pushed to another
      // branch) is a repeat of the push: 202 duplicate, not stored (issue 15; test/webhook-replay.test.ts).
      const other = await s.deliver('push', pushPayload(repo, [{ sha: c1, message: 'same commit' }]), { deliveryId: 'delivery-e2e-2' });
      expect(other.status).toBe(202);
      expect(await other.json()).toMatchObject({ accepted: true, duplicate: true, queued: false });
      expect(await s.db.db.selectFrom('webhook_deliveries').select('status').where('delivery_id', '=', 'delivery-e2e-2').executeTakeFirst()).toBeUndefined();
      const after = (await (await s.req(`/api/pets/${pet.id}`, { token: session })).json()) as PetDto;
      expect(after.health).toBe(before.health);
      const h = (await (await s.req(`/api/pets/${pet.id}/history`, { token: session })).json()) as HistoryDto;
      expect(h.items.filter((e) => e.sha === c1)).toHaveLength(1);
      const rows = await s.db.db.selectFrom('webhook_deliveries').select('delivery_id').where('delivery_id', '=', 'delivery-e2e-1').execute();
      expect(rows).toHaveLength(1);
    });

    it('stores each delivery byte-for-byte, so its signature can be re-verified later', async () => {
      const { sql } = await import('kysely');
      const { verify, sign } = await import('@octokit/webhooks-methods');
      const payload = pushPayload(repo, [{ sha: sha('e2e-bytes'), message: 'bytes' }]);
      const body = JSON.stringify(payload, null, 1); // unusual spacing: jsonb would not keep it
      s.github.addCommit(repo.owner, repo.name, { sha: sha('e2e-bytes'), message: 'bytes', files: [{ filename: 'notes.txt', after: 'hi\n' }] });
      expect((await s.deliver('push', body, { deliveryId: 'delivery-bytes' })).status).toBe(202);
      const row = await sql<{ t: string }>`select payload::text as t from webhook_deliveries where delivery_id = 'delivery-bytes'`.execute(s.db.db);
      expect(row.rows[0]!.t).toBe(body);
      expect(await verify(s.secrets.webhookSecret, row.rows[0]!.t, await sign(s.secrets.webhookSecret, body))).toBe(true);
    });

    it('vet reports are listed newest first with their findings', async () => {
      const r = await s.req(`/api/pets/${pet.id}/analyses`, { token: session });
      expect(r.status).toBe(200);
      const page = (await r.json()) as { items: { sha: string; id: string; filesChanged: number; createdAt: string }[] };
      const first = page.items.find((i) => i.sha === sha('e2e-commit-1'));
      expect(first).toMatchObject({ filesChanged: 3 });
      const times = page.items.map((i) => i.createdAt);
      expect([...times].sort().reverse()).toEqual(times);
      const detail = await s.req(`/api/analyses/${first!.id}`, { token: session });
      expect(detail.status).toBe(200);
      expect(await detail.json()).toMatchObject({ sha: sha('e2e-commit-1'), findings: expect.any(Array), skippedFiles: expect.any(Array) });
    });

    it('a push to a repository nobody adopted is stored and acknowledged, not processed', async () => {
      const res = await s.deliver('push', pushPayload({ owner: 'someone', name: 'else', id: 999111 }, [{ sha: sha('x'), message: 'x' }]), { deliveryId: 'delivery-unadopted' });
      expect(res.status).toBe(202);
      const row = await until(async () => {
        const d = await s.db.db.selectFrom('webhook_deliveries').selectAll().where('delivery_id', '=', 'delivery-unadopted').executeTakeFirst();
        return d && d.status !== 'queued' ? d : undefined;
      });
      expect(row.status).toBe('ignored');
      expect(s.github.count('GET', /^\/repos\/someone\/else/)).toBe(0); // never fetched: nobody adopted it
    });

    it('never logs or returns the GitHub token, and stores it only encrypted', async () => {
      const users = await s.db.db.selectFrom('users').selectAll().execute();
      expect(users[0]!.token_encrypted).toMatch(/^v1\./);
      expect(JSON.stringify(users)).not.toContain('ghp_e2eTokenForOctocat');
      expect(s.logs.join('')).not.toContain('ghp_e2eTokenForOctocat');
      expect(s.logs.join('')).not.toContain(s.secrets.webhookSecret);
      const me = await (await s.req('/api/me', { token: session })).text();
      expect(me).not.toContain('ghp_');
    });
  });
}
