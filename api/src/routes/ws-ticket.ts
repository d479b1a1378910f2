import { Hono } from 'hono';
import type { WsTicketDto } from '@tamagitto/domain';
import type { AppDeps, AppEnv } from '../deps.ts';
import { requireSession } from '../http/require-session.ts';

/** A single-use, 30-second ticket: the long-lived session token never goes into a URL. */
export function wsTicketRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post('/ws/ticket', requireSession(deps.sessions), async (c) => {
    const t = await deps.sessions.issueTicket(c.get('userId'));
    const body: WsTicketDto = { ticket: t.ticket, expiresAt: t.expiresAt.toISOString() };
    return c.json(body, 201);
  });
}
