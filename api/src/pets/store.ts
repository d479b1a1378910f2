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
  countPetsOfRepository,
  deleteEntity,
  deleteUnadoptedRepository,
  recordAccessLost,
  recordAccessOk,
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
import { AppError, notFound } from '../http/errors.ts';
import { UUID } from '../http/validate.ts';

type Db = Kysely<Database>;

/** The user's pet, or 404 `not_found` (also for another user's pet and for an id that is not a uuid, without a query). */
export async function ownPetOr404(db: Db, userId: string, id: string): Promise<EntityWithRepo> {
  if (!UUID.test(id)) throw notFound('pet');
  const pet = await getEntityForUser(db, userId, id);
  if (!pet) throw notFound('pet');
  return pet;
}

/**
 * 403 `access_lost` when the pet's owner can no longer read its repository on GitHub
 * (entities.access_lost_at, set by the worker's access check or by the api meeting a 404):
 * the pet stays listed, its repository's data does not reach them.
 */
export function assertRepoReadable(pet: Pick<EntityWithRepo, 'access_lost_at' | 'repo'>): void {
  if (pet.access_lost_at) {
    throw new AppError(403, 'access_lost', `You no longer have access to ${pet.repo.owner}/${pet.repo.name} on GitHub; ask for access again or release this pet`);
  }
}

/**
 * The user's pet whose repository's data they may read: 404 as ownPetOr404, then 403 `access_lost`.
 * Every route that reads a pet's history, reports or anything else from its repository goes through here.
 */
export async function findOwnedPet(db: Db, userId: string, id: string): Promise<EntityWithRepo> {
  const pet = await ownPetOr404(db, userId, id);
  assertRepoReadable(pet);
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

/**
 * Releases the pet (its history goes with it) and tells the user's other sockets.
 * True when it was the repository's last pet (nobody else adopted it): its webhook is nobody's any more.
 */
export async function deletePet(deps: Pick<AppDeps, 'db' | 'bus'>, userId: string, pet: Pick<Entity, 'id' | 'repository_id'>): Promise<boolean> {
  await deleteEntity(deps.db, pet.id);
  await deps.bus.publish(CHANNELS.petUpdated, { type: 'pet.deleted', petId: pet.id, userId }).catch(() => {});
  return (await countPetsOfRepository(deps.db, pet.repository_id)) === 0;
}

/** Forgets a repository nobody adopts any more: its row, vet reports and stored deliveries. */
export function forgetRepository(db: Db, repositoryId: string): Promise<boolean> {
  return deleteUnadoptedRepository(db, repositoryId);
}

/**
 * Records that the user's token could (not) read the repository, and tells every api
 * instance ('access.changed') for each of the user's pets whose access changed.
 */
export async function recordRepoAccess(deps: Pick<AppDeps, 'db' | 'bus'>, p: { userId: string; repositoryId: string; readable: boolean; at: Date }): Promise<string[]> {
  const changed = p.readable ? await recordAccessOk(deps.db, p) : await recordAccessLost(deps.db, p);
  for (const entityId of changed) await deps.bus.publish(CHANNELS.accessChanged, { userId: p.userId, entityId, lost: !p.readable }).catch(() => {});
  return changed;
}

export function petHistory(db: Db, petId: string, limit: number): Promise<HealthHistory[]> {
  return listHistory(db, petId, limit);
}

export function analysesOfRepository(db: Db, repositoryId: string, opts: { limit: number; before?: { createdAt: Date; id: string } | undefined }): Promise<CommitAnalysis[]> {
  return listAnalyses(db, repositoryId, opts);
}

/** A vet report, visible only to users who have a pet on its repository (404 otherwise) and can still read it (403 `access_lost`). */
export async function visibleAnalysisOr404(db: Db, userId: string, id: string): Promise<CommitAnalysis> {
  if (!UUID.test(id)) throw notFound('analysis');
  const a = await getAnalysis(db, id);
  const pet = a && (await getEntityForUserByRepo(db, userId, a.repository_id));
  if (!a || !pet) throw notFound('analysis');
  assertRepoReadable(pet);
  return a;
}
