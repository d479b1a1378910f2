/**
 * Releasing a pet (DELETE /api/pets/{id}), behind a dialog that says exactly
 * what goes: the pet and its health history; the GitHub webhook too when
 * nobody else has a pet on the repository (the api removes it with the
 * user's token, best effort — api/src/pets/routes.ts). The native <dialog>
 * keeps focus inside and closes on Escape.
 */
import type { PetDto } from '@tamagitto/domain';
import { useRef, useState } from 'preact/hooks';
import { apiClient, errorText, type ApiTarget } from '../shared/api-client.ts';
import { readStore, writeStore } from '../shared/storage.ts';
import { t } from '../shared/i18n.ts';

/** Drops a released pet from the cache the popup paints from (the worker also hears `pet.deleted`). */
async function forgetPet(id: string): Promise<void> {
  const { pets, petDetails, selectedPetId, settings } = await readStore(['pets', 'petDetails', 'selectedPetId', 'settings']);
  const { [id]: _gone, ...details } = petDetails;
  await writeStore({
    pets: pets ? { ...pets, items: pets.items.filter((p) => p.id !== id) } : pets,
    petDetails: details,
    selectedPetId: selectedPetId === id ? null : selectedPetId,
    settings: settings.favouritePetId === id ? { ...settings, favouritePetId: null } : settings,
  });
}

export function ReleaseButton({ pet, target, label = t('care_release') }: { pet: PetDto; target: ApiTarget; label?: string }) {
  const dialog = useRef<HTMLDialogElement | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const release = async () => {
    setBusy(true);
    setError(null);
    try {
      await apiClient(target).DELETE('/api/pets/{id}', { params: { path: { id: pet.id } } });
      dialog.current?.close();
      await forgetPet(pet.id);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        class="danger"
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
        }}
      >
        {label}
      </button>
      <dialog ref={dialog} class="dialog" aria-labelledby="release-title" aria-describedby="release-what" data-testid="release-dialog">
        <h2 id="release-title">{t('rel_title', pet.name)}</h2>
        <div id="release-what" class="small">
          <p>{t('rel_what', pet.name)}</p>
          <p>{t('rel_hook', pet.repo.fullName)}</p>
          <p class="muted">{t('rel_kept')}</p>
        </div>
        {error && (
          <p class="error" role="alert">
            {t('rel_failed', error)}
          </p>
        )}
        <div class="button-row">
          <button type="button" onClick={() => dialog.current?.close()} disabled={busy}>
            {t('rel_keep')}
          </button>
          <button type="button" class="danger-strong" onClick={() => void release()} disabled={busy}>
            {busy ? t('rel_releasing') : t('rel_confirm', pet.name)}
          </button>
        </div>
      </dialog>
    </>
  );
}
