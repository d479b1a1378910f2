/**
 * The pet's vocabulary and the bus event every process and the extension
 * share: families, states, stages and the reasons a pet's health changes.
 * Each union also exists as a runtime list, so tests and UIs can walk it.
 */

export type CreatureFamily = 'pet' | 'plant' | 'robot' | 'golem' | 'blob';
export type PetState = 'egg' | 'thriving' | 'healthy' | 'okay' | 'poor' | 'dying' | 'dead';
export type PetStage = 'baby' | 'teen' | 'adult';
export type HealthReason = 'adopt' | 'commit' | 'poor_commit' | 'decay' | 'death' | 'revive' | 'puzzle';

export const FAMILIES = ['pet', 'plant', 'robot', 'golem', 'blob'] as const satisfies readonly CreatureFamily[];
export const STATES = ['egg', 'thriving', 'healthy', 'okay', 'poor', 'dying', 'dead'] as const satisfies readonly PetState[];
export const STAGES = ['baby', 'teen', 'adult'] as const satisfies readonly PetStage[];
export const HEALTH_REASONS = ['adopt', 'commit', 'poor_commit', 'decay', 'death', 'revive', 'puzzle'] as const satisfies readonly HealthReason[];

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
