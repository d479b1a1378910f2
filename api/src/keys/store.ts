/**
 * Personal API keys (issue 16): the key is `tg_` + 32 random bytes (base64url), shown once; the
 * row keeps its SHA-256 (hex) and its first characters. Looking a key up is one indexed query
 * on the hash (api_keys.hash is unique).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ApiKey, ApiKeyScope, Database } from '@tamagitto/db';
import type { Kysely } from 'kysely';

export const API_KEY_SCOPES = ['checks:write', 'pets:read'] as const satisfies readonly ApiKeyScope[];
/** Characters of the key kept in clear to tell keys apart in the list ("tg_" and 8 more). */
export const PREFIX_LENGTH = 11;
/** A user's live keys; creating one more is a 409. */
export const MAX_KEYS_PER_USER = 20;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function newApiKey(): string {
  return `tg_${randomBytes(32).toString('base64url')}`;
}

export function countLiveKeys(db: Kysely<Database>, userId: string): Promise<number> {
  return db
    .selectFrom('api_keys')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

/** Stores a new key's hash; returns the row and the key itself (never stored). */
export async function createApiKey(db: Kysely<Database>, userId: string, name: string, scopes: ApiKeyScope[]): Promise<{ row: ApiKey; key: string }> {
  const key = newApiKey();
  const row = await db
    .insertInto('api_keys')
    .values({ user_id: userId, name, prefix: key.slice(0, PREFIX_LENGTH), hash: hashApiKey(key), scopes: [...new Set(scopes)].sort() })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { row, key };
}

/** The user's keys that are not revoked, newest first. */
export function listApiKeys(db: Kysely<Database>, userId: string): Promise<ApiKey[]> {
  return db.selectFrom('api_keys').selectAll().where('user_id', '=', userId).where('revoked_at', 'is', null).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

/** Revokes one of the user's keys; false when the user has no such live key. */
export async function revokeApiKey(db: Kysely<Database>, userId: string, id: string, now: Date): Promise<boolean> {
  const r = await db.updateTable('api_keys').set({ revoked_at: now }).where('id', '=', id).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The key row a presented key hashes to (revoked or not: the caller says which failure it is). */
export function findApiKeyByHash(db: Kysely<Database>, hash: string): Promise<ApiKey | undefined> {
  return db.selectFrom('api_keys').selectAll().where('hash', '=', hash).executeTakeFirst();
}

/** Sets last_used_at unless it was set within the last `minMs` (one write per key per minute at most). */
export async function touchApiKey(db: Kysely<Database>, id: string, now: Date, minMs: number): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(now.getTime() - minMs))]))
    .execute();
}
