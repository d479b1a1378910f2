/**
 * Queries for the pet lifecycle (issue #3): the scheduler's sweep over pets,
 * the owner's humane settings, the jobs-table lease that lets one of several
 * workers run a scheduled sweep, and the poller's per-repository state.
 */
import { sql, type Kysely } from 'kysely';
import type { Database, Entity, Repository, User } from '../schema.ts';

type Db = Kysely<Database>;

export interface UserSettings {
  restDays: number[];
  vacationUntil: Date | null;
  timezone: string;
  notifyOnDecline: boolean;
}

function toSettings(u: Pick<User, 'rest_days' | 'vacation_until' | 'timezone' | 'notify_on_decline'>): UserSettings {
  return {
    restDays: [...(u.rest_days ?? [])].map(Number).sort((a, b) => a - b),
    vacationUntil: u.vacation_until ? new Date(u.vacation_until) : null,
    timezone: u.timezone,
    notifyOnDecline: u.notify_on_decline,
  };
}

export async function getUserSettings(db: Db, userId: string): Promise<UserSettings | undefined> {
  const u = await db
    .selectFrom('users')
    .select(['rest_days', 'vacation_until', 'timezone', 'notify_on_decline'])
    .where('id', '=', userId)
    .executeTakeFirst();
  return u ? toSettings(u) : undefined;
}

export async function updateUserSettings(db: Db, userId: string, s: UserSettings): Promise<UserSettings | undefined> {
  const u = await db
    .updateTable('users')
    .set({
      // An explicit cast: an empty JS array has no element type for the driver.
      rest_days: sql<number[]>`${`{${s.restDays.join(',')}}`}::smallint[]`,
      vacation_until: s.vacationUntil,
      timezone: s.timezone,
      notify_on_decline: s.notifyOnDecline,
      updated_at: new Date(),
    })
    .where('id', '=', userId)
    .returning(['rest_days', 'vacation_until', 'timezone', 'notify_on_decline'])
    .executeTakeFirst();
  return u ? toSettings(u) : undefined;
}

/**
 * Pets the lifecycle may change (not dead) with their owners' settings, in id
 * order, a page at a time: the scheduler plans them in memory and locks only
 * the few that actually change.
 */
export async function listLifecycleCandidates(
  db: Db,
  opts: { afterId: string | null; limit: number },
): Promise<{ pet: Entity; settings: UserSettings }[]> {
  let q = db
    .selectFrom('entities')
    .innerJoin('users', 'users.id', 'entities.user_id')
    .selectAll('entities')
    .select(['users.rest_days', 'users.vacation_until', 'users.timezone', 'users.notify_on_decline'])
    .where('entities.state', '<>', 'dead');
  if (opts.afterId) q = q.where('entities.id', '>', opts.afterId);
  const rows = await q.orderBy('entities.id').limit(opts.limit).execute();
  return rows.map(({ rest_days, vacation_until, timezone, notify_on_decline, ...pet }) => ({
    pet,
    settings: toSettings({ rest_days, vacation_until, timezone, notify_on_decline }),
  }));
}

/**
 * A pet locked for update together with its owner's settings. The row lock is
 * what makes the daily job exactly-once across workers: a second worker waits,
 * then sees the first one's last_decay_on and has nothing left to do.
 */
export async function getEntityWithSettingsForUpdate(db: Db, id: string): Promise<{ pet: Entity; settings: UserSettings } | undefined> {
  const pet = await db.selectFrom('entities').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!pet) return undefined;
  const settings = await getUserSettings(db, pet.user_id);
  return settings ? { pet, settings } : undefined;
}

/**
 * Claims the (kind, key) job for `leaseMs` unless it is done or another
 * worker holds a live lease. True means the caller owns it and must call
 * `finishJob`; a worker that dies mid-run loses the lease when it expires.
 */
export async function claimJob(db: Db, kind: string, key: string, now: Date, leaseMs: number): Promise<boolean> {
  const lockedUntil = new Date(now.getTime() + leaseMs);
  const row = await db
    .insertInto('jobs')
    .values({ kind, key, status: 'running', attempts: 1, locked_until: lockedUntil })
    .onConflict((oc) =>
      oc
        .columns(['kind', 'key'])
        .doUpdateSet((eb) => ({
          status: 'running',
          attempts: eb('jobs.attempts', '+', 1),
          locked_until: lockedUntil,
          updated_at: now,
        }))
        .where((eb) => eb.and([eb('jobs.status', '<>', 'done'), eb.or([eb('jobs.locked_until', 'is', null), eb('jobs.locked_until', '<', now)])])),
    )
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function finishJob(db: Db, kind: string, key: string, result: { ok: true } | { ok: false; error: string }): Promise<void> {
  await db
    .updateTable('jobs')
    .set(
      result.ok
        ? { status: 'done', locked_until: null, last_error: null, updated_at: new Date() }
        : // Failed runs stay claimable (status 'failed', no lease) so the next tick retries them.
          { status: 'failed', locked_until: null, last_error: result.error.slice(0, 500), updated_at: new Date() },
    )
    .where('kind', '=', kind)
    .where('key', '=', key)
    .execute();
}

/** Scheduled-job rows are bookkeeping only: old ones are dropped so the table stays small. */
export async function pruneJobs(db: Db, kind: string, olderThan: Date): Promise<number> {
  const r = await db.deleteFrom('jobs').where('kind', '=', kind).where('created_at', '<', olderThan).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Adopted repositories (at least one pet) not polled since `polledBefore`, least recently polled first. */
export async function listRepositoriesToPoll(db: Db, opts: { polledBefore: Date; limit: number }): Promise<Repository[]> {
  return db
    .selectFrom('repositories')
    .selectAll()
    .where((eb) => eb.exists(eb.selectFrom('entities').select('entities.id').whereRef('entities.repository_id', '=', 'repositories.id')))
    .where((eb) => eb.or([eb('last_polled_at', 'is', null), eb('last_polled_at', '<', opts.polledBefore)]))
    .orderBy(sql`last_polled_at nulls first`)
    .orderBy('id')
    .limit(opts.limit)
    .execute();
}

export async function setPollState(db: Db, id: string, s: { etag?: string | null; lastSeenSha?: string | null; polledAt: Date }): Promise<void> {
  await db
    .updateTable('repositories')
    .set({
      last_polled_at: s.polledAt,
      ...(s.etag !== undefined ? { poll_etag: s.etag } : {}),
      ...(s.lastSeenSha !== undefined ? { last_seen_sha: s.lastSeenSha } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Users who adopted a repository, first adopter first: the poller reads GitHub with one of their tokens. */
export async function adoptersOfRepository(db: Db, repositoryId: string): Promise<{ userId: string; adoptedAt: Date }[]> {
  const rows = await db
    .selectFrom('entities')
    .select(['user_id', 'created_at'])
    .where('repository_id', '=', repositoryId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, adoptedAt: new Date(r.created_at) }));
}
