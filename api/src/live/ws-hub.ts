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
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { CHANNELS } from '@tamagitto/db';
import { WebSocket, WebSocketServer } from 'ws';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import type { ServerMessage } from './dto.ts';

const HEARTBEAT_MS = 30_000;

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
  const alive = new WeakSet<WebSocket>();

  const onUpgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/api/ws') return reject(socket, 404, 'not_found', 'no such route');
    const ticket = url.searchParams.get('ticket');
    if (!ticket) return reject(socket, 401, 'unauthorized', 'missing ticket: POST /api/ws/ticket first');
    let userId: string;
    try {
      const t = await deps.sessions.verifyTicket(ticket);
      if (!(await deps.bus.claimOnce(`ws-ticket:${t.jti}`, 120_000))) {
        return reject(socket, 401, 'invalid_token', 'ticket already used: ask for a new one');
      }
      userId = t.userId;
    } catch (err) {
      if (err instanceof AppError) return reject(socket, 401, err.code, err.code === 'token_expired' ? 'ticket expired: ask for a new one' : 'invalid ticket');
      return reject(socket, 503, 'not_ready', 'cannot check the ticket right now');
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      let set = byUser.get(userId);
      if (!set) byUser.set(userId, (set = new Set()));
      set.add(ws);
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
        if (set.size === 0) byUser.delete(userId);
        deps.metrics.wsClients.dec();
      });
      send(ws, { type: 'hello', userId });
    });
  };
  const listener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void onUpgrade(req, socket, head);
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
    const { userId: _omit, ...message } = m;
    for (const ws of sockets) send(ws, message as ServerMessage);
  };
  const unsubs = await Promise.all([deps.bus.subscribe(CHANNELS.petUpdated, relay), deps.bus.subscribe(CHANNELS.coachNudge, relay)]);

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
