/**
 * A user's account as a whole (issue 15): revocable sessions, the pets whose
 * repository the user can no longer read, and deleting or exporting
 * everything stored about a user. Every function takes `db | trx`.
 */
import type { Kysely } from 'kysely';
import type { Database, Session } from '../schema.ts';

type Db = Kysely<Database>;

// ---- sessions (migration 2026-12-06-004): the session JWT's `sid` is the row's id

/** A new session row; its id goes into the JWT as `sid`. Expired sessions of the user are dropped on the way. */
export async function createSession(db: Db, userId: string, expiresAt: Date, now = new Date()): Promise<Session> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<', now).execute();
  return db.insertInto('sessions').values({ user_id: userId, expires_at: expiresAt }).returningAll().executeTakeFirstOrThrow();
}

/** One primary-key lookup: what a request needs to know about its session. */
export async function findSession(db: Db, id: string): Promise<Pick<Session, 'user_id' | 'expires_at' | 'revoked_at'> | undefined> {
  return db.selectFrom('sessions').select(['user_id', 'expires_at', 'revoked_at']).where('id', '=', id).executeTakeFirst();
}

/** Revokes the user's session `id`; false when it is not theirs or was already revoked. */
export async function revokeSession(db: Db, userId: string, id: string, at = new Date()): Promise<boolean> {
  const r = await db.updateTable('sessions').set({ revoked_at: at }).where('id', '=', id).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function listSessions(db: Db, userId: string): Promise<Session[]> {
  return db.selectFrom('sessions').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
}

// ---- repository access (recorded by recordAccessOk / recordAccessLost in entities.ts)

/** Ids of the user's pets whose repository they can no longer read. */
export async function lostAccessPetIds(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('entities').select('id').where('user_id', '=', userId).where('access_lost_at', 'is not', null).execute();
  return rows.map((r) => r.id);
}

// ---- repositories only this user adopted

/** The user's repositories that no other user has a pet on (the ones whose hook, reports and deliveries go with the user). */
export async function repositoriesOnlyAdoptedBy(db: Db, userId: string): Promise<{ id: string; github_id: number; owner: string; name: string; webhook_id: number | null }[]> {
  return db
    .selectFrom('repositories as r')
    .select(['r.id', 'r.github_id', 'r.owner', 'r.name', 'r.webhook_id'])
    .where((eb) =>
      eb.and([
        eb.exists(eb.selectFrom('entities as mine').select('mine.id').whereRef('mine.repository_id', '=', 'r.id').where('mine.user_id', '=', userId)),
        eb.not(eb.exists(eb.selectFrom('entities as other').select('other.id').whereRef('other.repository_id', '=', 'r.id').where('other.user_id', '<>', userId))),
      ]),
    )
    .orderBy('r.full_name')
    .execute();
}

/** How many pets the repository has (after a release: 0 means its hook is nobody's any more). */
export async function countPetsOfRepository(db: Db, repositoryId: string): Promise<number> {
  const r = await db.selectFrom('entities').select((eb) => eb.fn.countAll<string>().as('n')).where('repository_id', '=', repositoryId).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Deletes a repository nobody has a pet on any more (its vet reports cascade) and its stored
 * deliveries, so releasing the last pet leaves nothing about the repository behind.
 * False (and nothing deleted) when someone adopted it meanwhile.
 */
export async function deleteUnadoptedRepository(db: Db, repositoryId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const gone = await trx
      .deleteFrom('repositories')
      .where('id', '=', repositoryId)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('entities').select('entities.id').whereRef('entities.repository_id', '=', 'repositories.id'))))
      .returning('github_id')
      .executeTakeFirst();
    if (gone) await trx.deleteFrom('webhook_deliveries').where('repository_github_id', '=', gone.github_id).execute();
    return gone !== undefined;
  });
}

// ---- deleting an account

export interface DeletedCounts {
  users: number;
  sessions: number;
  pets: number;
  healthHistory: number;
  repositories: number;
  vetReports: number;
  webhookDeliveries: number;
  daySessions: number;
  workBlocks: number;
  conversations: number;
  puzzleAttempts: number;
  badges: number;
  coachingProfiles: number;
  llmUsage: number;
  nudgeClaims: number;
}

const count = async (q: { executeTakeFirstOrThrow(): Promise<{ n: string | number | bigint }> }) => Number((await q.executeTakeFirstOrThrow()).n);

/**
 * Deletes the user and everything stored about them, in one transaction:
 * their rows in every table (most go by the users foreign keys' ON DELETE
 * CASCADE, counted first), their llm_usage rows (deleted, not kept anonymised:
 * they hold what the user asked the coach for and when), the nudge claims keyed
 * by their id, and the repositories no one else adopted with those
 * repositories' vet reports and stored webhook deliveries. A repository another
 * user still adopts stays, with its reports. Counts what went; undefined when
 * the user did not exist.
 */
