import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../deps.ts';
import { AppError } from './errors.ts';
import type { SessionSigner } from '../auth/session-signer.ts';

/** The bearer token of the request, or 401 `unauthorized`. */
function bearerToken(c: Context): string {
  const m = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i);
  if (!m) throw new AppError(401, 'unauthorized', 'sign in first: missing Authorization: Bearer <token>');
  return m[1]!;
}

/**
 * Requires `Authorization: Bearer <session JWT>` of a live session (session-signer.ts: one
 * primary-key lookup); sets `userId` and `sessionId`. When the route then fails because GitHub rejected the
 * user's stored token (`github_unauthorized`), the token is marked rejected, so GET /api/me
 * and the worker know without asking GitHub again.
 */
export function requireSession(sessions: SessionSigner) {
  if (!sessions) throw new Error('requireSession: a SessionSigner is required');
  return createMiddleware<AppEnv>(async (c, next) => {
    const { userId, sessionId } = await sessions.verifySession(bearerToken(c));
    c.set('userId', userId);
    c.set('sessionId', sessionId);
    await next();
    if (c.error instanceof AppError && c.error.code === 'github_unauthorized') await sessions.tokenRejected(userId, c.error.message, c.get('log'));
  });
}
