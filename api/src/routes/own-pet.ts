/**
 * Pet routes are scoped to the signed-in user: another user's pet id gets the
 * same 404 as an id that does not exist, so ids cannot be probed.
 */
import { getEntityForUser, type Database, type EntityWithRepo } from '@tamagitto/db';
import type { Kysely } from 'kysely';
import { notFound } from '../http/errors.ts';
import { UUID } from '../http/validate.ts';

export async function ownPetOr404(db: Kysely<Database>, userId: string, id: string): Promise<EntityWithRepo> {
  if (!UUID.test(id)) throw notFound('pet');
  const pet = await getEntityForUser(db, userId, id);
  if (!pet) throw notFound('pet');
  return pet;
}
