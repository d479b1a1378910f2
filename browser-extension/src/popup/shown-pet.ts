/** The pet the popup shows: the one picked, else the favourite, else the first. */
import type { PetDto } from '@tamagitto/domain';
import type { PopupStore } from './popup-tab.ts';

export function shownPet(store: Pick<PopupStore, 'selectedPetId' | 'settings'>, pets: readonly PetDto[]): PetDto | undefined {
  return pets.find((p) => p.id === store.selectedPetId) ?? pets.find((p) => p.id === store.settings.favouritePetId) ?? pets[0];
}
