/**
 * What a portrait depends on: the same (family, species, state, stage) draws
 * the same picture for every user, so that tuple is the cache key.
 */
import type { CreatureFamily, PetStage, PetState } from '@tamagitto/domain';

export interface PortraitKey {
  family: CreatureFamily;
  species: string;
  state: PetState;
  stage: PetStage;
}

/**
 * @example
 * portraitKeyOf(pet) // { family: 'pet', species: 'cat', state: 'healthy', stage: 'baby' }
 */
export function portraitKeyOf(pet: PortraitKey): PortraitKey {
  return { family: pet.family, species: pet.species, state: pet.state, stage: pet.stage };
}

/** One string per key, for in-process maps. */
export function portraitKeyString(k: PortraitKey): string {
  return `${k.family}/${k.species}/${k.state}/${k.stage}`;
}
