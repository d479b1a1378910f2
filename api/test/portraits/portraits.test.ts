/**
 * `GET /api/pets/:id/portrait` through the real server (documented in
 * api/src/portraits/routes.ts): the built-in sprite without GEMINI_API_KEY; with it, a PNG
 * from a local Gemini generated once per (family, species, state, stage) —
 * also when ten requests, or two api instances, race — cached in Postgres;
 * the sprite with a 200 when Gemini errors, answers nonsense or hangs past
 * 10 s. The key never reaches a log line, a response or the database.
 * On the embedded stack and on Postgres + Redis.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PetDto, PetStage, PetState } from '@tamagitto/domain';
import { PORTRAIT_MODEL } from '../../src/portraits/gemini-portrait.ts';
import { createPortraitService } from '../../src/portraits/portrait-service.ts';
import { stackTargets, startStack, type Stack } from '../support/index.ts';
import { FakeGemini } from './fake-gemini.ts';

const KEY = 'AIzaSyD-portraitTestKey-0123456789abcdefXYZ';
const ALICE = 'ghp_portraitAliceToken000000000000000001';
const BOB = 'ghp_portraitBobToken00000000000000000002';

async function twoUsers(s: Stack): Promise<{ alice: string; bob: string; pet: PetDto; bobPet: PetDto }> {
  s.github.addUser({ login: 'alice', id: 990001, token: ALICE });
  s.github.addUser({ login: 'bob', id: 990002, token: BOB });
  s.github.addRepo('alice', 'webapp', { id: 990101, language: 'TypeScript' });
  s.github.addRepo('bob', 'service', { id: 990102, language: 'Go' });
  const alice = (await s.signIn(ALICE)).token;
  const bob = (await s.signIn(BOB)).token;
  return { alice, bob, pet: await s.adopt(alice, 'alice/webapp'), bobPet: await s.adopt(bob, 'bob/service') };
}

const source = (r: Response) => r.headers.get('x-portrait-source');

/** Every row of every table as text: where a leaked key would show up. */
async function dumpDatabase(s: Stack): Promise<string> {
  const tables = (
    await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public'`.execute(s.db.db)
  ).rows.map((r) => r.table_name);
  const out: string[] = [];
  for (const t of tables) {
    const rows = await sql<{ row: string }>`select t::text as row from ${sql.table(t)} t`.execute(s.db.db);
    out.push(...rows.rows.map((r) => r.row));
  }
  return out.join('\n');
}

/** The one target the 10-second hang runs on (see the test). */
const HANG_TARGET = stackTargets().filter((t) => !t.skip).at(-1)?.name;

