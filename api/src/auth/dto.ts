/**
 * What leaves the server about signing in and the signed-in user, as zod
 * schemas: the routes document and (in tests) check their answers with them,
 * and @tamagitto/domain's UserDto, SessionDto and OAuthStartDto are the types
 * generated from them. The GitHub token never appears in any of them.
 */
import type { User } from '@tamagitto/db';
import { z } from 'zod';

export const UserSchema = z
  .object({ id: z.string(), login: z.string(), name: z.string().nullable(), avatarUrl: z.string().nullable() })
  .meta({ id: 'User', description: 'The signed-in user, as GitHub knows them.' });

export const AuthSessionSchema = z
  .object({
    token: z.string().describe('Session JWT (HS256, 24 h). Send as `Authorization: Bearer <token>`.'),
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
export type AuthSessionDto = z.infer<typeof AuthSessionSchema>;

export function toUserDto(u: User): UserDto {
  return { id: u.id, login: u.login, name: u.name, avatarUrl: u.avatar_url };
}
