/**
 * A pet's life through the real server, with one controllable clock shared by
 * the api and the lifecycle sweep: neglect decays it live over the WebSocket,
 * 24 h at 0 kills it, revival answers 409 `cooldown` with the time left until
 * 48 h have passed, then succeeds. Vacation set through the settings API
 * pauses decay. On the embedded stack and on Postgres + Redis.
 */
import { Writable } from 'node:stream';
import { createLogger } from '@tamagitto/db';
import { runLifecycleOnce, type SchedulerContext } from '@tamagitto/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryDto, PetDto, ServerMessage } from '@tamagitto/domain';
import { PET_CHANGED_CHANNEL } from '../../src/pets/pet-cache.ts';
import { stackTargets, startStack, type Stack, type TestSocket } from '../support/index.ts';

const H = 3600_000;
const D = 24 * H;
type PetUpdated = Extract<ServerMessage, { type: 'pet.updated' }>;
const silent = createLogger({ level: 'silent', name: 'test', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

/** Starts at the real time: session JWTs are checked against the real clock, so they must not be issued in the past. */
class FakeClock {
  #t = Date.now();
  now = (): Date => new Date(this.#t);
  advance(ms: number): this {
    this.#t += ms;
    return this;
  }
}

for (const target of stackTargets()) {
  describe.skipIf(target.skip)(`decay, death and revival cooldown on ${target.name}`, () => {
    const clock = new FakeClock();
    let s: Stack;
    let session: string;
    let pet: PetDto;
    let ws: TestSocket;
    let sweep: SchedulerContext;

    const getPet = async () => (await (await s.req(`/api/pets/${pet.id}`, { token: session })).json()) as PetDto;
    const history = async () => ((await (await s.req(`/api/pets/${pet.id}/history`, { token: session })).json()) as HistoryDto).items;
    const revive = () => s.req(`/api/pets/${pet.id}/revive`, { method: 'POST', token: session });

    beforeAll(async () => {
      // The worker's own scheduler is off: this test decides when sweeps happen and what time it is.
      s = await startStack(target, { now: clock.now, schedulerIntervalMs: 0 });
      s.github.addUser({ login: 'neglectful', id: 880001, token: 'ghp_neglectfulToken00000000000000000001' });
      s.github.addRepo('neglectful', 'abandoned', { id: 880101, language: 'Python' });
      session = (await s.signIn('ghp_neglectfulToken00000000000000000001')).token;
      pet = await s.adopt(session, 'neglectful/abandoned');
      // Hatched by a commit "now" that left it weak (the analysis engine has its own tests).
      await s.db.db.updateTable('entities').set({ state: 'poor', health: 3, last_commit_at: clock.now() }).where('id', '=', pet.id).execute();
      sweep = { db: s.db.db, bus: s.bus, log: silent, now: clock.now };
      ws = await s.openSocket(session);
      await ws.next((m) => m.type === 'hello');
    });
    afterAll(async () => s?.close());

    it('no decay during the 3-day grace period', async () => {
      clock.advance(4 * D); // commit day + 3 grace days are over
      const r = await runLifecycleOnce(sweep, clock.now());
      expect(r.events).toEqual([]);
      expect((await getPet()).health).toBe(3);
    });

    it('decays −2 per day after it, live over the WebSocket and in the history', async () => {
      clock.advance(D);
      await runLifecycleOnce(sweep, clock.now());
      const m = (await ws.next((x) => x.type === 'pet.updated' && x.reason === 'decay')) as PetUpdated;
      expect(m).toMatchObject({ petId: pet.id, delta: -2, health: 1, state: 'dying', sha: null });
      expect(await getPet()).toMatchObject({ health: 1, state: 'dying' });
      expect((await history())[0]).toMatchObject({ reason: 'decay', delta: -2, healthAfter: 1, note: '4 days without commits: −2' });

      clock.advance(D);
      await runLifecycleOnce(sweep, clock.now());
      // On Redis the api hears the change (and drops its cached pet: pets/pet-cache.ts) a moment after the
      // sweep published it; the socket's message comes the same way, so once it is here a read is fresh.
      await ws.next((x) => x.type === 'pet.updated' && x.reason === 'decay' && x.health === 0);
      expect(await getPet()).toMatchObject({ health: 0, state: 'dying', diedAt: null });
    });

    it('revival of a living pet is a 409 conflict', async () => {
      const r = await revive();
      expect(r.status).toBe(409);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('conflict');
    });

    it('dies after 24 h at health 0', async () => {
      clock.advance(23 * H);
      await runLifecycleOnce(sweep, clock.now());
      expect((await getPet()).state).toBe('dying');

      clock.advance(H);
      await runLifecycleOnce(sweep, clock.now());
      const m = (await ws.next((x) => x.type === 'pet.updated' && x.reason === 'death')) as PetUpdated;
      expect(m).toMatchObject({ petId: pet.id, state: 'dead', health: 0 });
      const dead = await getPet();
      expect(dead.state).toBe('dead');
      expect(dead.diedAt).toBe(clock.now().toISOString());
      expect(dead.reviveAvailableAt).toBe(new Date(clock.now().getTime() + 48 * H).toISOString());
      expect((await history())[0]).toMatchObject({ reason: 'death', stateAfter: 'dead' });
    });

    it('revival within 48 h is a 409 cooldown with the time left; so is adopting again', async () => {
      clock.advance(H);
      const r = await revive();
      expect(r.status).toBe(409);
      const body = (await r.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('cooldown');
      expect(body.error.message).toContain('47 h 0 min left');
      expect(Number(r.headers.get('retry-after'))).toBe(47 * 3600);

      clock.advance(47 * H - 60_000);
      const adoptAgain = await s.req('/api/pets', { method: 'POST', token: session, json: { repo: 'neglectful/abandoned' } });
      expect(adoptAgain.status).toBe(409);
      expect(((await adoptAgain.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'cooldown', message: expect.stringContaining('0 h 1 min left') });
      expect(Number(adoptAgain.headers.get('retry-after'))).toBe(60);
      expect((await getPet()).state).toBe('dead');
    });

    it('succeeds once 48 h have passed: an egg again, at 70, recorded and published', async () => {
      clock.advance(60_000);
      const r = await revive();
      expect(r.status).toBe(200);
      expect(await r.json()).toMatchObject({ id: pet.id, state: 'egg', health: 70, stage: 'baby', diedAt: null, reviveAvailableAt: null });
      expect(await ws.next((x) => x.type === 'pet.updated' && x.reason === 'revive')).toMatchObject({ petId: pet.id, state: 'egg' });
      expect((await history())[0]).toMatchObject({ reason: 'revive', healthAfter: 70 });
      // An egg does not decay, however long it waits.
      clock.advance(10 * D);
      expect((await runLifecycleOnce(sweep, clock.now())).events).toEqual([]);
      expect((await getPet()).health).toBe(70);
    });

    it('vacation set through the settings API pauses decay of a hatched pet', async () => {
      await s.db.db.updateTable('entities').set({ state: 'okay', health: 50, last_commit_at: clock.now() }).where('id', '=', pet.id).execute();
      // A pet written outside the pets store is announced, as every writer does: GET /api/pets/:id answers from a cache (src/pets/pet-cache.ts).
      await s.bus.publish(PET_CHANGED_CHANNEL, { petId: pet.id });
      const put = await s.req('/api/me/settings', {
        method: 'PUT',
        token: session,
        json: { restDays: [], vacationUntil: new Date(clock.now().getTime() + 20 * D).toISOString(), timezone: 'UTC', notifyOnDecline: true },
      });
      expect(put.status).toBe(200);
      clock.advance(15 * D);
      expect((await runLifecycleOnce(sweep, clock.now())).events).toEqual([]);
      expect((await getPet()).health).toBe(50);
      // Vacation over (through its last local day), then 3 grace days: decay resumes on the 4th.
      clock.advance(10 * D);
      await runLifecycleOnce(sweep, clock.now());
      await ws.next((x) => x.type === 'pet.updated' && x.reason === 'decay' && x.health === 48);
      expect((await getPet()).health).toBe(48);
    });
  });
}
