import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../deps.ts';
import { AppError } from './errors.ts';
import { bearerToken } from './headers.ts';
import type { SessionSigner } from '../auth/session-signer.ts';

/**
 * Requires `Authorization: Bearer <session JWT>` of a live session (session-signer.ts: one
 * primary-key lookup); sets `userId` and `sessionId`. The token is decoded once per request: the
 * rate limiter's decoding (`sessionClaims`) is reused, and a path two routers guard (pets/routes.ts's
 * `/pets/*` and a feature's `/pets/:id/…`) is checked once. When the route then fails because GitHub
 * rejected the user's stored token (`github_unauthorized`), the token is marked rejected, so
 * GET /api/me and the worker know without asking GitHub again.
 */
export function requireSession(sessions: SessionSigner) {
  if (!sessions) throw new Error('requireSession: a SessionSigner is required');
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.get('sessionId')) return next();
    const token = bearerToken(c.req.header('authorization'));
    if (!token) throw new AppError(401, 'unauthorized', 'sign in first: missing Authorization: Bearer <token>');
    const claims = await (c.get('sessionClaims') ?? sessions.decodeSession(token));
    await sessions.assertLive(claims);
    c.set('userId', claims.userId);
    c.set('sessionId', claims.sessionId);
    await next();
    if (c.error instanceof AppError && c.error.code === 'github_unauthorized') await sessions.tokenRejected(claims.userId, c.error.message, c.get('log'));
  });
}
