/**
 * The account feature's data access: what deleting an account removes and
 * what an export reads (the queries live in @tamagitto/db's accounts
 * repository, next to the schema they must keep up with).
 */
import { accountRows, deleteAccount, getUser, repositoriesOnlyAdoptedBy, type Database, type DeletedCounts, type User } from '@tamagitto/db';
import type { Kysely } from 'kysely';

type Db = Kysely<Database>;

export function findAccount(db: Db, userId: string): Promise<User | undefined> {
  return getUser(db, userId);
}

/** The user's repositories nobody else adopted, whose webhooks go with the account. */
export function soleRepositories(db: Db, userId: string) {
  return repositoriesOnlyAdoptedBy(db, userId);
}

/** Deletes the account and everything stored about it, in one transaction; undefined when it was already gone. */
export function removeAccount(db: Db, userId: string): Promise<DeletedCounts | undefined> {
  return deleteAccount(db, userId);
}

export function exportRows(db: Db, userId: string) {
  return accountRows(db, userId);
}
