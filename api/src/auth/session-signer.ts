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
 *
 * Verification is cached (session-cache.ts), for the read path: a token whose
 * signature was verified is trusted for TOKEN_CACHE_MS (never past its `exp`),
 * and a live session row for SESSION_CACHE_MS (never past its `expires_at`).
 * The session entries are dropped the moment this process signs a session out
 * (`forget`), and on every instance when the bus carries `session.revoked` or
 * `user.deleted`; the row cache is on only while those subscriptions are (with
 * a bus), and the short deadline bounds what a lost bus message could leave.
 * That row cache is a BusInvalidatedCache (session-cache.ts), the mechanism the
 * pet cache shares.
 */
import { randomUUID } from 'node:crypto';
import { CHANNELS, createSession, findSession, getUser, markTokenRejected, type Bus, type Database, type Logger } from '@tamagitto/db';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { Kysely } from 'kysely';
import { AppError } from '../http/errors.ts';
import { UUID } from '../http/validate.ts';
import { BusInvalidatedCache, TtlLru } from './session-cache.ts';

const ISSUER = 'tamagitto';
const SESSION_AUDIENCE = 'tamagitto-api';
const TICKET_AUDIENCE = 'tamagitto-ws';
export const SESSION_TTL_S = 24 * 3600;
export const TICKET_TTL_S = 30;
/** How long a verified token signature is trusted without verifying it again (never past the token's `exp`). */
export const TOKEN_CACHE_MS = 60_000;
/** How long a live session row is trusted without reading it again (revocations drop it at once; see above). */
export const SESSION_CACHE_MS = 10_000;
/** Entries per cache: a few MB at most. */
export const VERIFY_CACHE_ENTRIES = 10_000;

/** Who a verified session token or ticket speaks for. */
export interface SessionClaims {
  userId: string;
  sessionId: string;
}

const signInAgain = (message: string) => new AppError(401, 'invalid_token', message);
const expired = () => new AppError(401, 'token_expired', 'session expired: sign in again');

/** A verified session token: who it speaks for, and its `exp` in ms. */
interface VerifiedToken {
  claims: SessionClaims;
  expMs: number;
}

/** A live session row, as read: its owner and `expires_at` in ms. */
interface LiveSession {
  userId: string;
  expiresMs: number;
}

export interface SessionSignerOptions {
  /** Where revocations are announced (session.revoked, user.deleted); without it, session rows are read on every request. */
  bus?: Pick<Bus, 'subscribe'>;
  tokenCacheMs?: number;
  sessionCacheMs?: number;
  cacheEntries?: number;
}

export class SessionSigner {
  readonly #key: Uint8Array;
  readonly #db: Kysely<Database>;
  readonly #tokens: TtlLru<string, VerifiedToken>;
  /** Live rows by session id: cached only while revocations reach this process, dropped when one is heard. */
  readonly #sessions: BusInvalidatedCache<string, LiveSession>;
  /** Settles once the revocation subscriptions are up (or failed, or there is no bus): from then on live rows are cached. */
  readonly ready: Promise<void>;

  constructor(secret: string, db: Kysely<Database>, opts: SessionSignerOptions = {}) {
    this.#key = new TextEncoder().encode(secret);
    this.#db = db;
    const entries = opts.cacheEntries ?? VERIFY_CACHE_ENTRIES;
    this.#tokens = new TtlLru(entries, opts.tokenCacheMs ?? TOKEN_CACHE_MS);
    this.#sessions = new BusInvalidatedCache(opts.bus, {
      max: entries,
      ttlMs: opts.sessionCacheMs ?? SESSION_CACHE_MS,
      channels: {
        [CHANNELS.sessionRevoked]: (m, c) => {
          const sessionId = (m as { sessionId?: unknown } | null)?.sessionId;
          if (typeof sessionId === 'string') c.drop(sessionId);
        },
        [CHANNELS.userDeleted]: (m, c) => {
          const userId = (m as { userId?: unknown } | null)?.userId;
          if (typeof userId === 'string') c.dropWhere((s) => s.userId === userId);
        },
      },
    });
    this.ready = this.#sessions.ready;
  }

  /** Sessions this process just revoked (sign-out): refused from the next request on, before the bus says so. */
  forget(sessionId: string): void {
    this.#sessions.drop(sessionId);
  }

  /** Stops listening for revocations and empties the caches (the api's close). */
  async close(): Promise<void> {
    await this.#sessions.close();
    this.#tokens.clear();
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
   * `token_expired` or `invalid_token`. A token verified in the last TOKEN_CACHE_MS is not verified
   * again, but its `exp` still is.
   */
  async decodeSession(token: string, nowMs = Date.now()): Promise<SessionClaims> {
    const hit = this.#tokens.get(token, nowMs);
    if (hit !== undefined) {
      // jose's rule: expired once the current second reaches `exp`.
      if (Math.floor(nowMs / 1000) * 1000 >= hit.expMs) {
        this.#tokens.delete(token);
        throw expired();
      }
      return hit.claims;
    }
    const { payload } = await this.#decode(token, SESSION_AUDIENCE);
    const sid = payload.sid;
    if (typeof sid !== 'string' || !UUID.test(sid)) throw signInAgain('this session token names no session: sign in again');
    const claims: SessionClaims = { userId: payload.sub!, sessionId: sid };
    const expMs = payload.exp! * 1000;
    this.#tokens.set(token, { claims, expMs }, nowMs);
    return claims;
  }

  /**
   * The read path's synchronous look (pets/fast-read.ts): the claims of `token` when both its signature and
   * its session row are cached and neither has expired, exactly what decodeSession + assertLive would
   * accept without any work; undefined otherwise (the caller then goes through those two).
   */
  cachedLiveSession(token: string, nowMs: number): SessionClaims | undefined {
    const t = this.#tokens.get(token, nowMs);
    if (t === undefined || Math.floor(nowMs / 1000) * 1000 >= t.expMs) return undefined;
    const s = this.#sessions.get(t.claims.sessionId, nowMs);
    if (s === undefined || s.userId !== t.claims.userId || s.expiresMs <= nowMs) return undefined;
    return t.claims;
  }

  /**
   * Throws 401 unless the session row exists, is the user's, and is neither revoked nor expired. A live
   * row read in the last SESSION_CACHE_MS is not read again (while revocations reach this process).
   */
  async assertLive(claims: SessionClaims, now?: Date): Promise<void> {
    const nowMs = now ? now.getTime() : Date.now();
    const hit = this.#sessions.get(claims.sessionId, nowMs);
    if (hit !== undefined && hit.userId === claims.userId) {
      if (hit.expiresMs <= nowMs) {
        this.#sessions.evict(claims.sessionId);
        throw expired();
      }
      return;
    }
    const generation = this.#sessions.generation;
    const row = await findSession(this.#db, claims.sessionId);
    if (!row || row.user_id !== claims.userId) throw signInAgain('this session no longer exists: sign in again');
    if (row.revoked_at) throw signInAgain('this session was signed out: sign in again');
    const expiresMs = new Date(row.expires_at).getTime();
    if (expiresMs <= nowMs) throw expired();
    // Only if revocations were heard since before the read, and none arrived during it (it may predate that one).
    this.#sessions.set(claims.sessionId, { userId: row.user_id, expiresMs }, generation, nowMs);
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
      if (err instanceof errors.JWTExpired) throw expired();
      throw new AppError(401, 'invalid_token', 'invalid session token');
    }
  }
}
