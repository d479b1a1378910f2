/**
 * The Pet tab's picker: the shown pet's full name and repository (wrapped,
 * never cut: "lisa-app — mona/lisa-ap" was a select's doing), and on a click
 * the list of your pets to pick one or reorder them (pet-list.tsx, its own chunk).
 */
import type { PetDto } from '@tamagitto/domain';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiTarget } from '../shared/api-client.ts';
import { t } from '../shared/i18n.ts';
import { lazyView } from './lazy-view.tsx';
import { PetLines } from './pet-lines.tsx';

const PetList = lazyView(() => import('./pet-list.tsx').then((m) => m.PetList));

export function PetPicker({ pet, pets, target, onError }: { pet: PetDto; pets: readonly PetDto[]; target: ApiTarget; onError: (e: string | null) => void }) {
  const [open, setOpen] = useState(false);
  const [said, setSaid] = useState('');
  const toggle = useRef<HTMLButtonElement | null>(null);
  // Focus goes back to the toggle before the list unmounts: moved after it (a frame later), it
  // passed through <body> meanwhile, where a screen reader loses its place.
  const close = () => {
    toggle.current?.focus();
    setOpen(false);
  };
  // Escape closes the open list wherever the focus is — also when it fell to <body> (a row being moved).
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
  return (
    <div class="picker">
      <button ref={toggle} type="button" class="pick-toggle" aria-expanded={open} aria-controls="pet-list" onClick={() => (open ? close() : setOpen(true))} data-testid="pet-picker">
        <span class="visually-hidden">{`${t('pet_picker_label')}: `}</span>
        <PetLines pet={pet} />
        <span class="pick-caret" aria-hidden="true">
          {open ? '▴' : '▾'}
        </span>
      </button>
      {open && <PetList pet={pet} pets={pets} target={target} onError={onError} onMoved={setSaid} onClose={close} />}
      <p class="visually-hidden" role="status" data-testid="picker-status">
        {said}
      </p>
    </div>
  );
}
