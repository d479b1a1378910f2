/** The pet the popup shows: the one picked, else the favourite, else the first. */
import type { PetDto } from '@tamagitto/domain';
import type { PopupStore } from './popup-tab.ts';

export function shownPet(store: Pick<PopupStore, 'selectedPetId' | 'settings'>, pets: readonly PetDto[]): PetDto | undefined {
  return pets.find((p) => p.id === store.selectedPetId) ?? pets.find((p) => p.id === store.settings.favouritePetId) ?? pets[0];
}

/**
 * A pet's line in the picker, short enough for the popup's select without
 * the browser cutting it mid-word ("lisa-app — mona/lisa-ap"): a pet named
 * after its repository is just the repository; otherwise name — repository,
 * the name shortened first, then the owner, each marked with "…".
 * @example pickerLabel({ name: 'lisa-app', repo: { fullName: 'mona/lisa-app', name: 'lisa-app' } }) // 'mona/lisa-app'
 */
export function pickerLabel(pet: Pick<PetDto, 'name'> & { repo: Pick<PetDto['repo'], 'fullName' | 'name'> }, max = 32): string {
  const full = pet.repo.fullName;
  if (pet.name.trim().toLowerCase() === pet.repo.name.toLowerCase()) return shortenRepo(full, max);
  const sep = ' — ';
  if (pet.name.length + sep.length + full.length <= max) return `${pet.name}${sep}${full}`;
  const repo = shortenRepo(full, Math.max(12, max - sep.length - Math.min(pet.name.length, 9)));
  const room = max - sep.length - repo.length;
  return `${pet.name.length <= room ? pet.name : `${pet.name.slice(0, Math.max(1, room - 1)).trimEnd()}…`}${sep}${repo}`;
}

/** owner/name within `max` characters: the owner gives way first, the repository's name only when it alone is too long. */
function shortenRepo(full: string, max: number): string {
  if (full.length <= max) return full;
  const [owner = '', name = ''] = full.split('/');
  if (name.length + 3 <= max) return `${owner.slice(0, Math.max(1, max - name.length - 2))}…/${name}`;
  return `${name.slice(0, max - 1)}…`;
}