for (const target of stackTargets()) {
  describe.skipIf(target.skip)(`portraits without GEMINI_API_KEY on ${target.name}`, () => {
    let s: Stack;
    let u: Awaited<ReturnType<typeof twoUsers>>;

    beforeAll(async () => {
      s = await startStack(target, { worker: false });
      u = await twoUsers(s);
    });
    afterAll(async () => s?.close());

    it('serves the built-in SVG sprite with cache headers, and 304 for a matching If-None-Match', async () => {
      const r = await s.req(`/api/pets/${u.pet.id}/portrait`, { token: u.alice });
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      expect(source(r)).toBe('sprite');
      expect(r.headers.get('cache-control')).toBe('private, max-age=300');
      const etag = r.headers.get('etag');
      expect(etag).toMatch(/^"[^"]+"$/);
      const svg = await r.text();
      expect(svg).toMatch(/^<svg[\s>]/);
      expect(svg).toContain('</svg>');

      const again = await s.req(`/api/pets/${u.pet.id}/portrait`, { token: u.alice, headers: { 'if-none-match': etag! } });
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect(await again.text()).toBe('');
    });

    it('lets the popup (another origin) read X-Portrait-Source, beside the usual exposed headers', async () => {
      const r = await s.req(`/api/pets/${u.pet.id}/portrait`, { token: u.alice, headers: { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' } });
      expect(r.status).toBe(200);
      expect(r.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
      const exposed = (r.headers.get('access-control-expose-headers') ?? '').split(',').map((h) => h.trim().toLowerCase());
      expect(exposed).toEqual(expect.arrayContaining(['x-portrait-source', 'etag', 'x-request-id', 'retry-after']));
    });

    it('is scoped like every pet route: 404 for another user\'s pet, a missing one and a malformed id; 401 without a session', async () => {
      for (const path of [`/api/pets/${u.bobPet.id}/portrait`, '/api/pets/00000000-0000-4000-8000-000000000000/portrait', '/api/pets/not-a-uuid/portrait']) {
        const r = await s.req(path, { token: u.alice });
        expect(r.status, path).toBe(404);
        expect(((await r.json()) as { error: { code: string } }).error.code).toBe('not_found');
      }
      expect((await s.req(`/api/pets/${u.pet.id}/portrait`)).status).toBe(401);
      // Bob sees his own robot.
      const r = await s.req(`/api/pets/${u.bobPet.id}/portrait`, { token: u.bob });
      expect(r.status).toBe(200);
      expect(source(r)).toBe('sprite');
    });
  });

  describe.skipIf(target.skip)(`Gemini portraits on ${target.name}`, () => {
    let s: Stack;
    let gemini: FakeGemini;
    let u: Awaited<ReturnType<typeof twoUsers>>;

    /** Puts Alice's pet in a (state, stage): each test uses its own combination, so its own cache entry. */
    const look = async (state: PetState, stage: PetStage) => {
      await s.db.db.updateTable('entities').set({ state, stage }).where('id', '=', u.pet.id).execute();
      return { family: u.pet.family, species: u.pet.species, state, stage };
    };
    const portrait = (token = u.alice) => s.req(`/api/pets/${u.pet.id}/portrait`, { token });
    const row = (k: { state: PetState; stage: PetStage }) =>
      s.db.db
        .selectFrom('pet_portraits')
        .selectAll()
        .where('family', '=', u.pet.family)
        .where('species', '=', u.pet.species)
        .where('state', '=', k.state)
        .where('stage', '=', k.stage)
        .executeTakeFirst();

    beforeAll(async () => {
      gemini = await new FakeGemini().start();
      s = await startStack(target, { worker: false, env: { GEMINI_API_KEY: KEY, GEMINI_BASE_URL: gemini.url } });
      u = await twoUsers(s);
    });
    afterAll(async () => {
      await s?.close();
      await gemini?.close();
    });
    beforeEach(() => {
      gemini.behaviour = { kind: 'image' };
      gemini.delayMs = 0;
      gemini.requests.length = 0;
    });

    it('generates a PNG with Gemini once, stores it in Postgres and serves it from there after', async () => {
      const k = await look('healthy', 'baby');
      const r = await portrait();
      expect(r.status).toBe(200);
      expect(source(r)).toBe('gemini');
      expect(r.headers.get('content-type')).toBe('image/png');
      expect(r.headers.get('cache-control')).toBe('private, max-age=300');
      expect(Buffer.from(await r.arrayBuffer()).equals(gemini.png)).toBe(true);

      // What the SDK sent: the documented REST path, the key in its header (not the URL), an image request.
      expect(gemini.calls).toHaveLength(1);
      const call = gemini.calls[0]!;
      expect(call.url).toBe(`/v1beta/models/${PORTRAIT_MODEL}:generateContent`);
      expect(call.headers['x-goog-api-key']).toBe(KEY);
      expect(call.body?.generationConfig?.responseModalities).toEqual(['IMAGE']);
      const prompt = call.body?.contents?.[0]?.parts?.[0]?.text ?? '';
      expect(prompt).toContain(u.pet.species);
      expect(prompt).toMatch(/baby/);

      const stored = await row(k);
      expect(stored?.status).toBe('ready');
      expect(stored?.mime_type).toBe('image/png');
      expect(stored?.model).toBe(PORTRAIT_MODEL);
      expect(Buffer.from(stored!.image!).equals(gemini.png)).toBe(true);

      const usage = await s.db.db.selectFrom('llm_usage').selectAll().where('purpose', '=', 'portrait').execute();
      expect(usage).toHaveLength(1);
      expect(usage[0]).toMatchObject({ provider: 'gemini', model: PORTRAIT_MODEL, ok: true, tokens_in: 27, tokens_out: 1298, user_id: expect.any(String) });
      expect(usage[0]!.cost_usd).toBeGreaterThan(0);

      // Again, for the same user and for another user's pet with the same look: no new call.
      const again = await portrait();
      expect(source(again)).toBe('gemini');
      expect(Buffer.from(await again.arrayBuffer()).equals(gemini.png)).toBe(true);
      const etag = again.headers.get('etag')!;
      expect((await s.req(`/api/pets/${u.pet.id}/portrait`, { token: u.alice, headers: { 'if-none-match': etag } })).status).toBe(304);
      // A fresh process (empty memory) reads it from Postgres, still without calling Gemini.
      const fresh = await createPortraitService(s.api.deps).portraitFor(k, { userId: 'x', log: s.api.deps.log });
      expect(fresh.source).toBe('gemini');
      expect(Buffer.from(fresh.body as Uint8Array).equals(gemini.png)).toBe(true);
      expect(gemini.calls).toHaveLength(1);
    });

    it('ten parallel requests for a new look call Gemini once', async () => {
      await look('thriving', 'teen');
      gemini.delayMs = 300;
      const rs = await Promise.all(Array.from({ length: 10 }, () => portrait()));
      expect(rs.map((r) => r.status)).toEqual(Array(10).fill(200));
      expect(rs.map(source)).toEqual(Array(10).fill('gemini'));
      for (const r of rs) expect(Buffer.from(await r.arrayBuffer()).equals(gemini.png)).toBe(true);
      expect(gemini.calls).toHaveLength(1);
    });

    it('two api instances racing on one database call Gemini once: the row is the claim', async () => {
      const k = await look('okay', 'adult');
      gemini.delayMs = 400;
      const a = createPortraitService(s.api.deps, { pollMs: 50 });
      const b = createPortraitService(s.api.deps, { pollMs: 50 });
      const ctx = { userId: 'x', log: s.api.deps.log };
      const got = await Promise.all([...Array.from({ length: 5 }, () => a.portraitFor(k, ctx)), ...Array.from({ length: 5 }, () => b.portraitFor(k, ctx))]);
      expect(got.map((p) => p.source)).toEqual(Array(10).fill('gemini'));
      expect(gemini.calls).toHaveLength(1);
    });

    it('a claim left behind by a crashed instance is taken over once its lease has run out', async () => {
      const k = await look('healthy', 'teen');
      await s.db.db
        .insertInto('pet_portraits')
        .values({ ...k, status: 'pending', attempts: 3, locked_until: new Date(Date.now() - 1_000) })
        .execute();
      const r = await portrait();
      expect(source(r)).toBe('gemini');
      expect(gemini.calls).toHaveLength(1);
      expect(await row(k)).toMatchObject({ status: 'ready', attempts: 4, locked_until: null });
    });

    it('Gemini 500 → the sprite with a 200, recorded as a failed call, then a back-off instead of hammering Gemini', async () => {
      const k = await look('poor', 'baby');
      gemini.behaviour = { kind: 'error', status: 500 };
      const r = await portrait();
      expect(r.status).toBe(200);
      expect(source(r)).toBe('sprite');
      expect(r.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      expect(await r.text()).toMatch(/^<svg[\s>]/);
      expect(gemini.calls).toHaveLength(1);
      expect((await row(k))?.status).toBe('failed');
      const failed = await s.db.db.selectFrom('llm_usage').selectAll().where('purpose', '=', 'portrait').where('ok', '=', false).execute();
      expect(failed.length).toBeGreaterThanOrEqual(1);
      expect(failed[0]).toMatchObject({ provider: 'gemini', tokens_in: 0, tokens_out: 0 });

      gemini.behaviour = { kind: 'image' };
      const next = await portrait();
      expect(source(next)).toBe('sprite');
      expect(gemini.calls).toHaveLength(1);
      expect(s.logs.join('')).toMatch(/portrait generation failed.*"status":500|"status":500.*portrait generation failed/);
    });

    it.each([
      ['a body that is not JSON', { kind: 'not-json' }, 'dying', 'baby'],
      ['inline data that is not an image', { kind: 'not-an-image' }, 'dying', 'teen'],
      ['text without an image', { kind: 'text-only' }, 'dying', 'adult'],
      ['a 429', { kind: 'error', status: 429 }, 'egg', 'teen'],
    ] as const)('%s → the sprite with a 200', async (_name, behaviour, state, stage) => {
      await look(state, stage);
      gemini.behaviour = behaviour;
      const r = await portrait();
      expect(r.status).toBe(200);
      expect(source(r)).toBe('sprite');
      expect(await r.text()).toMatch(/^<svg[\s>]/);
      expect(gemini.calls).toHaveLength(1);
    });

    // The 10 s wait is the same on every database: run once, on PostgreSQL + Redis when it is
    // here (production's), else on the embedded stack — not 10 s of npm test per target.
    it.skipIf(target.name !== HANG_TARGET)('Gemini hanging → the sprite with a 200 after 10 s', { timeout: 25_000 }, async () => {
      await look('dead', 'adult');
      gemini.behaviour = { kind: 'hang' };
      const started = Date.now();
      const r = await portrait();
      const ms = Date.now() - started;
      expect(r.status).toBe(200);
      expect(source(r)).toBe('sprite');
      expect(ms).toBeGreaterThanOrEqual(9_500);
      expect(ms).toBeLessThan(13_000);
      expect(gemini.calls).toHaveLength(1);
    });

    it('another user\'s pet is a 404 and costs no Gemini call', async () => {
      const r = await s.req(`/api/pets/${u.pet.id}/portrait`, { token: u.bob });
      expect(r.status).toBe(404);
      expect(gemini.calls).toHaveLength(0);
    });

    it('the key never appears in a log line, a response or the database', async () => {
      const logs = s.logs.join('');
      expect(logs).toContain('portrait'); // the failures above were logged…
      expect(logs).not.toContain(KEY); // …without the key
      expect(logs).not.toContain(KEY.slice(6, 30));
      const r = await portrait();
      expect(Buffer.from(await r.arrayBuffer()).toString('latin1')).not.toContain(KEY);
      expect(JSON.stringify([...r.headers])).not.toContain(KEY);
      expect(await dumpDatabase(s)).not.toContain(KEY);
    });
  });
}
