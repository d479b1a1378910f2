/**
 * The WebSocket hub, on the same http server as the API (`GET /api/ws?ticket=`).
 * Our own 'upgrade' listener (not @hono/node-server's) so the ticket is
 * checked BEFORE the upgrade: a bad ticket gets a plain 401 JSON response.
 * An upgrade on any other path gets a 404: node's http server hands every
 * upgrade request to 'upgrade' listeners and never to the request handler,
 * so without an answer here the client's socket would hang until it timed out.
 * Each instance relays bus events to its own sockets (relay.ts, shared with
 * the SSE stream), so a webhook handled by any instance reaches a client
 * connected to any other. The frames are the ServerMessage schema (dto.ts);
 * a broadcast is serialised once and the same Buffer goes to every socket.
 *
 * A socket belongs to the session whose ticket opened it: redeeming the
 * ticket checks that session is still live, and every instance closes a
 * session's sockets on 'session.revoked' (sign-out) and all of a user's on
 * 'user.deleted', with close code 4401 (CLOSE_SIGNED_OUT). A pet whose owner
 * lost access to its repository ('access.changed', entities.access_lost_at)
 * gets no `pet.updated` relayed to that owner until access comes back.
 *
 * Slow consumers are bounded: a socket whose unsent bytes (ws `bufferedAmount`:
 * what the kernel would not take yet) would pass LIVE_MAX_BUFFERED_BYTES is
 * terminated — its memory freed at once — and counted in
 * `tamagitto_live_slow_clients_dropped_total{channel="ws"}`.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import type { ServerMessage } from './dto.ts';
import { liveRelay, type LiveClient, type LiveEvent } from './relay.ts';

export { CLOSE_SIGNED_OUT } from './relay.ts';

const HEARTBEAT_MS = 30_000;
const TEXT = { binary: false } as const;

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

/** A socket as the relay sees it: frames go out unless the peer stopped reading. */
class SocketClient implements LiveClient {
  readonly wantsIds = false;
  constructor(
    readonly ws: WebSocket,
    readonly userId: string,
    readonly sessionId: string,
    private readonly deps: AppDeps,
  ) {}

  deliver(event: LiveEvent): void {
    this.sendBytes(event.bytes);
  }

  send(msg: ServerMessage): void {
    this.sendBytes(Buffer.from(JSON.stringify(msg)));
  }

  private sendBytes(bytes: Buffer): void {
    const ws = this.ws;
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount + bytes.length > this.deps.env.LIVE_MAX_BUFFERED_BYTES) {
      this.deps.metrics.liveSlowClients.inc({ channel: 'ws' });
      this.deps.log.info({ userId: this.userId, buffered: ws.bufferedAmount }, 'WebSocket client stopped reading: cut off');
      ws.terminate();
      return;
    }
    ws.send(bytes, TEXT);
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }
}

export async function attachWebSockets(server: Server, deps: AppDeps, opts: { heartbeatMs?: number } = {}): Promise<WsHub> {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096, clientTracking: true });
  const relay = await liveRelay(deps);
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
    try {
      const t = await deps.sessions.verifyTicket(ticket);
      if (!(await deps.bus.claimOnce(`ws-ticket:${t.jti}`, 120_000))) {
        return reject(socket, 401, 'invalid_token', 'ticket already used: ask for a new one');
      }
      // The session that asked for the ticket may have signed out in the 30 s since.
      await deps.sessions.assertLive(t);
      ({ userId, sessionId } = t);
    } catch (err) {
      if (err instanceof AppError) {
        const message = err.code === 'token_expired' ? 'ticket expired: ask for a new one' : err.message === 'invalid session token' ? 'invalid ticket' : err.message;
        return reject(socket, 401, err.code, message);
      }
      return reject(socket, 503, 'not_ready', 'cannot check the ticket right now');
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const client = new SocketClient(ws, userId, sessionId, deps);
      alive.add(ws);
      deps.metrics.wsClients.inc();
      ws.on('pong', () => alive.add(ws));
      ws.on('message', (data, isBinary) => {
        alive.add(ws);
        if (isBinary) return;
        try {
          const msg = JSON.parse(data.toString()) as { type?: unknown };
          if (msg.type === 'ping') client.send({ type: 'pong' });
        } catch {
          /* ignore junk: only keepalive is accepted from clients */
        }
      });
      ws.on('error', () => ws.terminate());
      ws.on('close', () => {
        relay.remove(client);
        deps.metrics.wsClients.dec();
      });
      // The user's lost pets are read once per connected user (relay.add), before anything is relayed.
      relay.add(client).then(
        () => {
          // Closed while it was being added: the close listener found nothing to remove.
          if (ws.readyState !== WebSocket.OPEN) return relay.remove(client);
          client.send({ type: 'hello', userId });
        },
        () => ws.close(1011, 'cannot relay updates right now'),
      );
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

  return {
    clientCount: () => wss.clients.size,
    async close() {
      clearInterval(heartbeat);
      server.off('upgrade', listener);
      // Closes every live client too: these sockets and the SSE streams.
      await relay.close();
      for (const ws of wss.clients) ws.close(1001, 'server shutting down');
      await new Promise<void>((r) => wss.close(() => r()));
    },
  };
}
