/** The settings feature's data access: the lifecycle columns of the users row, which the worker's scheduler reads on every sweep. */
import { getUserSettings, updateUserSettings, type Database, type UserSettings } from '@tamagitto/db';
import type { Kysely } from 'kysely';

/** undefined when the user no longer exists. */
export function readSettings(db: Kysely<Database>, userId: string): Promise<UserSettings | undefined> {
  return getUserSettings(db, userId);
}

/** The stored settings, or undefined when the user no longer exists. */
export function saveSettings(db: Kysely<Database>, userId: string, s: UserSettings): Promise<UserSettings | undefined> {
  return updateUserSettings(db, userId, s);
}
