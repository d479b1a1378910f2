/**
 * A pet's full name over its repository, on two wrapped lines (never cut): the
 * picker's toggle (pet-picker.tsx) and each row of its list (pet-list.tsx).
 */
import type { PetDto } from '@tamagitto/domain';

export function PetLines({ pet }: { pet: PetDto }) {
  return (
    <span class="pick-lines">
      <span class="pick-name">{pet.name}</span>
      <span class="pick-repo">{pet.repo.fullName}</span>
    </span>
  );
}
