/**
 * Sessions: session JWTs (jose, HS256 only — the allow-list rejects `alg: none`
 * and every other algorithm) backed by a row in `sessions`, and single-use
 * WebSocket tickets.
 *
 * A session JWT carries its row's id as `sid`. A token is accepted only while
 * that row exists, belongs to the token's `sub`, and is neither revoked
 * (`POST /api/auth/logout`) nor expired: one primary-key lookup per request
 * (findSession). A token without `sid` (issued before sessions were revocable)
 * is refused: sign in again.
 *
 * A ticket is a 30-second JWT with a random `jti` and the `sid` of the session
 * that asked for it; "single use" is enforced by claiming the jti on the bus
 * (Redis SET NX when scaled out), so any api instance can accept a ticket
 * another one issued, and redeeming it checks the session again.
 *
 * Tokens live on the wall clock, never on the app's business clock (deps.now),
 * which tests move by days: issuing and verifying must use the same clock.
 */
import { randomUUID } from 'node:crypto';
import { createSession, findSession, getUser, markTokenRejected, type Database, type Logger } from '@tamagitto/db';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { Kysely } from 'kysely';
import { AppError } from '../http/errors.ts';
import { UUID } from '../http/validate.ts';

const ISSUER = 'tamagitto';
const SESSION_AUDIENCE = 'tamagitto-api';
const TICKET_AUDIENCE = 'tamagitto-ws';
export const SESSION_TTL_S = 24 * 3600;
export const TICKET_TTL_S = 30;

/** Who a verified session token or ticket speaks for. */
export interface SessionClaims {
  userId: string;
  sessionId: string;
}

const signInAgain = (message: string) => new AppError(401, 'invalid_token', message);

export class SessionSigner {
  readonly #key: Uint8Array;
  readonly #db: Kysely<Database>;
  constructor(secret: string, db: Kysely<Database>) {
    this.#key = new TextEncoder().encode(secret);
    this.#db = db;
  }

  /** Starts a session for the user: a `sessions` row, and the JWT that names it. */
  async issueSession(userId: string, now = new Date()): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
    const iat = Math.floor(now.getTime() / 1000);
    const expiresAt = new Date((iat + SESSION_TTL_S) * 1000);
    const row = await createSession(this.#db, userId, expiresAt, now);
    return { token: await this.sign({ userId, sessionId: row.id }, now), expiresAt, sessionId: row.id };
  }

  /** Signs a session JWT for an existing session row (issueSession is the way in; tests forge tokens with it). */
  async sign(claims: SessionClaims, now = new Date(), ttlS = SESSION_TTL_S): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    return new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(SESSION_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttlS)
      .sign(this.#key);
  }

  /**
   * The session a token names, from its signature, issuer, audience, expiry and `sid` alone (no row:
   * assertLive adds that; the rate limiter keys by this, requireSession reuses it); throws 401
   * `token_expired` or `invalid_token`. (A short per-sid cache, dropped on 'session.revoked', would go in assertLive.)
   */
  async decodeSession(token: string): Promise<SessionClaims> {
    const { payload } = await this.#decode(token, SESSION_AUDIENCE);
    const sid = payload.sid;
    if (typeof sid !== 'string' || !UUID.test(sid)) throw signInAgain('this session token names no session: sign in again');
    return { userId: payload.sub!, sessionId: sid };
  }

  /** Throws 401 unless the session row exists, is the user's, and is neither revoked nor expired. */
  async assertLive(claims: SessionClaims, now = new Date()): Promise<void> {
    const row = await findSession(this.#db, claims.sessionId);
    if (!row || row.user_id !== claims.userId) throw signInAgain('this session no longer exists: sign in again');
    if (row.revoked_at) throw signInAgain('this session was signed out: sign in again');
    if (new Date(row.expires_at) <= now) throw new AppError(401, 'token_expired', 'session expired: sign in again');
  }

  /**
   * GitHub answered 401 to the user's stored token during a request: marks that token rejected
   * (users.token_rejected_at, shown by GET /api/me) until the next sign-in. Best effort: a failure is logged.
   */
  async tokenRejected(userId: string, reason: string, log?: Logger): Promise<void> {
    try {
      const user = await getUser(this.#db, userId);
      if (user?.token_encrypted) await markTokenRejected(this.#db, userId, user.token_encrypted, reason, new Date());
    } catch (err) {
      log?.warn({ err: { message: (err as Error).message } }, 'could not record the rejected GitHub token');
    }
  }

  /** A 30 s single-use ticket for the WebSocket, tied to the session that asked for it. */
  async issueTicket(claims: SessionClaims, now = new Date()): Promise<{ ticket: string; expiresAt: Date; jti: string }> {
    const iat = Math.floor(now.getTime() / 1000);
    const jti = randomUUID();
    const ticket = await new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(TICKET_AUDIENCE)
      .setJti(jti)
      .setIssuedAt(iat)
      .setExpirationTime(iat + TICKET_TTL_S)
      .sign(this.#key);
    return { ticket, jti, expiresAt: new Date((iat + TICKET_TTL_S) * 1000) };
  }

  /** The ticket's signature, audience and expiry only: the caller claims its jti and re-checks the session (assertLive). */
  async verifyTicket(ticket: string): Promise<SessionClaims & { jti: string }> {
    const { payload } = await this.#decode(ticket, TICKET_AUDIENCE);
    if (!payload.jti) throw new AppError(401, 'invalid_token', 'ticket has no id');
    const sid = payload.sid;
    if (typeof sid !== 'string' || !UUID.test(sid)) throw new AppError(401, 'invalid_token', 'ticket names no session');
    return { userId: payload.sub!, sessionId: sid, jti: payload.jti };
  }

  async #decode(token: string, audience: string) {
    try {
      return await jwtVerify(token, this.#key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience,
        requiredClaims: ['exp', 'iat', 'sub'],
      });
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new AppError(401, 'token_expired', 'session expired: sign in again');
      throw new AppError(401, 'invalid_token', 'invalid session token');
    }
  }
}
