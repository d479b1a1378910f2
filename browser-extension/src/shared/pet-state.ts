/**
 * How the popup, badge and overlay present a pet's state, declared as data
 * (as vscode-pets does): a table gives each state its colour and mood lines,
 * so a new state is a row and not a branch in every view, and "drops" are
 * transitions into a worse state that deserve a notification. The state
 * itself always comes from the server (`PetDto.state`); the thresholds that
 * pick it live only in `@tamagitto/domain` (STATE_THRESHOLDS,
 * db/domain/src/pet/rules.ts), so they are not copied here.
 */
import type { CreatureFamily, PetState } from '@tamagitto/domain';
import { tryT } from './i18n.ts';

/** Rank for "is this worse?": higher is healthier; egg sits with healthy. */
export const STATE_RANK: Record<PetState, number> = {
  thriving: 5,
  healthy: 4,
  egg: 4,
  okay: 3,
  poor: 2,
  dying: 1,
  dead: 0,
};

/** Badge and health-bar colours: each ≥ 4.5:1 against white text (axe colour-contrast). */
export const STATE_COLOR: Record<PetState, string> = {
  egg: '#6f42c1',
  thriving: '#116329',
  healthy: '#1a7f37',
  okay: '#9a6700',
  poor: '#bc4c00',
  dying: '#cf222e',
  dead: '#57606a',
};

/** How many mood lines each state has: `mood_<state>_<1…n>` in public/_locales (i18n.test.ts checks each exists). */
export const MOOD_COUNT: Record<PetState, number> = { egg: 2, thriving: 3, healthy: 3, okay: 3, poor: 3, dying: 2, dead: 2 };

/**
 * A mood line stable for a pet within a day (seeded), so it does not flicker on every render;
 * in the user's language, with the creature's sound for the living: its species' own where it
 * has one (`flavour_dog`: a dog does not purr), else its family's (`flavour_<family>`).
 *
 * @example moodLine('thriving', 'robot', 'pet-id') // "*beeps* Bouncing with joy. Ship it!"
 * @example moodLine('healthy', { family: 'pet', species: 'dog' }, 'pet-id') // "*wags* Happy and well fed."
 */
export function moodLine(state: PetState, creature: CreatureFamily | { family: CreatureFamily; species?: string }, seed: string, day = new Date().toISOString().slice(0, 10)): string {
  const { family, species } = typeof creature === 'string' ? { family: creature, species: undefined } : creature;
  const known = Object.hasOwn(MOOD_COUNT, state);
  const count = known ? MOOD_COUNT[state] : MOOD_COUNT.okay;
  let h = 0;
  for (const ch of seed + day) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const line = tryT(`mood_${known ? state : 'okay'}_${(h % count) + 1}`);
  if (state === 'dead' || state === 'egg') return line;
  const sound = (species && /^[a-z]+$/.test(species) ? tryT(`flavour_${species}`) : '') || tryT(`flavour_${family}`) || tryT('flavour_blob');
  return tryT('mood_flavoured', [sound, line]);
}

/** True when a pet moved into poor/dying/dead from a healthier state: notify-worthy. */
export function isAlarmingDrop(from: PetState, to: PetState): boolean {
  return STATE_RANK[to] < STATE_RANK[from] && (to === 'poor' || to === 'dying' || to === 'dead');
}
