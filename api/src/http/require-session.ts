import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../deps.ts';
import { AppError } from './errors.ts';
import type { SessionSigner } from '../auth/session-signer.ts';

/** Requires `Authorization: Bearer <session JWT>`; sets `userId`. */
export function requireSession(sessions: SessionSigner) {
  if (!sessions) throw new Error('requireSession: a SessionSigner is required');
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization');
    const m = header?.match(/^Bearer\s+(\S+)$/i);
    if (!m) throw new AppError(401, 'unauthorized', 'sign in first: missing Authorization: Bearer <token>');
    c.set('userId', await sessions.verifySession(m[1]!));
    await next();
  });
}
