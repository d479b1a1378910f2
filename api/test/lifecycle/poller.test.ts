/**
 * The poller through the real stack: a repository whose webhook could not be
 * registered (no PUBLIC_URL) still feeds its pet. Commits listed by the fake
 * GitHub become synthetic push deliveries that the real worker analyses and
 * applies — one code path with webhooks — with ETag 304s when nothing
 * changed, no replay of history from before adoption, and no double effects
 * when two polls race or the webhook got there first.
 */
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { createLogger, TokenCipher } from '@tamagitto/db';
import { pollOnce, type WorkerContext } from '@tamagitto/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryDto, PetDto, ServerMessage } from '@tamagitto/domain';
import type { FakeRequest } from '../support/fake-github.ts';
import { pushPayload, sha, stackTargets, startStack, until, type Stack, type TestSocket } from '../support/index.ts';

const silent = createLogger({ level: 'silent', name: 'test', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
const TOKEN = 'ghp_pollerToken000000000000000000000001';
const repo = { owner: 'octocat', name: 'no-hooks', id: 6262001 };
const CODE = (n: number) => `/** Adds ${n}. */\nexport function add${n}(a: number): number {\n  return a + ${n};\n}\n`;

for (const target of stackTargets()) {
  describe.skipIf(target.skip)(`poller on ${target.name}`, () => {
    let s: Stack;
    let session: string;
    let pet: PetDto;
    let ws: TestSocket;
    let ctx: WorkerContext;
    /** The branch as GitHub lists it: newest first. */
    const branch: string[] = [];
    const listRequests: FakeRequest[] = [];

    const etag = () => `W/"${createHash('sha1').update(branch.join(',')).digest('hex')}"`;
    const commit = (name: string, n: number) => {
      const c = sha(name);
      s.github.addCommit(repo.owner, repo.name, { sha: c, parent: branch[0], message: `add${n}`, files: [{ filename: `src/add${n}.ts`, after: CODE(n) }] });
      branch.unshift(c);
      return c;
    };
    const deliveries = () => s.db.db.selectFrom('webhook_deliveries').select(['delivery_id', 'status']).where('delivery_id', 'like', 'poll-%').orderBy('received_at').execute();
    const commitEntries = async () =>
      ((await (await s.req(`/api/pets/${pet.id}/history?limit=1000`, { token: session })).json()) as HistoryDto).items.filter((h) => h.reason === 'commit' || h.reason === 'poor_commit');
    const allProcessed = () => until(async () => (await deliveries()).every((d) => d.status === 'processed') || undefined, 20_000, 'poll deliveries processed');

    beforeAll(async () => {
      s = await startStack(target, { schedulerIntervalMs: 0 });
      s.github.addUser({ login: 'octocat', id: 583231, token: TOKEN });
      s.github.addRepo(repo.owner, repo.name, { id: repo.id, language: 'TypeScript' });
      // GET /repos/{o}/{r}/commits: items are the recorded commit shape without files/stats, as GitHub lists them.
      s.github.on('GET', new RegExp(`^/repos/${repo.owner}/${repo.name}/commits$`), (req, res) => {
        listRequests.push(req);
        if (req.headers['if-none-match'] === etag()) {
          res.writeHead(304, { etag: etag() });
          return void res.end();
        }
        const items = branch.map((c) => {
          const { files: _f, stats: _s, ...item } = s.github.commits.get(`${repo.owner}/${repo.name}@${c}`)!.response;
          return item;
        });
        const text = JSON.stringify(items);
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', etag: etag(), 'content-length': Buffer.byteLength(text) });
        res.end(text);
      });
      session = (await s.signIn(TOKEN)).token;
      commit('before-adoption', 0); // dated 2026-11-20 by the fake: older than the adoption
      pet = await s.adopt(session, `${repo.owner}/${repo.name}`);
      expect(pet.webhook).toMatchObject({ registered: false, error: expect.stringContaining('polling') });
      ctx = { db: s.db.db, bus: s.bus, log: silent, cipher: new TokenCipher(s.secrets.tokenEncryptionKey), githubApiUrl: s.github.url, now: () => new Date() };
      ws = await s.openSocket(session);
      await ws.next((m) => m.type === 'hello');
    });
    afterAll(async () => s?.close());

    it('the first poll sets the baseline and does not replay commits from before adoption', async () => {
      const r = await pollOnce(ctx, new Date(), { minIntervalMs: 0 });
      expect(r).toEqual({ polled: 1, notModified: 0, enqueued: 0, failed: 0 });
      const row = await s.db.db.selectFrom('repositories').select(['last_seen_sha', 'poll_etag', 'last_polled_at']).where('github_id', '=', repo.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ last_seen_sha: branch[0], poll_etag: etag() });
      expect(row.last_polled_at).not.toBeNull();
      expect(listRequests.at(-1)!.query.get('sha')).toBe('main');
    });

    it('an unchanged branch is a conditional request answered 304', async () => {
      const r = await pollOnce(ctx, new Date(), { minIntervalMs: 0 });
      expect(r).toMatchObject({ polled: 1, notModified: 1, enqueued: 0 });
      expect(listRequests.at(-1)!.headers['if-none-match']).toBe(etag());
    });

    it('does not poll a repository again within the interval', async () => {
      const before = listRequests.length;
      expect((await pollOnce(ctx, new Date())).polled).toBe(0);
      expect(listRequests.length).toBe(before);
    });

    it('new commits without a webhook reach the pet through the normal delivery path, live', async () => {
      const c1 = commit('polled-1', 1);
      const c2 = commit('polled-2', 2);
      const r = await pollOnce(ctx, new Date(), { minIntervalMs: 0 });
      expect(r).toMatchObject({ polled: 1, enqueued: 2, failed: 0 });
      // One multi-row insert: same received_at, so compare as a set.
      expect((await deliveries()).map((d) => d.delivery_id).sort()).toEqual([`poll-${repo.id}-${c1}`, `poll-${repo.id}-${c2}`].sort());
      const m1 = (await ws.next((m) => m.type === 'pet.updated' && m.sha === c1)) as Extract<ServerMessage, { type: 'pet.updated' }>;
      expect(m1).toMatchObject({ petId: pet.id, reason: expect.stringMatching(/commit/) });
      await ws.next((m) => m.type === 'pet.updated' && m.sha === c2);
      await allProcessed();
      expect((await commitEntries()).map((h) => h.sha).sort()).toEqual([c1, c2].sort());
      const now = (await (await s.req(`/api/pets/${pet.id}`, { token: session })).json()) as PetDto;
      expect(now.state).not.toBe('egg'); // hatched by polled commits
      expect(now.lastCommitAt).not.toBeNull();
    });

    it('two polls racing over the same new commit create one delivery and one effect', async () => {
      const c3 = commit('polled-3', 3);
      const [a, b] = await Promise.all([pollOnce(ctx, new Date(), { minIntervalMs: 0 }), pollOnce(ctx, new Date(), { minIntervalMs: 0 })]);
      expect(a.enqueued + b.enqueued).toBe(1);
      await ws.next((m) => m.type === 'pet.updated' && m.sha === c3);
      await allProcessed();
      expect((await deliveries()).filter((d) => d.delivery_id.endsWith(c3))).toHaveLength(1);
      expect((await commitEntries()).filter((h) => h.sha === c3)).toHaveLength(1);
    });

    it('a commit the webhook already brought is not delivered again', async () => {
      const c4 = commit('hooked-4', 4);
      const res = await s.deliver('push', pushPayload(repo, [{ sha: c4, message: 'add4' }]));
      expect(res.status).toBe(202);
      await ws.next((m) => m.type === 'pet.updated' && m.sha === c4);
      const r = await pollOnce(ctx, new Date(), { minIntervalMs: 0 });
      expect(r).toMatchObject({ polled: 1, enqueued: 0, failed: 0 });
      expect((await deliveries()).some((d) => d.delivery_id.endsWith(c4))).toBe(false);
      expect((await s.db.db.selectFrom('repositories').select('last_seen_sha').where('github_id', '=', repo.id).executeTakeFirstOrThrow()).last_seen_sha).toBe(c4);
    });

    it('a GitHub failure is counted, logged and retried on the next poll', async () => {
      const c5 = commit('after-outage-5', 5);
      s.github.failNext(new RegExp(`^/repos/${repo.owner}/${repo.name}/commits$`), 502);
      expect(await pollOnce(ctx, new Date(), { minIntervalMs: 0 })).toMatchObject({ polled: 1, failed: 1, enqueued: 0 });
      expect(await pollOnce(ctx, new Date(), { minIntervalMs: 0 })).toMatchObject({ polled: 1, failed: 0, enqueued: 1 });
      await ws.next((m) => m.type === 'pet.updated' && m.sha === c5);
    });

    it('after a force-push, the compare API tells which commits are new: only the rewritten one reaches the pet', async () => {
      branch.shift(); // the head (already applied) is force-pushed away
      const c6 = commit('rewritten-6', 6);
      const compares = s.github.count('GET', /\/compare\//);
      expect(await pollOnce(ctx, new Date(), { minIntervalMs: 0 })).toMatchObject({ polled: 1, failed: 0, enqueued: 1 });
      expect(s.github.count('GET', /\/compare\//)).toBe(compares + 1);
      await ws.next((m) => m.type === 'pet.updated' && m.sha === c6);
      await allProcessed();
      expect((await s.db.db.selectFrom('repositories').select('last_seen_sha').where('github_id', '=', repo.id).executeTakeFirstOrThrow()).last_seen_sha).toBe(c6);
    });
  });
}
