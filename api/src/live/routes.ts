/**
 * The live channel over HTTP: a single-use, 30-second ticket (so the
 * long-lived session token never goes into a URL), and `GET /api/ws`, the
 * WebSocket itself. Upgrades never reach Hono: node's http server hands them
 * to the hub's 'upgrade' listener (ws-hub.ts), which checks the ticket before
 * upgrading. So the `/ws` route here only sees plain requests, answers them
 * 426, and is where the socket is documented.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../deps.ts';
import { route } from '../http/openapi.ts';
import { requireSession } from '../http/require-session.ts';
import { WsTicketSchema } from './dto.ts';

const SocketQuery = z.object({
  ticket: z.string().optional().describe('Required for the upgrade: a ticket from `POST /api/ws/ticket` (single use, valid 30 s).'),
});

export function liveRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post(
      '/ws/ticket',
      requireSession(deps.sessions),
      route({
        tag: 'live',
        summary: 'A ticket to open the WebSocket',
        description: 'Single use and valid 30 s; any api instance accepts it. It belongs to this session: signing out closes the sockets it opened.',
        security: 'session',
        responses: { 201: { description: 'A new ticket', schema: WsTicketSchema } },
      }),
      async (c) => {
        const t = await deps.sessions.issueTicket({ userId: c.get('userId'), sessionId: c.get('sessionId') });
        return c.json({ ticket: t.ticket, expiresAt: t.expiresAt.toISOString() }, 201);
      },
    )
    .get(
      '/ws',
      route({
        tag: 'live',
        summary: 'The WebSocket: live updates about your pets and the coach',
        description:
          'Open as a WebSocket (`Upgrade: websocket`) with `?ticket=` from `POST /api/ws/ticket`. The ticket is checked before the upgrade: ' +
          'missing, invalid, expired, already used, or its session signed out → 401 with the error envelope, no socket. After the upgrade the server sends JSON text ' +
          'frames, each a `ServerMessage` (components.schemas.ServerMessage), starting with `hello`; the client may send `{"type":"ping"}` ' +
          '(a `ClientMessage`), answered with `pong`. The server pings every 30 s and drops peers that stop answering. ' +
          'Signing out (or deleting the account) closes the socket with code 4401. A plain HTTP request (no upgrade) is answered 426.',
        security: 'public',
        query: SocketQuery,
        responses: { 101: { description: 'Switching Protocols: the WebSocket is open and pushes `ServerMessage` frames' } },
        errors: [401, 426],
      }),
      (c) => {
        c.header('Upgrade', 'websocket');
        return c.json({ error: { code: 'bad_request' as const, message: 'open this URL as a WebSocket with ?ticket=… (from POST /api/ws/ticket)' } }, 426);
      },
    );
}
