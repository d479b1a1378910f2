/**
 * The live channel as documented: a ticket, then `GET /api/ws?ticket=` as a
 * WebSocket whose every frame is a `ServerMessage` (api/src/live/dto.ts); a
 * plain HTTP request to the socket's URL gets a 426 with the error envelope;
 * a socket that stops reading is cut off past LIVE_MAX_BUFFERED_BYTES and
 * counted in the metrics. Then `GET /api/events`, the Server-Sent Events stream
 * (api/src/live/sse.ts): refusals (401, 403 for a key without `pets:read`, 400
 * for a bad Last-Event-ID), an event as documented (`id:`, `event:`, a
 * ServerMessage as `data:`) with a session and with an API key, `Last-Event-ID`
 * resume from the stored history (a backlog past the bound too), heartbeats at a
 * small configured interval, and a client that stops reading cut off and counted.
 * One embedded stack for both.
 */
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '@tamagitto/db';
import type { ServerMessage } from '@tamagitto/domain';
import { ServerMessageSchema } from '../src/live/dto.ts';
import { errorOf, stackTargets, startStack, until, type Stack } from './support/index.ts';

const target = stackTargets()[0]!;
const TOKEN = 'ghp_liveUser0000000000000000000000000001';
const SSE_TOKEN = 'ghp_sseUser00000000000000000000000000001';
const METRICS_TOKEN = 'live-metrics-token-0000000000';
const LIMIT = 65_536;

interface SseEvent {
  id: string | null;
  event: string;
  data: string;
}

/** A stream being read: its parsed events and comments, and a wait for the next matching one. */
interface Reading {
  events: SseEvent[];
  comments: string[];
  next(pred: (e: SseEvent) => boolean, ms?: number): Promise<SseEvent>;
  close(): Promise<void>;
}

function read(res: Response): Reading {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let done = false;
  void (async () => {
    try {
      for (;;) {
        const r = await reader.read();
        if (r.done) break;
        buffer += decoder.decode(r.value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const e: SseEvent = { id: null, event: 'message', data: '' };
          let isEvent = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) e.id = line.slice(4);
            else if (line.startsWith('event: ')) e.event = line.slice(7);
            else if (line.startsWith('data: ')) {
              e.data = line.slice(6);
              isEvent = true;
            }
          }
          if (isEvent) events.push(e);
        }
      }
    } catch {
      /* cancelled */
    } finally {
      done = true;
    }
  })();
  return {
    events,
    comments,
    next: (pred, ms = 15_000) => until(() => events.find(pred) ?? (done && Promise.reject(new Error(`the stream ended; got ${JSON.stringify(events)}`))), ms, 'an SSE event'),
    close: () => reader.cancel().catch(() => {}),
  };
}

