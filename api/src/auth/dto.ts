/**
 * What leaves the server about signing in and the signed-in user, as zod
 * schemas: the routes document and (in tests) check their answers with them,
 * and @tamagitto/domain's UserDto, SessionDto and OAuthStartDto are the types
 * generated from them. The GitHub token never appears in any of them.
 */
import type { User } from '@tamagitto/db';
import { z } from 'zod';

export const TokenStatusSchema = z
  .object({
    status: z.enum(['ok', 'rejected']).describe('`rejected`: GitHub answered 401 to the stored token (revoked or expired); sign in again.'),
    reason: z.string().nullable(),
    rejectedAt: z.string().nullable(),
  })
  .meta({ id: 'TokenStatus', description: 'How GitHub last answered the GitHub token stored for this user (the token itself never leaves the server).' });

export const UserSchema = z
  .object({ id: z.string(), login: z.string(), name: z.string().nullable(), avatarUrl: z.string().nullable() })
  .meta({ id: 'User', description: 'The signed-in user, as GitHub knows them.' });

export const MeSchema = UserSchema.extend({ token: TokenStatusSchema }).meta({
  id: 'Me',
  description: 'The signed-in user, and whether GitHub still accepts the GitHub token stored for them.',
});

export const AuthSessionSchema = z
  .object({
    token: z.string().describe('Session JWT (HS256, 24 h, revocable with `POST /api/auth/logout`). Send as `Authorization: Bearer <token>`.'),
    expiresAt: z.string(),
    user: UserSchema,
  })
  .meta({ id: 'AuthSession', description: 'A signed-in session.' });

export const OAuthStartSchema = z
  .object({
    url: z.string().describe("GitHub's authorize page: open it (e.g. with chrome.identity.launchWebAuthFlow)."),
    state: z.string().describe('A random value GitHub sends back with the code: check it matches.'),
  })
  .meta({ id: 'OAuthStart', description: 'Where to send the browser to sign in with GitHub.' });

export type UserDto = z.infer<typeof UserSchema>;
export type MeDto = z.infer<typeof MeSchema>;
export type AuthSessionDto = z.infer<typeof AuthSessionSchema>;

export function toUserDto(u: User): UserDto {
  return { id: u.id, login: u.login, name: u.name, avatarUrl: u.avatar_url };
}

export function toMeDto(u: User): MeDto {
  const rejectedAt = u.token_rejected_at ? new Date(u.token_rejected_at).toISOString() : null;
  return { ...toUserDto(u), token: { status: rejectedAt ? 'rejected' : 'ok', reason: rejectedAt ? u.token_rejected_reason : null, rejectedAt } };
}
