import { sql, type Kysely } from 'kysely';
import type { Database, Entity, EntityUpdate, NewEntity, Repository } from '../schema.ts';

type Db = Kysely<Database>;

export type EntityWithRepo = Entity & { repo: Repository };

export async function insertEntity(db: Db, row: NewEntity): Promise<Entity> {
  return db.insertInto('entities').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateEntity(db: Db, id: string, patch: EntityUpdate): Promise<Entity> {
  return db
    .updateTable('entities')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteEntity(db: Db, id: string): Promise<boolean> {
  const r = await db.deleteFrom('entities').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

async function withRepos(db: Db, rows: Entity[]): Promise<EntityWithRepo[]> {
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.map((r) => r.repository_id))];
  const repos = await db.selectFrom('repositories').selectAll().where('id', 'in', ids).execute();
  const byId = new Map(repos.map((r) => [r.id, r]));
  return rows.flatMap((e) => {
    const repo = byId.get(e.repository_id);
    return repo ? [{ ...e, repo }] : [];
  });
}

export async function listEntitiesForUser(db: Db, userId: string): Promise<EntityWithRepo[]> {
  const rows = await db.selectFrom('entities').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
  return withRepos(db, rows);
}

/** Another user's id gives undefined, exactly like a missing one (the API answers 404 for both). */
export async function getEntityForUser(db: Db, userId: string, id: string): Promise<EntityWithRepo | undefined> {
  const row = await db.selectFrom('entities').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return row ? (await withRepos(db, [row]))[0] : undefined;
}

export async function getEntityForUserByRepo(db: Db, userId: string, repositoryId: string): Promise<EntityWithRepo | undefined> {
  const row = await db
    .selectFrom('entities')
    .selectAll()
    .where('repository_id', '=', repositoryId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? (await withRepos(db, [row]))[0] : undefined;
}

/** Every pet of a repository (several users may adopt the same repo), locked for update inside a transaction. */
export async function entitiesOfRepositoryForUpdate(db: Db, repositoryId: string): Promise<Entity[]> {
  return db.selectFrom('entities').selectAll().where('repository_id', '=', repositoryId).orderBy('id').forUpdate().execute();
}

export async function getEntityForUpdate(db: Db, id: string): Promise<Entity | undefined> {
  return db.selectFrom('entities').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listEntitiesOfRepository(db: Db, repositoryId: string): Promise<Entity[]> {
  return db.selectFrom('entities').selectAll().where('repository_id', '=', repositoryId).orderBy('id').execute();
}

/**
 * The adopter's own token read the repository at `at`: their pet's access is
 * confirmed (`access_checked_at`) and any loss cleared. To spare a write per
 * delivery, a pet checked within `recheckAfterMs` with access intact is left
 * alone. Resolves to the ids of pets whose access came back.
 */
export function recordAccessOk(db: Db, p: { repositoryId: string; userId: string; at: Date; recheckAfterMs?: number }): Promise<string[]> {
  return recordAccessCheck(db, p, false, p.recheckAfterMs ?? 0);
}

/**
 * The adopter's own token can no longer read the repository (GitHub answered
 * 403 or 404): their pet keeps `access_lost_at` from the first time this was
 * seen. Resolves to the ids of pets that lost access just now.
 */
export function recordAccessLost(db: Db, p: { repositoryId: string; userId: string; at: Date }): Promise<string[]> {
  return recordAccessCheck(db, p, true, 0);
}

/**
 * Both of the above, in one statement: the adopter's pets whose access changed (lost now, or back)
 * get `access_lost_at` (`at` or null) and `access_checked_at`, and are returned; those already so
 * only get `access_checked_at`, when it is older than `recheckAfterMs`. The self-join gives the row
 * as it was before the update, which tells a change from a re-check; one statement instead of two
 * updates is a round trip less on every delivery (bench/push-latency).
 */
async function recordAccessCheck(db: Db, p: { repositoryId: string; userId: string; at: Date }, lost: boolean, recheckAfterMs: number): Promise<string[]> {
  const stale = new Date(p.at.getTime() - recheckAfterMs);
  const changes = lost ? sql<boolean>`old.access_lost_at is null` : sql<boolean>`old.access_lost_at is not null`;
  const rows = await db
    .updateTable('entities as e')
    .from('entities as old')
    .set({
      access_checked_at: p.at,
      // Lost: kept from the first time it was seen. Back (or never lost): cleared.
      access_lost_at: lost ? sql<Date>`coalesce(old.access_lost_at, ${p.at})` : null,
    })
    .whereRef('old.id', '=', 'e.id')
    .where('e.repository_id', '=', p.repositoryId)
    .where('e.user_id', '=', p.userId)
    .where((eb) => eb.or([changes, eb('old.access_checked_at', 'is', null), eb('old.access_checked_at', '<=', stale)]))
    .returning(['e.id', changes.as('changed')])
    .execute();
  return rows.filter((r) => r.changed).map((r) => r.id);
}

export interface PetDueForAccessCheck {
  entityId: string;
  userId: string;
  repositoryId: string;
  owner: string;
  name: string;
}

/**
 * Pets whose adopter's access was not checked since `checkedBefore` (never
 * checked first), skipping adopters whose token GitHub rejected or who have
 * none: they are checked again once they sign in.
 */
export async function listPetsDueForAccessCheck(db: Db, opts: { checkedBefore: Date; limit: number }): Promise<PetDueForAccessCheck[]> {
  const rows = await db
    .selectFrom('entities')
    .innerJoin('repositories', 'repositories.id', 'entities.repository_id')
    .innerJoin('users', 'users.id', 'entities.user_id')
    .select(['entities.id as entityId', 'entities.user_id as userId', 'entities.repository_id as repositoryId', 'repositories.owner', 'repositories.name'])
    .where('users.token_encrypted', 'is not', null)
    .where('users.token_rejected_at', 'is', null)
    .where((eb) => eb.or([eb('entities.access_checked_at', 'is', null), eb('entities.access_checked_at', '<', opts.checkedBefore)]))
    .orderBy(sql`entities.access_checked_at nulls first`)
    .orderBy('entities.id')
    .limit(opts.limit)
    .execute();
  return rows;
}