export async function deleteAccount(db: Db, userId: string): Promise<DeletedCounts | undefined> {
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().executeTakeFirst();
    if (!user) return undefined;
    const onlyMine = await repositoriesOnlyAdoptedBy(trx, userId);
    const repoIds = onlyMine.map((r) => r.id);
    const githubIds = onlyMine.map((r) => r.github_id);
    const n = (table: 'sessions' | 'entities' | 'day_sessions' | 'work_blocks' | 'conversations' | 'puzzle_attempts' | 'badges' | 'coaching_profiles' | 'llm_usage') =>
      count(trx.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', '=', userId));
    const counts: DeletedCounts = {
      users: 1,
      sessions: await n('sessions'),
      pets: await n('entities'),
      healthHistory: await count(
        trx
          .selectFrom('health_history as h')
          .innerJoin('entities as e', 'e.id', 'h.entity_id')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('e.user_id', '=', userId),
      ),
      repositories: repoIds.length,
      vetReports: repoIds.length ? await count(trx.selectFrom('commit_analyses').select((eb) => eb.fn.countAll<string>().as('n')).where('repository_id', 'in', repoIds)) : 0,
      webhookDeliveries: 0,
      daySessions: await n('day_sessions'),
      workBlocks: await n('work_blocks'),
      conversations: await n('conversations'),
      puzzleAttempts: await n('puzzle_attempts'),
      badges: await n('badges'),
      coachingProfiles: await n('coaching_profiles'),
      llmUsage: 0,
      nudgeClaims: 0,
    };
    counts.llmUsage = Number((await trx.deleteFrom('llm_usage').where('user_id', '=', userId).executeTakeFirst()).numDeletedRows);
    counts.nudgeClaims = Number(
      (await trx.deleteFrom('jobs').where('kind', '=', 'nudge').where('key', 'like', `${userId}:%`).executeTakeFirst()).numDeletedRows,
    );
    if (githubIds.length) {
      counts.webhookDeliveries = Number(
        (await trx.deleteFrom('webhook_deliveries').where('repository_github_id', 'in', githubIds).executeTakeFirst()).numDeletedRows,
      );
    }
    // The user's rows cascade from users: sessions, pets (and their history), day sessions, work blocks,
    // conversations, puzzle attempts, badges, the coaching profile.
    await trx.deleteFrom('users').where('id', '=', userId).execute();
    // Then the repositories nobody else adopted (their vet reports cascade), re-checked in the statement:
    // one another user adopted meanwhile stays.
    if (repoIds.length) {
      const r = await trx
        .deleteFrom('repositories')
        .where('id', 'in', repoIds)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('entities').select('entities.id').whereRef('entities.repository_id', '=', 'repositories.id'))))
        .executeTakeFirst();
      counts.repositories = Number(r.numDeletedRows);
    }
    return counts;
  });
}

// ---- exporting an account

/** Everything stored about the user, as rows (the caller shapes them; the encrypted token is left out here already). */
export async function accountRows(db: Db, userId: string) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'github_id', 'login', 'name', 'avatar_url', 'token_scopes', 'token_rejected_at', 'token_rejected_reason', 'rest_days', 'vacation_until', 'timezone', 'notify_on_decline', 'created_at', 'updated_at'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) return undefined;
  const pets = await db
    .selectFrom('entities as e')
    .innerJoin('repositories as r', 'r.id', 'e.repository_id')
    .selectAll('e')
    .select(['r.owner as repo_owner', 'r.name as repo_name', 'r.github_id as repo_github_id', 'r.private as repo_private', 'r.webhook_id as repo_webhook_id'])
    .where('e.user_id', '=', userId)
    .orderBy('e.created_at')
    .execute();
  const petIds = pets.map((p) => p.id);
  // Vet reports only of repositories the user can still read (a pet with access_lost_at set withholds its reports).
  const readable = pets.filter((p) => p.access_lost_at === null).map((p) => p.repository_id);
  const [history, analyses, daySessions, workBlocks, conversations, puzzleAttempts, badges, coachingProfile, llmUsage, sessions, apiKeys, checks] = await Promise.all([
    petIds.length ? db.selectFrom('health_history').selectAll().where('entity_id', 'in', petIds).orderBy('created_at').orderBy('id').execute() : [],
    readable.length ? db.selectFrom('commit_analyses').selectAll().where('repository_id', 'in', readable).orderBy('created_at').orderBy('id').execute() : [],
    db.selectFrom('day_sessions').selectAll().where('user_id', '=', userId).orderBy('day').execute(),
    db.selectFrom('work_blocks').selectAll().where('user_id', '=', userId).orderBy('started_at').execute(),
    db.selectFrom('conversations').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('puzzle_attempts').selectAll().where('user_id', '=', userId).orderBy('puzzle_day').execute(),
    db.selectFrom('badges').selectAll().where('user_id', '=', userId).orderBy('awarded_at').execute(),
    db.selectFrom('coaching_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst(),
    db.selectFrom('llm_usage').selectAll().where('user_id', '=', userId).orderBy('created_at').execute(),
    listSessions(db, userId),
    // Never the key's hash: the name, the shown prefix, scopes and dates.
    db.selectFrom('api_keys').select(['id', 'name', 'prefix', 'scopes', 'created_at', 'last_used_at', 'revoked_at']).where('user_id', '=', userId).orderBy('created_at').execute(),
    // The PR checks this user asked for (reports of repositories they can still read only).
    readable.length
      ? db
          .selectFrom('checks')
          .select(['id', 'repository_id', 'pr_number', 'head_sha', 'status', 'verdict', 'report', 'created_at'])
          .where('requested_by', '=', userId)
          .where('repository_id', 'in', readable)
          .orderBy('created_at')
          .execute()
      : [],
  ]);
  return { user, pets, history, analyses, daySessions, workBlocks, conversations, puzzleAttempts, badges, coachingProfile, llmUsage, sessions, apiKeys, checks };
}