describe('the live channel', () => {
  let s: Stack;
  let session: string;
  let userId: string;
  beforeAll(async () => {
    s = await startStack(target, { worker: false, env: { LIVE_MAX_BUFFERED_BYTES: String(LIMIT), LIVE_SSE_HEARTBEAT_MS: '100', METRICS_TOKEN } });
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

  describe('GET /api/events (Server-Sent Events)', () => {
    let session: string;
    let userId: string;
    const open = (headers: Record<string, string>) => fetch(`${s.url}/api/events`, { headers: { accept: 'text/event-stream', ...headers } });
    const counter = async (channel: string) => {
      const text = await (await s.req('/api/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
      return Number(new RegExp(`^tamagitto_live_slow_clients_dropped_total\\{channel="${channel}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
    };
    const key = async (scopes: string[]) => ((await (await s.req('/api/keys', { method: 'POST', token: session, json: { name: scopes.join('+'), scopes } })).json()) as { key: string }).key;

    beforeAll(async () => {
      s.github.addUser({ login: 'hubot', id: 583232, token: SSE_TOKEN });
      s.github.addRepo('hubot', 'sse-one', { id: 7080001, language: 'TypeScript' });
      s.github.addRepo('hubot', 'sse-two', { id: 7080002, language: 'Python' });
      const signedIn = await s.signIn(SSE_TOKEN);
      session = signedIn.token;
      userId = signedIn.user.id;
    });

    it('refuses with the JSON envelope: 401 without credentials, 403 for a key without pets:read, 400 for a bad Last-Event-ID', async () => {
      const none = await open({});
      expect(none.status).toBe(401);
      expect((await errorOf(none)).code).toBe('unauthorized');
      const checksOnly = await open({ 'x-api-key': await key(['checks:write']) });
      expect(checksOnly.status).toBe(403);
      expect(await errorOf(checksOnly)).toEqual({ code: 'forbidden', message: 'this API key lacks the pets:read scope' });
      const bad = await open({ authorization: `Bearer ${session}`, 'last-event-id': 'abc' });
      expect(bad.status).toBe(400);
      expect((await errorOf(bad)).code).toBe('validation_failed');
    });

    it('streams pet.updated with an id, to a session and to a pets:read key; resumes after Last-Event-ID from the stored history', async () => {
      const bySession = await open({ authorization: `Bearer ${session}` });
      expect(bySession.status).toBe(200);
      expect(bySession.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const byKey = await open({ 'x-api-key': await key(['pets:read']) });
      expect(byKey.status).toBe(200);
      const a = read(bySession);
      const b = read(byKey);
      const first = await s.adopt(session, 'hubot/sse-one');
      const e1 = await a.next((e) => e.event === 'pet.updated' && e.data.includes(first.id));
      expect(e1.id).toMatch(/^\d+$/);
      const message = JSON.parse(e1.data) as unknown;
      expect(ServerMessageSchema.safeParse(message).error?.issues ?? []).toEqual([]);
      expect(message).toMatchObject({ type: 'pet.updated', petId: first.id, reason: 'adopt' });
      expect(await b.next((e) => e.id === e1.id)).toEqual(e1);
      await a.close();
      await b.close();

      // Missed while away: a second adoption and a release.
      const second = await s.adopt(session, 'hubot/sse-two');
      expect((await s.req(`/api/pets/${first.id}`, { method: 'DELETE', token: session })).status).toBe(204);
      const resumed = read(await open({ authorization: `Bearer ${session}`, 'last-event-id': e1.id! }));
      const deleted = await resumed.next((e) => e.event === 'pet.deleted');
      expect(JSON.parse(deleted.data)).toEqual({ type: 'pet.deleted', petId: first.id });
      const kinds = resumed.events.map((e) => [e.event, (JSON.parse(e.data) as { petId: string }).petId]);
      expect(kinds).toEqual([
        ['pet.updated', second.id],
        ['pet.deleted', first.id],
      ]);
      const ids = resumed.events.map((e) => BigInt(e.id!));
      expect(ids[0]! > BigInt(e1.id!) && ids[1]! > ids[0]!).toBe(true);
      await resumed.close();
    });

    it('replays a backlog larger than LIVE_MAX_BUFFERED_BYTES at the reader’s pace, in order, without cutting it off', async () => {
      const nudge = (n: number) => ({ userId, type: 'coach.nudge', id: randomUUID(), kind: 'long_block', message: `${n}:${'y'.repeat(48_000)}`, at: new Date().toISOString() });
      const a = read(await open({ authorization: `Bearer ${session}` }));
      await s.bus.publish(CHANNELS.coachNudge, nudge(0));
      const mark = await a.next((e) => e.event === 'coach.nudge' && e.data.includes('"0:'));
      await a.close();
      for (let n = 1; n <= 4; n++) await s.bus.publish(CHANNELS.coachNudge, nudge(n));
      const stored = () => s.db.db.selectFrom('live_events').select('id').where('user_id', '=', userId).where('kind', '=', 'coach.nudge').where('id', '>', mark.id!).execute();
      await until(async () => (await stored()).length === 4, 10_000, 'four stored nudges');
      const before = await counter('sse');
      const resumed = read(await open({ authorization: `Bearer ${session}`, 'last-event-id': mark.id! }));
      await resumed.next((e) => e.data.includes('"4:'));
      expect(resumed.events.map((e) => /"message":"(\d):/.exec(e.data)?.[1])).toEqual(['1', '2', '3', '4']);
      expect(await counter('sse')).toBe(before);
      await resumed.close();
    });

    it('sends a heartbeat comment at the configured interval', async () => {
      const r = read(await open({ authorization: `Bearer ${session}` }));
      await until(() => r.comments.filter((c) => c === 'heartbeat').length >= 2, 5_000, 'two heartbeats');
      expect(r.comments[0]).toBe('stream open');
      await r.close();
    });

    it('cuts off a client that stops reading once more than LIVE_MAX_BUFFERED_BYTES wait for it, and counts it', async () => {
      const before = await counter('sse');
      // A raw client that sends the request and never reads: the kernel's buffers fill first, then the server's queue.
      const socket = connect(new URL(s.url).port ? Number(new URL(s.url).port) : 80, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(`GET /api/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\nAuthorization: Bearer ${session}\r\n\r\n`);
      socket.pause();
      let closed = false;
      socket.on('close', () => (closed = true));
      socket.on('error', () => (closed = true));
      const big = 'x'.repeat(LIMIT);
      // Each nudge is ~64 KB on the wire; the loopback takes a few MB before anything waits in the server.
      for (let i = 0; i < 400 && (await counter('sse')) === before; i++) {
        await s.bus.publish(CHANNELS.coachNudge, { userId, type: 'coach.nudge', id: randomUUID(), kind: 'long_block', message: big, at: new Date().toISOString() });
        await new Promise((r) => setImmediate(r));
      }
      expect(await counter('sse')).toBe(before + 1);
      socket.resume();
      await until(() => closed, 10_000, 'the server to close the slow stream');
    });
  });
});
