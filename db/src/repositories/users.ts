import type { Kysely } from 'kysely';
import type { Database, User } from '../schema.ts';

type Db = Kysely<Database>;

export interface GithubIdentity {
  githubId: number;
  login: string;
  name: string | null;
  avatarUrl: string | null;
}

/** Creates or refreshes the user behind a GitHub identity; the token arrives already encrypted. */
export async function upsertUser(db: Db, who: GithubIdentity, token: { encrypted: string; scopes: string | null }): Promise<User> {
  return db
    .insertInto('users')
    .values({
      github_id: who.githubId,
      login: who.login,
      name: who.name,
      avatar_url: who.avatarUrl,
      token_encrypted: token.encrypted,
      token_scopes: token.scopes,
    })
    .onConflict((oc) =>
      oc.column('github_id').doUpdateSet({
        login: who.login,
        name: who.name,
        avatar_url: who.avatarUrl,
        token_encrypted: token.encrypted,
        token_scopes: token.scopes,
        updated_at: new Date(),
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function getUser(db: Db, id: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}
