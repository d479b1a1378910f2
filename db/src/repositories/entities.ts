import type { Kysely } from 'kysely';
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
