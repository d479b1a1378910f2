/**
 * A correct answer gives each living pet a small happiness bonus, once per
 * day: health_history reason 'puzzle', unique per pet and day. The change goes
 * through the pet-health service like every other change of a pet's health
 * (it records history and pushes the update to the user's sockets).
 */
import { getEntityForUpdate, listEntitiesForUser, petHealthTransaction } from '@tamagitto/db';
import { PUZZLE_BONUS, type PuzzleSubmitResultDto } from '@tamagitto/domain';
import type { AppDeps } from '../deps.ts';
import { petChangedHere } from '../pets/pet-cache.ts';

/** Feeds the user's hatched, living pets for `day`; returns the pets that got the bonus now (not those already fed that day). */
export async function givePetBonus(deps: AppDeps, userId: string, day: string): Promise<PuzzleSubmitResultDto['petBonus']> {
  const out: PuzzleSubmitResultDto['petBonus'] = [];
  for (const pet of await listEntitiesForUser(deps.db, userId)) {
    if (pet.state === 'egg' || pet.state === 'dead') continue; // eggs hatch from commits; the dead need revival
    // One transaction per pet: one pet's failure must not take back another's treat.
    const { value: r } = await petHealthTransaction(deps, async (tx) => {
      const locked = await getEntityForUpdate(tx.trx, pet.id);
      return locked ? tx.change(locked, { reason: 'puzzle', delta: PUZZLE_BONUS }, { day, note: 'daily puzzle solved' }) : null;
    });
    // Refused (it died or is an egg after all) or already fed today.
    if (!r?.applied) continue;
    // pet.updated (published by the service) tells every instance; this one drops its cached read now, so the
    // GET /api/pets/:id that follows the answer cannot beat that message back from Redis.
    petChangedHere(deps, r.pet.id);
    out.push({ petId: r.pet.id, delta: r.entry.delta, health: r.pet.health });
  }
  return out;
}
