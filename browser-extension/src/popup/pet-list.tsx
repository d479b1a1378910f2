/**
 * The picker's open list (pet-picker.tsx): every pet whole, to pick one or to
 * reorder — by dragging, or with Alt+↑ / Alt+↓ on a pet. A new order is saved
 * as positions through PATCH /api/pets/{id} (pet-care.tsx savePositions) and
 * comes back in the server's order (favourites first). Loaded on the first
 * click, as its own chunk: the popup's first paint needs only the toggle.
 */
import type { PetDto } from '@tamagitto/domain';
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText, type ApiTarget } from '../shared/api-client.ts';
import { t } from '../shared/i18n.ts';
import { writeStore } from '../shared/storage.ts';
import { dropOrder, savePositions, sortPets } from './pet-care.tsx';
import { PetLines } from './pet-lines.tsx';

export interface PetListProps {
  pet: PetDto;
  pets: readonly PetDto[];
  target: ApiTarget;
  onError: (e: string | null) => void;
  /** Says a move to screen readers (the picker's status line). */
  onMoved: (said: string) => void;
  onClose: () => void;
}

export function PetList({ pet, pets, target, onError, onMoved, onClose }: PetListProps) {
  const [dragged, setDragged] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const list = useRef<HTMLUListElement | null>(null);
  /** The pet last moved: its row keeps the focus when the new order arrives (see below). */
  const moved = useRef<string | null>(null);
  const focusPet = (id: string) => requestAnimationFrame(() => list.current?.querySelector<HTMLButtonElement>(`[data-pet-id="${CSS.escape(id)}"] button`)?.focus());
  // Opening the list puts the focus on the shown pet.
  useEffect(() => {
    focusPet(pet.id);
  }, []);
  const order = sortPets(pets);
  // The saved order comes back through the cache a moment after the move, and Preact moves the rows'
  // nodes to match: a focused node that is moved loses the focus (to <body>, where Escape and the
  // arrows reach nothing). Give it back to the moved pet when that happened.
  const orderKey = order.map((p) => p.id).join();
  useEffect(() => {
    const id = moved.current;
    if (id && (!document.activeElement || document.activeElement === document.body)) focusPet(id);
  }, [orderKey]);
  const reorder = async (id: string, toId: string | undefined) => {
    const changes = toId ? dropOrder(pets, id, toId) : null;
    if (!changes) return;
    setBusy(true);
    onError(null);
    try {
      await savePositions(target, changes);
      moved.current = id;
      onMoved(t('picker_moved', [order.find((p) => p.id === id)?.name ?? '', order.findIndex((p) => p.id === toId) + 1, order.length]));
      focusPet(id);
    } catch (err) {
      onError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div
      class="pick-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      {pets.length > 1 && (
        <p class="muted small" id="pet-list-hint">
          {t('picker_hint')}
        </p>
      )}
      <ul id="pet-list" ref={list} class="pick-list" aria-label={t('picker_list_label')} aria-describedby={pets.length > 1 ? 'pet-list-hint' : undefined}>
        {order.map((p, i) => (
          <li
            key={p.id}
            data-pet-id={p.id}
            class={dragged === p.id ? 'dragging' : undefined}
            draggable={!busy && pets.length > 1}
            onDragStart={(e) => {
              e.dataTransfer?.setData('text/plain', p.id);
              setDragged(p.id);
            }}
            onDragEnd={() => setDragged(null)}
            onDragOver={(e) => dragged && dragged !== p.id && e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              if (dragged) void reorder(dragged, p.id);
              setDragged(null);
            }}
          >
            <button
              type="button"
              aria-current={p.id === pet.id ? 'true' : undefined}
              disabled={busy}
              onClick={() => {
                void writeStore({ selectedPetId: p.id });
                onClose();
              }}
              onKeyDown={(e) => {
                if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
                e.preventDefault();
                void reorder(p.id, order[i + (e.key === 'ArrowUp' ? -1 : 1)]?.id);
              }}
            >
              {p.favourite && (
                <span class="pick-star">
                  <span aria-hidden="true">★</span>
                  <span class="visually-hidden">{t('picker_favourite')}</span>
                </span>
              )}
              <PetLines pet={p} />
            </button>
            {pets.length > 1 && (
              <span class="pick-grip" aria-hidden="true">
                ⠿
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
