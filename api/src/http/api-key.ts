/**
 * Personal API keys on the routes that accept them (issue 16). `requireSessionOrKey(deps, scope)`
 * takes `X-API-Key: tg_…` when the request carries one — the key's SHA-256 must name a live key
 * (401 `invalid_token` otherwise, revoked included) holding `scope` (403 `forbidden`) — and a
 * session otherwise (require-session.ts). Only routes that declare `apiKeyScope` in route() use
 * it, so a key is refused everywhere else: those routes read the session's bearer token only.
 *
 * `last_used_at` is written at most once a minute per key: the row just read says when it was last
 * written, so the update is skipped in between, and the update's own condition holds when requests race.
 */
import { createMiddleware } from 'hono/factory';
import type { ApiKeyScope } from '@tamagitto/db';
import type { AppDeps, AppEnv } from '../deps.ts';
import { AppError } from './errors.ts';
import { requireSession } from './require-session.ts';
import { findApiKeyByHash, hashApiKey, touchApiKey } from '../keys/store.ts';

export const API_KEY_HEADER = 'X-API-Key';
const TOUCH_EVERY_MS = 60_000;

export function requireSessionOrKey(deps: Pick<AppDeps, 'db' | 'sessions' | 'now' | 'log'>, scope: ApiKeyScope) {
  const session = requireSession(deps.sessions);
  return createMiddleware<AppEnv>(async (c, next) => {
    const key = c.req.header(API_KEY_HEADER);
    if (key === undefined) return session(c, next);
    if (!/^tg_[A-Za-z0-9_-]{20,100}$/.test(key)) throw new AppError(401, 'invalid_token', 'invalid API key');
    const row = await findApiKeyByHash(deps.db, hashApiKey(key));
    if (!row) throw new AppError(401, 'invalid_token', 'invalid API key');
    if (row.revoked_at) throw new AppError(401, 'invalid_token', 'this API key was revoked');
    if (!row.scopes.includes(scope)) throw new AppError(403, 'forbidden', `this API key lacks the ${scope} scope`);
    const now = deps.now();
    if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() >= TOUCH_EVERY_MS) {
      await touchApiKey(deps.db, row.id, now, TOUCH_EVERY_MS).catch((err: Error) => c.get('log').warn({ err: { message: err.message } }, 'could not record an API key’s use'));
    }
    c.set('userId', row.user_id);
    await next();
  });
}
