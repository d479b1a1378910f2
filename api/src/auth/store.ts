/**
 * The auth feature's data access: users, and their GitHub token, which is
 * stored only encrypted (the caller encrypts it with deps.cipher).
 */
import { getUser, upsertUser, type Database, type GithubIdentity, type User } from '@tamagitto/db';
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
