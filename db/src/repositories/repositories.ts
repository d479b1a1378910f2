import type { Kysely } from 'kysely';
import type { Database, Repository } from '../schema.ts';

type Db = Kysely<Database>;

export interface RepoFacts {
  githubId: number;
  owner: string;
  name: string;
  language: string | null;
  defaultBranch: string;
  private: boolean;
}

/** GitHub names are case-insensitive: rows are keyed by github id, looked up by lower-cased full name. */
export function fullNameKey(owner: string, name: string): string {
  return `${owner}/${name}`.toLowerCase();
}

export async function upsertRepository(db: Db, r: RepoFacts): Promise<Repository> {
  const values = {
    owner: r.owner,
    name: r.name,
    full_name: fullNameKey(r.owner, r.name),
    language: r.language,
    default_branch: r.defaultBranch,
    private: r.private,
  };
  return db
    .insertInto('repositories')
    .values({ github_id: r.githubId, ...values })
    .onConflict((oc) => oc.column('github_id').doUpdateSet({ ...values, updated_at: new Date() }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function getRepository(db: Db, id: string): Promise<Repository | undefined> {
  return db.selectFrom('repositories').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRepositoryByGithubId(db: Db, githubId: number): Promise<Repository | undefined> {
  return db.selectFrom('repositories').selectAll().where('github_id', '=', githubId).executeTakeFirst();
}

export async function findRepositoryByFullName(db: Db, owner: string, name: string): Promise<Repository | undefined> {
  return db.selectFrom('repositories').selectAll().where('full_name', '=', fullNameKey(owner, name)).executeTakeFirst();
}

export async function setWebhook(db: Db, id: string, hook: { id: number | null; error: string | null }): Promise<void> {
  await db
    .updateTable('repositories')
    .set({ webhook_id: hook.id, webhook_error: hook.error, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}
