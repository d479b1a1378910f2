/**
 * The pet's rules as data (ARCHITECTURE.md "The pet's rules"): families by
 * language, states by health. Shared by the api (adoption) and the worker
 * (commits, decay) so both judge a pet the same way.
 */
import type { CreatureFamily, PetState } from '@tamagitto/db';

export const INITIAL_HEALTH = 70;
export const MAX_HEALTH = 100;

/** Lower bounds, checked in order; health 0 is "dying" until death is declared 24 h later. */
export const STATE_THRESHOLDS: readonly { state: Exclude<PetState, 'egg' | 'dead'>; min: number }[] = [
  { state: 'thriving', min: 80 },
  { state: 'healthy', min: 60 },
  { state: 'okay', min: 40 },
  { state: 'poor', min: 20 },
  { state: 'dying', min: -Infinity },
];

/** The state a living, hatched pet shows at `health`. */
export function stateForHealth(health: number): Exclude<PetState, 'egg' | 'dead'> {
  return STATE_THRESHOLDS.find((t) => health >= t.min)!.state;
}

export function clampHealth(h: number): number {
  return Math.round(Math.max(0, Math.min(MAX_HEALTH, h)) * 100) / 100;
}

const FAMILY_BY_LANGUAGE: Record<string, CreatureFamily> = {
  javascript: 'pet',
  typescript: 'pet',
  python: 'plant',
  go: 'robot',
  rust: 'robot',
  'c++': 'robot',
  java: 'golem',
  'c#': 'golem',
};

export const SPECIES: Record<CreatureFamily, readonly string[]> = {
  pet: ['cat', 'dog', 'hamster'],
  plant: ['succulent', 'fern', 'flower'],
  robot: ['rover', 'droid', 'mech'],
  golem: ['stone', 'clay', 'iron'],
  blob: ['slime', 'jelly', 'cloud'],
};

/**
 * @example familyForLanguage('TypeScript') // 'pet'
 * @example familyForLanguage(null) // 'blob'
 */
export function familyForLanguage(language: string | null | undefined): CreatureFamily {
  return (language && FAMILY_BY_LANGUAGE[language.toLowerCase()]) || 'blob';
}

/** A stable species per repository, so the same repo always hatches the same creature. */
export function speciesFor(family: CreatureFamily, repoGithubId: number): string {
  const list = SPECIES[family];
  return list[Math.abs(repoGithubId) % list.length]!;
}
