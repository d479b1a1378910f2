/**
 * The auth feature's data access: users, their GitHub token, which is
 * stored only encrypted (the caller encrypts it with deps.cipher), and their
 * sessions (the rows themselves are written and checked by SessionSigner).
 */
import { getUser, revokeSession, upsertUser, type Database, type GithubIdentity, type User } from '@tamagitto/db';
import type { Kysely } from 'kysely';

type Db = Kysely<Database>;

/** Creates or refreshes the user GitHub identified, with their (encrypted) token and its scopes. */
export function saveSignedInUser(
  db: Db,
  who: GithubIdentity,
  token: { encrypted: string; scopes: string | null },
): Promise<User> {
  return upsertUser(db, who, token);
}

export function findUser(db: Db, id: string): Promise<User | undefined> {
  return getUser(db, id);
}

/** Revokes the user's session (sign-out); signing out twice is harmless. */
export async function endSession(db: Db, userId: string, sessionId: string): Promise<void> {
  await revokeSession(db, userId, sessionId);
}
