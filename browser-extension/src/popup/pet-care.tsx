/**
 * The Pet tab's care section: rename inline, move up/down in your own order,
 * the README badge (public toggle + copyable Markdown), the GitHub webhook's
 * state with its fix (Register again — POST /api/pets/{id}/webhook — or the
 * exact steps to add it by hand), and release. Favourite is the star beside
 * the picker (FavouriteStar). Every change goes through PATCH /api/pets/{id}
 * and lands in the cached pet list in the server's order (sortPets).
 */
import type { PetDto } from '@tamagitto/domain';
import { useEffect, useRef, useState } from 'preact/hooks';
import { refreshPets } from '../background/pet-sync.ts';
import { apiClient, errorText, ok, type ApiTarget } from '../shared/api-client.ts';
import { t } from '../shared/i18n.ts';
import { readStore, writeStore, type Settings } from '../shared/storage.ts';
import { ReleaseButton } from './release-dialog.tsx';

type Care = { name?: string; favourite?: boolean; position?: number | null; badgePublic?: boolean };

/** The server's order (api/src/pets/store.ts byCare): favourites, then position (none last), then as listed. */
export function sortPets(pets: readonly PetDto[]): PetDto[] {
  const rank = (p: PetDto) => p.position ?? Number.MAX_SAFE_INTEGER;
  return [...pets].sort((a, b) => (a.favourite !== b.favourite ? (a.favourite ? -1 : 1) : rank(a) - rank(b)));
}

/**
 * The positions that put `id` where `toId` is now (dragged onto it), among pets of the same
 * favourite-ness, as [id, position] pairs whose position changes; null when it cannot go there.
 */
export function dropOrder(pets: readonly PetDto[], id: string, toId: string): [string, number][] | null {
  const order = sortPets(pets);
  const i = order.findIndex((p) => p.id === id);
  const j = order.findIndex((p) => p.id === toId);
  const a = order[i];
  if (!a || j < 0 || i === j || a.favourite !== order[j]!.favourite) return null;
  order.splice(i, 1);
  order.splice(j, 0, a);
  return order.flatMap((p, k): [string, number][] => (p.position === k ? [] : [[p.id, k]]));
}

/** The positions that move `id` one step up (-1) or down (+1): dropOrder onto its neighbour. */
export function moveOrder(pets: readonly PetDto[], id: string, step: -1 | 1): [string, number][] | null {
  const order = sortPets(pets);
  const next = order[order.findIndex((p) => p.id === id) + step];
  return next ? dropOrder(pets, id, next.id) : null;
}

/** Saves a new order, one PATCH per changed position. */
export async function savePositions(target: ApiTarget, changes: readonly [string, number][]): Promise<void> {
  for (const [id, position] of changes) await patchPet(target, id, { position });
}

/** `[![name](…/badge.svg)](repo)` — brackets in the name escaped so the Markdown stays a link. */
export function badgeMarkdown(origin: string, pet: Pick<PetDto, 'id' | 'name' | 'repo'>): string {
  const alt = pet.name.replace(/([\\[\]])/g, '\\$1');
  return `[![${alt}](${origin.replace(/\/+$/, '')}/api/pets/${pet.id}/badge.svg)](https://github.com/${pet.repo.owner}/${pet.repo.name})`;
}

async function patchPet(target: ApiTarget, id: string, body: Care): Promise<PetDto> {
  const updated = await ok(apiClient(target).PATCH('/api/pets/{id}', { params: { path: { id } }, body }));
  const { pets } = await readStore(['pets']);
  if (pets) await writeStore({ pets: { ...pets, items: sortPets(pets.items.map((p) => (p.id === updated.id ? updated : p))) } });
  return updated;
}

/** The star beside the picker: favourites list first everywhere, and the toolbar shows the favourite (settings.favouritePetId). */
export function FavouriteStar({ pet, target, settings, onError }: { pet: PetDto; target: ApiTarget; settings: Settings; onError: (e: string | null) => void }) {
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    setBusy(true);
    onError(null);
    try {
      const next = !pet.favourite;
      await patchPet(target, pet.id, { favourite: next });
      const favouritePetId = next ? pet.id : settings.favouritePetId === pet.id ? null : settings.favouritePetId;
      await writeStore({ settings: { ...settings, favouritePetId } });
    } catch (err) {
      onError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      class="icon-button star"
      aria-pressed={pet.favourite}
      aria-label={t(pet.favourite ? 'care_favourite_on' : 'care_favourite_off', pet.name)}
      title={t(pet.favourite ? 'care_favourite_on' : 'care_favourite_off', pet.name)}
      disabled={busy}
      onClick={() => void toggle()}
      data-testid="favourite"
    >
      {pet.favourite ? '★' : '☆'}
    </button>
  );
}

