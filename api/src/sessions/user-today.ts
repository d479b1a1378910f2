import { getUser } from '@tamagitto/db';
import { localDay } from '@tamagitto/domain';
import type { AppDeps } from '../deps.ts';

/**
 * Today ('YYYY-MM-DD') in the user's own time zone: the day a session, a
 * puzzle answer and a streak belong to (the puzzles feature reads it from here).
 */
export async function userToday(deps: AppDeps, userId: string): Promise<string> {
  return localDay(deps.now(), (await getUser(deps.db, userId))?.timezone ?? 'UTC');
}
