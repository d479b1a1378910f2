/**
 * The pets feature's data access: every read and write of pets, their
 * repositories, history and vet reports goes through here (the repositories
 * of @tamagitto/db, and the pet-health service for anything that changes a
 * pet's health), so the routes hold no query.
 *
 * Every lookup is scoped to the signed-in user: another user's pet id gets the
 * same 404 as an id that does not exist, so ids cannot be probed.
 */
import {
  CHANNELS,
  deleteEntity,
  findRepositoryByFullName,
  getAnalysis,
  getEntityForUpdate,
  getEntityForUser,
  getEntityForUserByRepo,
  listAnalyses,
  listEntitiesForUser,
  listHistory,
  petHealthTransaction,
  setWebhook,
  upsertRepository,
  type CommitAnalysis,
  type Database,
  type Entity,
  type EntityWithRepo,
  type HealthHistory,
  type PetHealthContext,
  type Repository,
} from '@tamagitto/db';
import type { CreatureFamily } from '@tamagitto/domain';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../deps.ts';
import { notFound } from '../http/errors.ts';
import { UUID } from '../http/validate.ts';

type Db = Kysely<Database>;

/** The user's pet, or 404 `not_found` (also for another user's pet and for an id that is not a uuid, without a query). */
export async function ownPetOr404(db: Db, userId: string, id: string): Promise<EntityWithRepo> {
  if (!UUID.test(id)) throw notFound('pet');
  const pet = await getEntityForUser(db, userId, id);
  if (!pet) throw notFound('pet');
  return pet;
}

export function listPets(db: Db, userId: string): Promise<EntityWithRepo[]> {
  return listEntitiesForUser(db, userId);
}

/** The user's pet on `owner/name`, if the repository is known and adopted by this user. */
export async function findPetByRepoName(db: Db, userId: string, owner: string, name: string): Promise<EntityWithRepo | undefined> {
  const repository = await findRepositoryByFullName(db, owner, name);
  return repository && getEntityForUserByRepo(db, userId, repository.id);
}

export function findPetByRepo(db: Db, userId: string, repositoryId: string): Promise<EntityWithRepo | undefined> {
  return getEntityForUserByRepo(db, userId, repositoryId);
}

/** Stores (or refreshes) what GitHub says about a repository being adopted. */
export function saveRepository(
  db: Db,
  info: { githubId: number; owner: string; name: string; language: string | null; defaultBranch: string; private: boolean },
): Promise<Repository> {
  return upsertRepository(db, info);
}

export function saveWebhook(db: Db, repositoryId: string, hook: { id: number | null; error: string | null }): Promise<void> {
  return setWebhook(db, repositoryId, hook);
}

/** A new pet for the repository, through the pet-health service (its 'adopt' history entry and pet.updated event). */
export async function insertPet(
  ctx: PetHealthContext,
  pet: { user_id: string; repository_id: string; name: string; family: CreatureFamily; species: string },
): Promise<Entity> {
  const { value } = await petHealthTransaction(ctx, (tx) => tx.adopt(pet));
  return value;
}

/**
 * Brings a dead pet back through the pet-health service, with the row locked.
 * Returns null when the change did not apply: another request revived it first.
 */
export async function revivePetRow(ctx: PetHealthContext, petId: string): Promise<Entity | null> {
  const { value } = await petHealthTransaction(ctx, async (tx) => {
    const locked = await getEntityForUpdate(tx.trx, petId);
    const r = locked && (await tx.change(locked, { reason: 'revive' }, { note: 'revived' }));
    return r?.applied ? r.pet : null;
  });
  return value;
}

/** Releases the pet (its history and reports go with it) and tells the user's other sockets. */
export async function deletePet(deps: Pick<AppDeps, 'db' | 'bus'>, userId: string, petId: string): Promise<void> {
  await deleteEntity(deps.db, petId);
  await deps.bus.publish(CHANNELS.petUpdated, { type: 'pet.deleted', petId, userId }).catch(() => {});
}

export function petHistory(db: Db, petId: string, limit: number): Promise<HealthHistory[]> {
  return listHistory(db, petId, limit);
}

export function analysesOfRepository(db: Db, repositoryId: string, opts: { limit: number; before?: { createdAt: Date; id: string } | undefined }): Promise<CommitAnalysis[]> {
  return listAnalyses(db, repositoryId, opts);
}

/** A vet report, visible only to users who have a pet on its repository; 404 otherwise. */
export async function visibleAnalysisOr404(db: Db, userId: string, id: string): Promise<CommitAnalysis> {
  if (!UUID.test(id)) throw notFound('analysis');
  const a = await getAnalysis(db, id);
  if (!a || !(await getEntityForUserByRepo(db, userId, a.repository_id))) throw notFound('analysis');
  return a;
}
