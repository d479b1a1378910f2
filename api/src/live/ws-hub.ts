/**
 * The WebSocket hub, on the same http server as the API (`GET /api/ws?ticket=`).
 * Our own 'upgrade' listener (not @hono/node-server's) so the ticket is
 * checked BEFORE the upgrade: a bad ticket gets a plain 401 JSON response.
 * An upgrade on any other path gets a 404: node's http server hands every
 * upgrade request to 'upgrade' listeners and never to the request handler,
 * so without an answer here the client's socket would hang until it timed out.
 * Each instance relays bus events to its own sockets, so a webhook handled
 * by any instance reaches a client connected to any other. The frames are
 * the ServerMessage schema (dto.ts).
 *
 * A socket belongs to the session whose ticket opened it: redeeming the
 * ticket checks that session is still live, and every instance closes a
 * session's sockets on 'session.revoked' (sign-out) and all of a user's on
 * 'user.deleted', with close code 4401 (CLOSE_SIGNED_OUT). A pet whose owner
 * lost access to its repository ('access.changed', entities.access_lost_at)
 * gets no `pet.updated` relayed to that owner until access comes back.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { CHANNELS, listEntitiesOfRepository, lostAccessPetIds, type CheckUpdatedMessage } from '@tamagitto/db';
import { WebSocket, WebSocketServer } from 'ws';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import type { ServerMessage } from './dto.ts';

const HEARTBEAT_MS = 30_000;
/** Close code of a socket whose session ended (signed out, account deleted): the client must sign in again. */
export const CLOSE_SIGNED_OUT = 4401;

export interface WsHub {
  clientCount(): number;
  close(): Promise<void>;
}

