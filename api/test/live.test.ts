/**
 * The live channel as documented: a ticket, then `GET /api/ws?ticket=` as a
 * WebSocket whose every frame is a `ServerMessage` (api/src/live/dto.ts); a
 * plain HTTP request to the socket's URL gets a 426 with the error envelope;
 * a socket that stops reading is cut off past LIVE_MAX_BUFFERED_BYTES and
 * counted in the metrics. On the embedded stack.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '@tamagitto/db';
import type { ServerMessage } from '@tamagitto/domain';
import { ServerMessageSchema } from '../src/live/dto.ts';
import { stackTargets, startStack, until, type Stack } from './support/index.ts';

const target = stackTargets()[0]!;
const TOKEN = 'ghp_liveUser0000000000000000000000000001';
const METRICS_TOKEN = 'live-metrics-token-0000000000';
const LIMIT = 65_536;

describe('the live channel', () => {
  let s: Stack;
  let session: string;
  let userId: string;
  beforeAll(async () => {
    s = await startStack(target, { worker: false, env: { LIVE_MAX_BUFFERED_BYTES: String(LIMIT), METRICS_TOKEN } });
    s.github.addUser({ login: 'octocat', id: 583231, token: TOKEN });
    s.github.addRepo('octocat', 'live-one', { id: 7070001, language: 'TypeScript' });
    const signedIn = await s.signIn(TOKEN);
    session = signedIn.token;
    userId = signedIn.user.id;
  });
  afterAll(async () => s?.close());

  it('a plain GET /api/ws (no upgrade) is a 426 with the envelope, and says how to open it', async () => {
    const r = await s.req('/api/ws?ticket=whatever');
    expect(r.status).toBe(426);
    expect(r.headers.get('upgrade')).toBe('websocket');
    const body = (await r.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toContain('WebSocket');
    expect((await s.req('/api/ws')).status).toBe(426);
  });

  it('every frame the server pushes is a documented ServerMessage: hello, pet.updated, pet.deleted, pong', async () => {
    const ws = await s.openSocket(session);
    await ws.next((m) => m.type === 'hello');
    const pet = await s.adopt(session, 'octocat/live-one');
    await ws.next((m) => m.type === 'pet.updated' && m.petId === pet.id);
    expect((await s.req(`/api/pets/${pet.id}`, { method: 'DELETE', token: session })).status).toBe(204);
    await ws.next((m) => m.type === 'pet.deleted' && m.petId === pet.id);
    ws.ws.send(JSON.stringify({ type: 'ping' }));
    await ws.next((m) => m.type === 'pong');
    const types = new Set(ws.messages.map((m: ServerMessage) => m.type));
    expect([...types].sort()).toEqual(['hello', 'pet.deleted', 'pet.updated', 'pong']);
    for (const m of ws.messages) expect(ServerMessageSchema.safeParse(m).error?.issues ?? [], JSON.stringify(m)).toEqual([]);
    ws.close();
  });

  it('a ticket is single use and valid 30 s', async () => {
    const r = await s.req('/api/ws/ticket', { method: 'POST', token: session });
    expect(r.status).toBe(201);
    const t = (await r.json()) as { ticket: string; expiresAt: string };
    const ttl = new Date(t.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(20_000);
    expect(ttl).toBeLessThanOrEqual(31_000);
  });

  it('cuts off a socket that stops reading once more than LIVE_MAX_BUFFERED_BYTES wait for it, and counts it', async () => {
    const dropped = async () => {
      const text = await (await s.req('/api/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
      return Number(/^tamagitto_live_slow_clients_dropped_total\{channel="ws"\} (\d+)/m.exec(text)?.[1] ?? 0);
    };
    const before = await dropped();
    const slow = await s.openSocket(session);
    await slow.next((m) => m.type === 'hello');
    const open = s.api.hub.clientCount();
    slow.ws.pause();
    const big = 'x'.repeat(LIMIT);
    // Each nudge is ~64 KB on the wire; the loopback takes a few MB before anything waits in the server.
    for (let i = 0; i < 400 && (await dropped()) === before; i++) {
      await s.bus.publish(CHANNELS.coachNudge, { userId, type: 'coach.nudge', id: randomUUID(), kind: 'long_block', message: big, at: new Date().toISOString() });
      await new Promise((r) => setImmediate(r));
    }
    expect(await dropped()).toBe(before + 1);
    await until(() => s.api.hub.clientCount() === open - 1, 10_000, 'the slow socket to be gone');
  });
});
