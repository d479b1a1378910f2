/**
 * A Postgres restart under load (issue 14), on real PostgreSQL: the shared
 * server cannot be restarted by a test, so the backends of the test database
 * are terminated from an admin connection — what a fast shutdown does to every
 * open connection (57P01, then "Connection terminated unexpectedly") — three
 * times while the api stack (api + worker in one process) handles a burst of
 * signed pushes and reads. The process keeps serving; every answer is 2xx or
 * 503 `db_unavailable` (never a 500); every delivery that got its 202 is
 * applied exactly once afterwards (its worker job, if the outage hit it, is
 * retried), and one that got a 503 at most once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PetDto } from '@tamagitto/domain';
import { busTargets, dbTargets, terminateBackends } from '@tamagitto/db/testing';
import { pushPayload, sha, startStack, until, type Stack, type StackTarget } from './support/index.ts';

const [, postgres] = dbTargets();
const [memory, redis] = busTargets();
const target: StackTarget = {
  name: 'PostgreSQL',
  skip: postgres!.skip,
  db: postgres!,
  // Redis as in production when it is configured; the in-process bus otherwise.
  bus: redis!.skip ? memory! : redis!,
};

const repo = { owner: 'octocat', name: 'restarted', id: 8383001 };
const TOKEN = 'ghp_restartedToken0000000000000000000001';
const PUSHES = 60;
const TERMINATIONS = 3;

describe.skipIf(target.skip)(`Postgres restart while serving (${target.bus.name} bus)`, () => {
  let s: Stack;
  let session: string;
  let pet: PetDto;

  beforeAll(async () => {
    // A short claim time: a job the outage cut off is handed out again within a second.
    s = await startStack(target, { claimIdleMs: 500 });
    s.github.addUser({ login: 'octocat', id: 583231, token: TOKEN });
    s.github.addRepo(repo.owner, repo.name, { id: repo.id, language: 'Go' });
    session = (await s.signIn(TOKEN)).token;
    pet = await s.adopt(session, `${repo.owner}/${repo.name}`);
  });
  afterAll(async () => s?.close());


  it(`${TERMINATIONS} rounds of terminated backends during ${PUSHES} pushes and reads: no crash, 2xx or 503 db_unavailable, every 202 applied once`, async () => {
    const shas = Array.from({ length: PUSHES }, (_, i) => {
      const c = sha(`restart-${i}`);
      s.github.addCommit(repo.owner, repo.name, { sha: c, message: `restart ${i}`, files: [{ filename: `r${i}.go`, after: `package main\n\n// R${i} returns ${i}.\nfunc R${i}() int {\n\treturn ${i}\n}\n` }] });
      return c;
    });
    const answers: { what: string; status: number; code?: string; sha?: string }[] = [];
    const record = async (what: string, r: Promise<Response>, commit?: string) => {
      const res = await r;
      const text = await res.text();
      let code: string | undefined;
      try {
        code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
      } catch {
        /* not JSON: caught by the assertion below */
      }
      answers.push({ what, status: res.status, ...(code && { code }), ...(commit && { sha: commit }) });
    };

    // The terminator: a round every 400 ms while the burst runs.
    const killed: number[] = [];
    const terminator = (async () => {
      for (let i = 0; i < TERMINATIONS; i++) {
        await new Promise((r) => setTimeout(r, 400));
        killed.push(await terminateBackends(s.db.url!));
      }
    })();

    // Pushes in waves of 6, each wave with reads beside it, until the terminator is done and every push was sent.
    let terminatorDone = false;
    void terminator.finally(() => (terminatorDone = true));
    for (let i = 0; i < PUSHES || !terminatorDone; i += 6) {
      const wave: Promise<void>[] = [];
      for (let j = i; j < Math.min(i + 6, PUSHES); j++) {
        wave.push(record('push', s.deliver('push', pushPayload(repo, [{ sha: shas[j]!, message: `restart ${j}` }]), { deliveryId: `restart-${j}` }), shas[j]));
      }
      wave.push(record('GET pet', s.req(`/api/pets/${pet.id}`, { token: session })));
      wave.push(record('GET history', s.req(`/api/pets/${pet.id}/history`, { token: session })));
      wave.push(record('GET pets', s.req('/api/pets', { token: session })));
      await Promise.all(wave);
      if (i >= PUSHES) await new Promise((r) => setTimeout(r, 100));
    }
    await terminator;
    expect(killed.length).toBe(TERMINATIONS);
    expect(killed.every((n) => n > 0), `backends terminated per round: ${killed.join(', ')}`).toBe(true);

    // Nothing but 2xx and 503 db_unavailable.
    const bad = answers.filter((a) => !(a.status >= 200 && a.status < 300) && !(a.status === 503 && a.code === 'db_unavailable'));
    expect(bad, 'answers other than 2xx or 503 db_unavailable').toEqual([]);
    expect(s.logs.join('')).not.toMatch(/"msg":"(unhandled error|webhook failed)"/);

    // Still serving.
    expect((await s.req('/api/health/live')).status).toBe(200);
    await until(async () => (await s.req('/api/health/ready')).status === 200, 15_000, 'ready again');
    expect((await s.req(`/api/pets/${pet.id}`, { token: session })).status).toBe(200);

    // Every accepted delivery applied exactly once; a refused one at most once (it may have been stored before its connection died).
    const accepted = answers.filter((a) => a.what === 'push' && a.status === 202).map((a) => a.sha!);
    const refused = answers.filter((a) => a.what === 'push' && a.status !== 202).map((a) => a.sha!);
    expect(accepted.length + refused.length).toBe(PUSHES);
    expect(accepted.length).toBeGreaterThan(0);
    const acceptedIds = accepted.map((c) => `restart-${shas.indexOf(c)}`);
    try {
      await until(async () => {
        const rows = await s.db.db.selectFrom('webhook_deliveries').select('status').where('delivery_id', 'in', acceptedIds).execute();
        return rows.length === acceptedIds.length && rows.every((r) => r.status === 'processed');
      }, 90_000, `the ${accepted.length} accepted deliveries processed`);
    } catch (err) {
      const rows = await s.db.db.selectFrom('webhook_deliveries').select(['delivery_id', 'status', 'attempts', 'error']).where('delivery_id', 'in', acceptedIds).where('status', '!=', 'processed').execute();
      throw new Error(`${(err as Error).message}: ${JSON.stringify(rows)}`);
    }
    const history = await s.db.db.selectFrom('health_history').select('sha').where('entity_id', '=', pet.id).where('reason', '=', 'commit').where('sha', 'in', shas).execute();
    const count = (c: string) => history.filter((h) => h.sha === c).length;
    expect(accepted.filter((c) => count(c) !== 1), 'accepted commits not applied exactly once').toEqual([]);
    expect(refused.filter((c) => count(c) > 1), 'refused commits applied more than once').toEqual([]);
    console.info(`[postgres restart] ${answers.length} answers: ${answers.filter((a) => a.status === 503).length} × 503 db_unavailable; backends terminated per round: ${killed.join(', ')}`);
  }, 180_000);
});