function RenameRow({ pet, target }: { pet: PetDto; target: ApiTarget }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(pet.name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const renameButton = useRef<HTMLButtonElement | null>(null);
  const input = useRef<HTMLInputElement | null>(null);
  // The user just asked to type a name: the field takes the focus.
  useEffect(() => {
    if (editing) input.current?.focus();
  }, [editing]);
  const close = () => {
    setEditing(false);
    setError(null);
    requestAnimationFrame(() => renameButton.current?.focus());
  };
  const save = async () => {
    const trimmed = name.trim();
    if (!trimmed) return setError(t('care_name_empty'));
    setBusy(true);
    try {
      await patchPet(target, pet.id, { name: trimmed });
      close();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  if (!editing) {
    return (
      <button
        ref={renameButton}
        type="button"
        onClick={() => {
          setName(pet.name);
          setEditing(true);
        }}
      >
        {t('care_rename')}
      </button>
    );
  }
  return (
    <form
      class="rename"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          close();
        }
      }}
    >
      <label class="field">
        {t('care_name_label')}
        <input ref={input} name="pet-name" value={name} maxLength={40} required onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <div class="button-row">
        <button type="submit" class="primary" disabled={busy}>
          {t('care_save')}
        </button>
        <button type="button" onClick={close} disabled={busy}>
          {t('care_cancel')}
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function ReadmeBadge({ pet, target }: { pet: PetDto; target: ApiTarget }) {
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);
  // Shown at once, undone if the server refuses.
  const [on, setOn] = useState(pet.badgePublic);
  useEffect(() => setOn(pet.badgePublic), [pet.id, pet.badgePublic]);
  const markdown = badgeMarkdown(target.origin, pet);
  const toggle = async (next: boolean) => {
    setOn(next);
    setBusy(true);
    setError(null);
    try {
      await patchPet(target, pet.id, { badgePublic: next });
    } catch (err) {
      setOn(!next);
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(markdown);
      setCopied(true);
    } catch {
      setError(t('badge_copy_failed'));
    }
  };
  return (
    <div class="readme-badge" data-testid="readme-badge">
      <label class="check">
        <input type="checkbox" checked={on} disabled={busy} onChange={(e) => void toggle((e.currentTarget as HTMLInputElement).checked)} />
        {t('badge_toggle')}
      </label>
      <p class="muted small">{t(on ? 'badge_on_help' : 'badge_off_help')}</p>
      {on && pet.badgePublic && (
        <>
          <label class="field">
            {t('badge_markdown_label')}
            <textarea readOnly rows={4} class="mono" value={markdown} onFocus={(e) => (e.currentTarget as HTMLTextAreaElement).select()} data-testid="badge-markdown" />
          </label>
          <div class="button-row">
            <button type="button" onClick={() => void copy()}>
              {t('badge_copy')}
            </button>
            <span class="muted small" role="status">
              {copied ? t('badge_copied') : ''}
            </span>
          </div>
        </>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

const NO_PUBLIC_URL = /PUBLIC_URL/;

function WebhookCare({ pet, target }: { pet: PetDto; target: ApiTarget }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const noPublicUrl = NO_PUBLIC_URL.test(pet.webhook.error ?? '');
  const registerAgain = async () => {
    setBusy(true);
    setError(null);
    try {
      const updated = await ok(apiClient(target).POST('/api/pets/{id}/webhook', { params: { path: { id: pet.id } } }));
      const { pets } = await readStore(['pets']);
      if (pets) await writeStore({ pets: { ...pets, items: pets.items.map((p) => (p.id === updated.id ? updated : p)) } });
    } catch (err) {
      setError(errorText(err));
      await refreshPets(target).catch(() => undefined);
    } finally {
      setBusy(false);
    }
  };
  if (pet.webhook.registered) {
    return (
      <p class="small" data-testid="webhook-care">
        {t('hook_registered')}
      </p>
    );
  }
  const payloadUrl = `${target.origin.replace(/\/+$/, '')}/api/webhook/github`;
  return (
    <div class="webhook-care" data-testid="webhook-care">
      <p class="small">{t(noPublicUrl ? 'hook_missing_no_public_url' : 'hook_missing')}</p>
      {!noPublicUrl && (
        <div class="button-row">
          <button type="button" disabled={busy} onClick={() => void registerAgain()}>
            {busy ? t('hook_registering') : t('hook_register_again')}
          </button>
        </div>
      )}
      {error && (
        <p class="error" role="alert">
          {t('hook_not_registered', error)}
        </p>
      )}
      <details class="manual">
        <summary>{t('hook_manual_title')}</summary>
        <ol class="small steps">
          <li>{t('hook_step_open', `${pet.repo.url}/settings/hooks/new`)}</li>
          <li>
            {t('hook_step_url')} <code>{payloadUrl}</code> {t('hook_step_url_note')}
          </li>
          <li>
            {t('hook_step_type')} <code>application/json</code>
          </li>
          <li>{t('hook_step_secret')}</li>
          <li>{t('hook_step_events')}</li>
          <li>{t('hook_step_after')}</li>
        </ol>
      </details>
    </div>
  );
}

export function PetCare({ pet, pets, target }: { pet: PetDto; pets: readonly PetDto[]; target: ApiTarget }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [moved, setMoved] = useState('');
  const up = moveOrder(pets, pet.id, -1);
  const down = moveOrder(pets, pet.id, 1);
  const move = async (changes: [string, number][], label: string) => {
    setBusy(true);
    setError(null);
    try {
      await savePositions(target, changes);
      setMoved(label);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="pet-care" aria-labelledby="care-title" data-testid="pet-care">
      <h2 class="section-title" id="care-title">
        {t('care_title')}
      </h2>
      <div class="button-row">
        <RenameRow key={pet.id} pet={pet} target={target} />
        {pets.length > 1 && (
          <>
            <button type="button" disabled={busy || !up} aria-label={t('care_move_up', pet.name)} onClick={() => up && void move(up, t('care_moved_up', pet.name))}>
              {t('care_up')}
            </button>
            <button type="button" disabled={busy || !down} aria-label={t('care_move_down', pet.name)} onClick={() => down && void move(down, t('care_moved_down', pet.name))}>
              {t('care_down')}
            </button>
          </>
        )}
        {!pet.accessLostAt && <ReleaseButton pet={pet} target={target} label={t('care_release')} />}
      </div>
      <p class="visually-hidden" role="status" data-testid="move-status">
        {moved}
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <h2 class="section-title">{t('hook_title')}</h2>
      <WebhookCare pet={pet} target={target} />
      <h2 class="section-title">{t('badge_title')}</h2>
      <ReadmeBadge pet={pet} target={target} />
    </section>
  );
}
