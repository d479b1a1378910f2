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
  setCheckThresholds,
  setWebhook,
  upsertRepository,
  type CommitAnalysis,
  type Database,
  type Entity,
  type EntityUpdate,
  type EntityWithRepo,
  type HealthHistory,
  type PetHealthContext,
  type Repository,
} from '@tamagitto/db';
import type { CreatureFamily } from '@tamagitto/domain';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../deps.ts';
import { mergeCheckThresholds, type CheckThresholdsPatch } from '../checks/thresholds.ts';
import { AppError, notFound } from '../http/errors.ts';
import { UUID } from '../http/validate.ts';
import { petCacheOf, petChangedHere, petsChanged, type CachedPet } from './pet-cache.ts';
import { toPetDto } from './dto.ts';

type Db = Kysely<Database>;

/** The user's pet, or 404 `not_found` (also for another user's pet and for an id that is not a uuid, without a query). */
export async function ownPetOr404(db: Db, userId: string, id: string): Promise<EntityWithRepo> {
  if (!UUID.test(id)) throw notFound('pet');
  const pet = await getEntityForUser(db, userId, id);
  if (!pet) throw notFound('pet');
  return pet;
}

/**
 * The user's pet as GET /api/pets/{id} answers it, with its JSON: from the pet cache (pet-cache.ts) when
 * it holds it, else read (404 as ownPetOr404) and cached. Both the Hono route and the node:http fast
 * path (fast-read.ts) answer from here.
 */
export async function readPet(deps: Pick<AppDeps, 'db' | 'bus'>, userId: string, id: string): Promise<CachedPet> {
  const cache = petCacheOf(deps);
  const hit = cache.get(userId, id, Date.now());
  if (hit) return hit;
  const generation = cache.generation;
  const pet = await ownPetOr404(deps.db, userId, id);
  return cache.set(pet, toPetDto(pet), generation, Date.now());
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

/** The owner's order: favourites first, then their own positions (pets without one after), then adoption order. */
export function byCare(a: Pick<Entity, 'favourite' | 'position'>, b: Pick<Entity, 'favourite' | 'position'>): number {
  if (a.favourite !== b.favourite) return a.favourite ? -1 : 1;
  return (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER);
}

/** The user's pets in their own order (byCare; the sort is stable, so ties stay oldest adoption first). */
export async function listPets(db: Db, userId: string): Promise<EntityWithRepo[]> {
  return (await listEntitiesForUser(db, userId)).sort(byCare);
}

/** What the owner may change about a pet (PATCH /api/pets/{id}); absent fields stay as they are. */
export interface PetCare {
  name?: string | undefined;
  favourite?: boolean | undefined;
  position?: number | null | undefined;
  badgePublic?: boolean | undefined;
  /** The repository's PR-check thresholds (checks/thresholds.ts); null: the defaults. */
  checkThresholds?: CheckThresholdsPatch | undefined;
}

/**
 * Applies the owner's changes to their pet (already looked up with ownPetOr404); the pet cache drops
 * it (the repository's pets, for thresholds) on every instance before this resolves.
 */
export async function updatePetCare(deps: Pick<AppDeps, 'db' | 'bus' | 'log'>, pet: EntityWithRepo, care: PetCare): Promise<EntityWithRepo> {
  const updated = await applyPetCare(deps.db, pet, care);
  if (updated !== pet) await petsChanged(deps, care.checkThresholds !== undefined ? { repositoryId: pet.repository_id } : { petId: pet.id });
  return updated;
}

async function applyPetCare(db: Db, pet: EntityWithRepo, care: PetCare): Promise<EntityWithRepo> {
  const patch: EntityUpdate = {};
  if (care.name !== undefined) patch.name = care.name;
  if (care.favourite !== undefined) patch.favourite = care.favourite;
  if (care.position !== undefined) patch.position = care.position;
  if (care.badgePublic !== undefined) patch.badge_public = care.badgePublic;
  // The thresholds are the repository's: refused (403 access_lost) when the owner can no longer read it, checked before any write.
  if (care.checkThresholds !== undefined) assertRepoReadable(pet);
  const thresholds = care.checkThresholds === undefined ? undefined : mergeCheckThresholds(pet.repo, care.checkThresholds);
  if (Object.keys(patch).length === 0 && !thresholds) return pet;
  return db.transaction().execute(async (tx) => {
    const row =
      Object.keys(patch).length === 0
        ? pet
        : await tx.updateTable('entities').set({ ...patch, updated_at: new Date() }).where('id', '=', pet.id).where('user_id', '=', pet.user_id).returningAll().executeTakeFirst();
    if (!row) throw notFound('pet');
    const repo = thresholds ? await setCheckThresholds(tx, pet.repository_id, thresholds) : pet.repo;
    return { ...row, repo };
  });
}

/**
 * A pet whose owner made its README badge public, looked up without a session; undefined for a
 * private badge, a missing pet and an id that is not a uuid alike (the route answers 404 for all).
 */
export async function findPublicBadgePet(db: Db, id: string): Promise<Entity | undefined> {
  if (!UUID.test(id)) return undefined;
  return db.selectFrom('entities').selectAll().where('id', '=', id).where('badge_public', '=', true).executeTakeFirst();
}

/** The user's pet on `owner/name`, if the repository is known and adopted by this user. */
export async function findPetByRepoName(db: Db, userId: string, owner: string, name: string): Promise<EntityWithRepo | undefined> {
  const repository = await findRepositoryByFullName(db, owner, name);
  return repository && getEntityForUserByRepo(db, userId, repository.id);
}

export function findPetByRepo(db: Db, userId: string, repositoryId: string): Promise<EntityWithRepo | undefined> {
  return getEntityForUserByRepo(db, userId, repositoryId);
}

/** Stores (or refreshes) what GitHub says about a repository being adopted; its pets' cached DTOs (name, language) are dropped. */
export async function saveRepository(
  deps: Pick<AppDeps, 'db' | 'bus' | 'log'>,
  info: { githubId: number; owner: string; name: string; language: string | null; defaultBranch: string; private: boolean },
): Promise<Repository> {
  const repo = await upsertRepository(deps.db, info);
  await petsChanged(deps, { repositoryId: repo.id });
  return repo;
}

/** Records the repository's webhook (or why there is none): its pets' cached DTOs show it, so they are dropped. */
export async function saveWebhook(deps: Pick<AppDeps, 'db' | 'bus' | 'log'>, repositoryId: string, hook: { id: number | null; error: string | null }): Promise<void> {
  await setWebhook(deps.db, repositoryId, hook);
  await petsChanged(deps, { repositoryId });
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
  // pet.updated (published above) tells every instance; this one drops it without waiting for its own message.
  if (value) petChangedHere(ctx, petId);
  return value;
}

/**
 * Releases the pet (its history goes with it) and tells the user's other sockets.
 * True when it was the repository's last pet (nobody else adopted it): its webhook is nobody's any more.
 */
export async function deletePet(deps: Pick<AppDeps, 'db' | 'bus'>, userId: string, pet: Pick<Entity, 'id' | 'repository_id'>): Promise<boolean> {
  await deleteEntity(deps.db, pet.id);
  petChangedHere(deps, pet.id);
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
  for (const entityId of changed) petChangedHere(deps, entityId);
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
