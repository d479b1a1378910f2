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
        // A fresh sign-in brings a token GitHub just accepted: the old one's rejection no longer applies.
        token_rejected_at: null,
        token_rejected_reason: null,
        updated_at: new Date(),
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function getUser(db: Db, id: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Marks a stored token GitHub rejected (401), so the worker skips it and its
 * owner is told to sign in again; `upsertUser` (signing in) clears the mark.
 * Only marks the token that was tried (`tokenEncrypted`): one stored by a
 * sign-in since is left alone. Resolves true when this call set the mark.
 *
 * @example
 * if (await markTokenRejected(db, user.id, user.token_encrypted, 'GitHub answered 401', now)) await bus.publish(...);
 */
export async function markTokenRejected(db: Db, userId: string, tokenEncrypted: string, reason: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ token_rejected_at: at, token_rejected_reason: reason, updated_at: at })
    .where('id', '=', userId)
    .where('token_encrypted', '=', tokenEncrypted)
    .where('token_rejected_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