function reject(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  const reason = status === 401 ? 'Unauthorized' : status === 404 ? 'Not Found' : status === 503 ? 'Service Unavailable' : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export async function attachWebSockets(server: Server, deps: AppDeps, opts: { heartbeatMs?: number } = {}): Promise<WsHub> {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const byUser = new Map<string, Set<WebSocket>>();
  const bySession = new Map<string, Set<WebSocket>>();
  /** Per connected user: their pets whose repository they can no longer read (nothing relayed about those). */
  const lostByUser = new Map<string, Set<string>>();
  const alive = new WeakSet<WebSocket>();

  const onUpgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      // e.g. `GET //[`: node's parser lets it through; thrown here it would be an unhandled rejection that ends the process.
      return reject(socket, 400, 'bad_request', 'not a valid request target');
    }
    if (url.pathname !== '/api/ws') return reject(socket, 404, 'not_found', 'no such route');
    const ticket = url.searchParams.get('ticket');
    if (!ticket) return reject(socket, 401, 'unauthorized', 'missing ticket: POST /api/ws/ticket first');
    let userId: string;
    let sessionId: string;
    let lost: string[];
    try {
      const t = await deps.sessions.verifyTicket(ticket);
      if (!(await deps.bus.claimOnce(`ws-ticket:${t.jti}`, 120_000))) {
        return reject(socket, 401, 'invalid_token', 'ticket already used: ask for a new one');
      }
      // The session that asked for the ticket may have signed out in the 30 s since.
      await deps.sessions.assertLive(t);
      ({ userId, sessionId } = t);
      lost = await lostAccessPetIds(deps.db, userId);
    } catch (err) {
      if (err instanceof AppError) {
        const message = err.code === 'token_expired' ? 'ticket expired: ask for a new one' : err.message === 'invalid session token' ? 'invalid ticket' : err.message;
        return reject(socket, 401, err.code, message);
      }
      return reject(socket, 503, 'not_ready', 'cannot check the ticket right now');
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      let set = byUser.get(userId);
      if (!set) byUser.set(userId, (set = new Set()));
      set.add(ws);
      let ofSession = bySession.get(sessionId);
      if (!ofSession) bySession.set(sessionId, (ofSession = new Set()));
      ofSession.add(ws);
      if (!lostByUser.has(userId)) lostByUser.set(userId, new Set(lost));
      alive.add(ws);
      deps.metrics.wsClients.inc();
      ws.on('pong', () => alive.add(ws));
      ws.on('message', (data, isBinary) => {
        alive.add(ws);
        if (isBinary) return;
        try {
          const msg = JSON.parse(data.toString()) as { type?: unknown };
          if (msg.type === 'ping') send(ws, { type: 'pong' });
        } catch {
          /* ignore junk: only keepalive is accepted from clients */
        }
      });
      ws.on('error', () => ws.terminate());
      ws.on('close', () => {
        set.delete(ws);
        if (set.size === 0) {
          byUser.delete(userId);
          lostByUser.delete(userId);
        }
        ofSession.delete(ws);
        if (ofSession.size === 0) bySession.delete(sessionId);
        deps.metrics.wsClients.dec();
      });
      send(ws, { type: 'hello', userId });
    });
  };
  // Whatever goes wrong in an upgrade ends that socket, never the process (a rejection nobody handles would).
  const listener = (req: IncomingMessage, socket: Duplex, head: Buffer) =>
    void onUpgrade(req, socket, head).catch((err: unknown) => {
      deps.log.error({ err: { message: (err as Error).message } }, 'WebSocket upgrade failed');
      socket.destroy();
    });
  server.on('upgrade', listener);

  // Idle sockets behind proxies get cut; pings keep them open and find dead peers.
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, opts.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();

  const relay = (raw: unknown) => {
    const m = raw as { userId?: unknown } & Record<string, unknown>;
    if (typeof m?.userId !== 'string') return;
    const sockets = byUser.get(m.userId);
    if (!sockets) return;
    if (m.type === 'pet.updated' && typeof m.petId === 'string' && lostByUser.get(m.userId)?.has(m.petId)) return;
    const { userId: _omit, ...message } = m;
    for (const ws of sockets) send(ws, message as ServerMessage);
  };
  const closeAll = (sockets: Set<WebSocket> | undefined, reason: string) => {
    for (const ws of [...(sockets ?? [])]) ws.close(CLOSE_SIGNED_OUT, reason);
  };
  const onSessionRevoked = (raw: unknown) => {
    const m = raw as { sessionId?: unknown };
    if (typeof m?.sessionId === 'string') closeAll(bySession.get(m.sessionId), 'signed out: sign in again');
  };
  const onUserDeleted = (raw: unknown) => {
    const m = raw as { userId?: unknown };
    if (typeof m?.userId === 'string') closeAll(byUser.get(m.userId), 'account deleted');
  };
  const onAccessChanged = (raw: unknown) => {
    const m = raw as { userId?: unknown; entityId?: unknown; lost?: unknown };
    if (typeof m?.userId !== 'string' || typeof m.entityId !== 'string') return;
    const lost = lostByUser.get(m.userId);
    if (!lost) return; // no socket of this user here: the next connection reads it from the database
    if (m.lost === true) lost.add(m.entityId);
    else if (m.lost === false) lost.delete(m.entityId);
  };
  // A PR check changed: to the adopters of its repository connected here (not for a pet whose repository they lost).
  const onCheckUpdated = (raw: unknown) => {
    const m = raw as Partial<CheckUpdatedMessage>;
    if (byUser.size === 0 || typeof m?.repositoryId !== 'string' || typeof m.checkId !== 'string') return;
    listEntitiesOfRepository(deps.db, m.repositoryId)
      .then((pets) => {
        for (const pet of pets) {
          const sockets = byUser.get(pet.user_id);
          if (!sockets || lostByUser.get(pet.user_id)?.has(pet.id)) continue;
          const message = { type: 'check.updated', checkId: m.checkId!, petId: pet.id, prNumber: m.prNumber!, headSha: m.headSha!, status: m.status!, verdict: m.verdict ?? null } as const;
          for (const ws of sockets) send(ws, message);
        }
      })
      .catch(() => undefined);
  };
  const unsubs = await Promise.all([
    deps.bus.subscribe(CHANNELS.checkUpdated, onCheckUpdated),
    deps.bus.subscribe(CHANNELS.petUpdated, relay),
    deps.bus.subscribe(CHANNELS.coachNudge, relay),
    deps.bus.subscribe(CHANNELS.sessionRevoked, onSessionRevoked),
    deps.bus.subscribe(CHANNELS.userDeleted, onUserDeleted),
    deps.bus.subscribe(CHANNELS.accessChanged, onAccessChanged),
  ]);

  return {
    clientCount: () => wss.clients.size,
    async close() {
      clearInterval(heartbeat);
      server.off('upgrade', listener);
      await Promise.all(unsubs.map((u) => u().catch(() => {})));
      for (const ws of wss.clients) ws.close(1001, 'server shutting down');
      await new Promise<void>((r) => wss.close(() => r()));
    },
  };
}

function send(ws: WebSocket, msg: ServerMessage): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(msg));
}
