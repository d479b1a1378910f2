/**
 * Session JWTs (jose, HS256 only — the allow-list rejects `alg: none` and
 * every other algorithm), and single-use WebSocket tickets. A ticket is a
 * 30-second JWT with a random `jti`; "single use" is enforced by claiming the
 * jti on the bus (Redis SET NX when scaled out), so any api instance can
 * accept a ticket another one issued.
 *
 * Tokens live on the wall clock, never on the app's business clock (deps.now),
 * which tests move by days: issuing and verifying must use the same clock.
 */
import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { AppError } from '../http/errors.ts';

const ISSUER = 'tamagitto';
const SESSION_AUDIENCE = 'tamagitto-api';
const TICKET_AUDIENCE = 'tamagitto-ws';
export const SESSION_TTL_S = 24 * 3600;
export const TICKET_TTL_S = 30;

export class SessionSigner {
  readonly #key: Uint8Array;
  constructor(secret: string) {
    this.#key = new TextEncoder().encode(secret);
  }

  async issueSession(userId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
    const iat = Math.floor(now.getTime() / 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setAudience(SESSION_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + SESSION_TTL_S)
      .sign(this.#key);
    return { token, expiresAt: new Date((iat + SESSION_TTL_S) * 1000) };
  }

  /** Returns the user id; throws 401 `token_expired` or `invalid_token`. */
  async verifySession(token: string): Promise<string> {
    return this.#verify(token, SESSION_AUDIENCE);
  }

  async issueTicket(userId: string, now = new Date()): Promise<{ ticket: string; expiresAt: Date; jti: string }> {
    const iat = Math.floor(now.getTime() / 1000);
    const jti = randomUUID();
    const ticket = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setAudience(TICKET_AUDIENCE)
      .setJti(jti)
      .setIssuedAt(iat)
      .setExpirationTime(iat + TICKET_TTL_S)
      .sign(this.#key);
    return { ticket, jti, expiresAt: new Date((iat + TICKET_TTL_S) * 1000) };
  }

  async verifyTicket(ticket: string): Promise<{ userId: string; jti: string }> {
    const { payload } = await this.#decode(ticket, TICKET_AUDIENCE);
    if (!payload.jti) throw new AppError(401, 'invalid_token', 'ticket has no id');
    return { userId: payload.sub!, jti: payload.jti };
  }

  async #verify(token: string, audience: string): Promise<string> {
    const { payload } = await this.#decode(token, audience);
    return payload.sub!;
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
