/**
 * The coaching profile as stored (coaching_profiles): recomputed from the
 * user's recent work blocks and the queue's signals. The pattern rules
 * themselves are pure and live in @tamagitto/domain (coaching.ts).
 */
import { detectPattern, SHORT_BLOCK_MIN, type CoachPattern, type ProfileSignals } from '@tamagitto/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/**
 * Recomputes and stores the user's profile. Queue-based signals are null when
 * GitHub was not asked (they then keep their last stored value).
 *
 * @example
 * await refreshProfile(db, userId, new Date(), { openOwnPrs: 5, agingReviewRequests: 0 });
 */
export async function refreshProfile(
  db: Kysely<Database>,
  userId: string,
  now: Date,
  queue: { openOwnPrs: number | null; agingReviewRequests: number | null },
): Promise<{ pattern: CoachPattern; signals: ProfileSignals }> {
  const since = new Date(now.getTime() - 14 * 86_400_000);
  const blocks = await db
    .selectFrom('work_blocks')
    .select(['started_at', 'ended_at'])
    .where('user_id', '=', userId)
    .where('started_at', '>=', since)
    .where('ended_at', 'is not', null)
    .execute();
  const prev = await db.selectFrom('coaching_profiles').select('signals').where('user_id', '=', userId).executeTakeFirst();
  const old = (prev?.signals ?? {}) as Partial<ProfileSignals>;
  const signals: ProfileSignals = {
    openOwnPrs: queue.openOwnPrs ?? old.openOwnPrs ?? null,
    agingReviewRequests: queue.agingReviewRequests ?? old.agingReviewRequests ?? null,
    blocks14d: blocks.length,
    shortBlocks14d: blocks.filter((b) => new Date(b.ended_at!).getTime() - new Date(b.started_at).getTime() < SHORT_BLOCK_MIN * 60_000).length,
  };
  const pattern = detectPattern(signals);
  await db
    .insertInto('coaching_profiles')
    .values({ user_id: userId, pattern, signals: JSON.stringify(signals), updated_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ pattern, signals: JSON.stringify(signals), updated_at: now }))
    .execute();
  return { pattern, signals };
}

export async function storedPattern(db: Kysely<Database>, userId: string): Promise<CoachPattern> {
  const row = await db.selectFrom('coaching_profiles').select('pattern').where('user_id', '=', userId).executeTakeFirst();
  return row?.pattern ?? 'balanced';
}
