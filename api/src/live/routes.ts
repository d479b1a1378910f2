/**
 * The live channel over HTTP: a single-use, 30-second ticket (so the
 * long-lived session token never goes into a URL), `GET /api/ws`, the
 * WebSocket itself, and `GET /api/events`, the same updates as Server-Sent
 * Events (sse.ts) for a session or an API key with `pets:read`. Upgrades never reach Hono: node's http server hands them
 * to the hub's 'upgrade' listener (ws-hub.ts), which checks the ticket before
 * upgrading. So the `/ws` route here only sees plain requests, answers them
 * 426, and is where the socket is documented.
 */
import type { ServerResponse } from 'node:http';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../deps.ts';
import { API_KEY_HEADER, requireSessionOrKey } from '../http/api-key.ts';
import { AppError } from '../http/errors.ts';
import { route } from '../http/openapi.ts';
import { requireSession } from '../http/require-session.ts';
import { findApiKeyByHash, hashApiKey } from '../keys/store.ts';
import { WsTicketSchema } from './dto.ts';
import { openEventStream, RETRY_MS } from './sse.ts';

const SocketQuery = z.object({
  ticket: z.string().optional().describe('Required for the upgrade: a ticket from `POST /api/ws/ticket` (single use, valid 30 s).'),
});

/** An id the stream sent: a `live_events` id (bigint), as digits. */
const EVENT_ID = /^[0-9]{1,18}$/;

export function liveRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use('/events', requireSessionOrKey(deps, 'pets:read'))
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
          '(a `ClientMessage`), answered with `pong`. The server pings every 30 s and drops peers that stop answering, and terminates a socket that stops ' +
          'reading once more than LIVE_MAX_BUFFERED_BYTES (default 256 KiB) wait for it. ' +
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
    )
    .get(
      '/events',
      route({
        tag: 'live',
        summary: 'Server-Sent Events: live updates about your pets, for scripts and tools',
        description:
          'The WebSocket\'s updates as `text/event-stream`, for callers that cannot hold a WebSocket: with your session, or an API key holding `pets:read` ' +
          '(`X-API-Key`; a key without that scope is 403). Each event has `id:` (its stored id), `event:` (its kind) and one `data:` line, the same JSON ' +
          'as the WebSocket\'s frame (components.schemas.ServerMessage): `pet.updated`, `pet.deleted`, `check.updated` for PR checks of your pets\' ' +
          'repositories, and `coach.nudge` (session streams only); clients ignore kinds they do not know. ' +
          `The stream opens with \`retry: ${RETRY_MS}\` and a comment, and sends a comment line (\`: heartbeat\`) every LIVE_SSE_HEARTBEAT_MS (default 15 s). ` +
          'Send `Last-Event-ID` (EventSource does on reconnect) to first receive the stored events after that id — they are kept ' +
          'LIVE_EVENTS_RETENTION_HOURS (default 24 h); resuming from before the oldest one kept first sends `event: resync` (`{"type":"resync"}`): refetch your pets. ' +
          'A client that stops reading is cut off once more than LIVE_MAX_BUFFERED_BYTES (default 256 KiB) wait for it; it resumes with its last id. ' +
          'Signing out ends a session\'s stream; revoking a key ends its streams within a minute.',
        security: 'session',
        apiKeyScope: 'pets:read',
        requestHeaders: { 'Last-Event-ID': 'Resume after this event id (digits, from an `id:` line of this stream): the stored events after it come first.' },
        responses: {
          200: {
            description: 'The event stream (it stays open: events, then heartbeats, until the client leaves or the session ends)',
            contentType: 'text/event-stream',
            headers: { 'Cache-Control': 'no-cache' },
          },
        },
        errors: [400],
      }),
      async (c) => {
        const last = c.req.header('last-event-id');
        if (last !== undefined && !EVENT_ID.test(last.trim())) {
          throw new AppError(400, 'validation_failed', 'Last-Event-ID: must be an event id this stream sent (digits)');
        }
        const key = c.req.header(API_KEY_HEADER);
        // requireSessionOrKey accepted the key: its id lets the stream end once the key is revoked.
        const keyId = key === undefined ? null : ((await findApiKeyByHash(deps.db, hashApiKey(key)))?.id ?? null);
        if (key !== undefined && keyId === null) throw new AppError(401, 'invalid_token', 'invalid API key');
        // Served by @hono/node-server: node's response, so a slow client's socket can be destroyed outright.
        const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
        const stream = await openEventStream(deps, {
          userId: c.get('userId'),
          sessionId: keyId ? null : c.get('sessionId'),
          keyId,
          lastEventId: last === undefined ? null : last.trim(),
          ...(outgoing && { destroy: () => outgoing.destroy() }),
        });
        return c.body(stream, 200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' });
      },
    );
}
