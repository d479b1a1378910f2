/**
 * The pet's rules as data: families by language, states by health. Shared by
 * the api (adoption), the worker (commits, decay), the extension and the
 * landing site, so every surface judges a pet the same way.
 */
import type { CreatureFamily, PetState } from '../vocabulary.ts';

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

/**
 * How often the worker's poller asks GitHub for commits whose webhook never
 * arrived (or could not be registered). The landing page quotes it.
 */
export const DEFAULT_POLL_INTERVAL_MS = 5 * 60_000;
