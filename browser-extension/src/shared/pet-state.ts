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

const MOODS: Record<PetState, readonly string[]> = {
  egg: ['Something is wiggling inside…', 'Keep it warm with a first commit.'],
  thriving: ['Feeling fantastic — those tests are delicious!', 'Bouncing with joy. Ship it!', 'Best day ever.'],
  healthy: ['Happy and well fed.', 'Humming along nicely.', 'Content. A small refactor would be a treat.'],
  okay: ['Doing alright, could use some attention.', 'A bit peckish for tests.', 'Meh. Needs a good commit.'],
  poor: ['Not feeling great… complexity is piling up.', 'Could really use some docs and tests.', 'Sweating over that last diff.'],
  dying: ['Very weak. Please push something good, soon.', 'Fading… a clean commit would help.'],
  dead: ['Gone to the great repo in the sky.', 'Rest in peace. It can be revived after the cooldown.'],
};

const FAMILY_FLAVOUR: Record<CreatureFamily, string> = {
  pet: 'purrs',
  plant: 'rustles',
  robot: 'beeps',
  golem: 'rumbles',
  blob: 'jiggles',
};

/**
 * A mood line stable for a pet within a day (seeded), so it does not flicker on every render.
 *
 * @example moodLine('thriving', 'robot', 'pet-id') // "*beeps* Bouncing with joy. Ship it!"
 */
export function moodLine(state: PetState, family: CreatureFamily, seed: string, day = new Date().toISOString().slice(0, 10)): string {
  const lines = MOODS[state] ?? MOODS.okay;
  let h = 0;
  for (const ch of seed + day) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const line = lines[h % lines.length] ?? lines[0] ?? '';
  if (state === 'dead' || state === 'egg') return line;
  return `*${FAMILY_FLAVOUR[family] ?? 'wiggles'}* ${line}`;
}

/** True when a pet moved into poor/dying/dead from a healthier state: notify-worthy. */
export function isAlarmingDrop(from: PetState, to: PetState): boolean {
  return STATE_RANK[to] < STATE_RANK[from] && (to === 'poor' || to === 'dying' || to === 'dead');
}
