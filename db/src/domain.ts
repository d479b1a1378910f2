/**
 * The pet's vocabulary and the bus event every process and the extension share.
 * No imports: the extension and the site type-check this file through
 * api/src/contract.ts without pulling in any server code.
 */

export type CreatureFamily = 'pet' | 'plant' | 'robot' | 'golem' | 'blob';
export type PetState = 'egg' | 'thriving' | 'healthy' | 'okay' | 'poor' | 'dying' | 'dead';
export type PetStage = 'baby' | 'teen' | 'adult';
export type HealthReason = 'adopt' | 'commit' | 'poor_commit' | 'decay' | 'death' | 'revive' | 'puzzle';

/** Published on CHANNELS.petUpdated; the api relays it to `userId`'s sockets without the `userId`. */
export interface PetUpdatedEvent {
  type: 'pet.updated';
  userId: string;
  petId: string;
  health: number;
  state: PetState;
  stage: PetStage;
  delta: number;
  reason: HealthReason;
  sha: string | null;
  at: string;
}
