import type { PetState } from '@tamagitto/browser-extension/sprites';

/**
 * Health → state bands for the hero slider. Mirrors the worker's lifecycle
 * rules (ARCHITECTURE.md "The pet's rules"): 0 is dying, not dead — death
 * needs 24 h at 0, which a slider cannot show.
 *
 * @example
 * stateForHealth(70) // 'healthy'
 */
export function stateForHealth(health: number): Exclude<PetState, 'egg' | 'dead'> {
  if (health >= 80) return 'thriving';
  if (health >= 60) return 'healthy';
  if (health >= 40) return 'okay';
  if (health >= 20) return 'poor';
  return 'dying';
}
