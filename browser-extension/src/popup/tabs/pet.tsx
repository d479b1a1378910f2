/**
 * The Pet tab: the creature (its AI portrait when the server generated one,
 * else the built-in sprite — portrait.ts), its health, mood, history and vet reports; the
 * repo switcher; revive when dead. All API text is rendered as text nodes.
 */
import type { PetDto } from '@tamagitto/domain';
import { useEffect, useRef, useState } from 'preact/hooks';
// The worker's cache writers: the popup fills the same store the same way.
import { refreshPetDetails, refreshPets } from '../../background/pet-sync.ts';
import { apiClient, ok, type ApiTarget } from '../../shared/api-client.ts';
import { moodLine, STATE_COLOR } from '../../shared/pet-state.ts';
import { SpriteView } from '../../shared/sprite-view.tsx';
import { readStore, writeStore } from '../../shared/storage.ts';
import { AdoptPanel } from '../adopt-panel.tsx';
import { defineTab, type PopupStore } from '../popup-tab.ts';
import { errorText } from '../../shared/api-client.ts';
import { usePortraitUrl } from '../portrait.ts';
import { FailedAnalyses } from '../failed-analyses.tsx';
import { ReleaseButton } from '../release-dialog.tsx';
import { FavouriteStar, PetCare } from '../pet-care.tsx';
import { Onboarding } from '../onboarding.tsx';
import { codeText, durationText, t, uiLanguage } from '../../shared/i18n.ts';
import { shownPet } from '../shown-pet.ts';
import { PetPicker } from '../pet-picker.tsx';
import { webhookLine } from '../status-text.ts';
import { useUserSettings } from '../use-user-settings.ts';
import { restingLine } from '../../shared/user-settings.ts';
import { Sparkline } from '../sparkline.tsx';
import { safeHref, VetReports } from '../vet-reports.tsx';
import { lazyView } from '../lazy-view.tsx';
import { takeCheckIntentOnce } from '../../shared/check-intent.ts';

/** The PR checks (list, Check a PR, one report) sit below the vet reports and read the API before showing anything: their own chunk. */
const PrChecks = lazyView(() => import('../pr-checks.tsx').then((m) => m.PrChecks));

/** "6 Dec 2026, 14:05" in the words' language. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' });
}

/** "2d 3h", "45m" (German "2 T 3h", "45 Min.") — for the revive cooldown. */
export function formatCountdown(ms: number): string {
  const m = Math.max(0, Math.ceil(ms / 60_000));
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  if (d) return durationText([[d, 'day'], [h, 'hour']]);
  if (h) return durationText([[h, 'hour'], [m % 60, 'minute']]);
  return durationText([[m, 'minute']]);
}

function useReaction(pet: PetDto | undefined, lastChange: PopupStore['lastChange']): { kind: 'up' | 'down' | null; delta: number } {
  const prev = useRef<{ id: string; health: number } | null>(null);
  const [reaction, setReaction] = useState<{ kind: 'up' | 'down' | null; delta: number }>(() => {
    // Opening right after a live change still shows it.
    if (pet && lastChange && lastChange.petId === pet.id && Date.now() - Date.parse(lastChange.at) < 10_000) {
      return { kind: lastChange.delta >= 0 ? 'up' : 'down', delta: lastChange.delta };
    }
    return { kind: null, delta: 0 };
  });
  useEffect(() => {
    if (!pet) return;
    const p = prev.current;
    prev.current = { id: pet.id, health: pet.health };
    if (!p || p.id !== pet.id || p.health === pet.health) return;
    const delta = pet.health - p.health;
    setReaction({ kind: delta > 0 ? 'up' : 'down', delta });
  }, [pet?.id, pet?.health]);
  useEffect(() => {
    if (!reaction.kind) return;
    const t = setTimeout(() => setReaction({ kind: null, delta: 0 }), 1600);
    return () => clearTimeout(t);
  }, [reaction]);
  return reaction;
}

export function PetTab({ store, target }: { store: PopupStore; target: ApiTarget }) {
  const pets = store.pets?.items ?? [];
  const [adopting, setAdopting] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const pet = shownPet(store, pets);
  const userSettings = useUserSettings(target);
  const details = pet ? store.petDetails[pet.id] : undefined;
  const reaction = useReaction(pet, store.lastChange);
  const portraitUrl = usePortraitUrl(target, pet);
  // A portrait that will not decode (corrupt bytes) falls back to the sprite, silently.
  const [brokenUrl, setBrokenUrl] = useState<string | null>(null);

  useEffect(() => {
    if (pet) void refreshPetDetails(target, pet.id).catch(() => undefined);
  }, [pet?.id, target]);

  // The overlay may have left a check to open: take it now, not after the PR checks' chunk loads.
  useEffect(() => {
    if (pet) void takeCheckIntentOnce();
  }, [pet?.id]);

  useEffect(() => {
    if (pet?.state !== 'dead') return;
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, [pet?.state]);

  // First paint of the pet from cache: measured by the e2e test and bench/popup.
  useEffect(() => {
    if (pet && !performance.getEntriesByName('tamagitto:pet-painted').length) {
      requestAnimationFrame(() => performance.mark('tamagitto:pet-painted'));
    }
  }, [pet?.id]);

  if (store.pets && pets.length === 0 && !adopting) {
    return (
      <div class="empty-state">
        <SpriteView family="blob" state="egg" stage="baby" size={72} />
        <Onboarding current={2} origin={target.origin}>
          <p class="small">{t('pet_empty_body')}</p>
          <button type="button" class="primary" onClick={() => setAdopting(true)}>
            {t('pet_empty_adopt')}
          </button>
        </Onboarding>
      </div>
    );
  }
  if (adopting || !pet) {
    return store.pets ? (
      <AdoptPanel
        target={target}
        onCancel={pets.length ? () => setAdopting(false) : undefined}
        onAdopted={async (p) => {
          const { pets: cached } = await readStore(['pets']);
          const items = [...(cached?.items ?? []).filter((x) => x.id !== p.id), p];
          await writeStore({ pets: { items, fetchedAt: new Date().toISOString() }, selectedPetId: p.id });
          setAdopting(false);
        }}
      />
    ) : (
      <p class="muted" role="status">{t('pet_loading')}</p>
    );
  }

  const revive = async () => {
    setBusy(true);
    setActionError(null);
    try {
      const revived = await ok(apiClient(target).POST('/api/pets/{id}/revive', { params: { path: { id: pet.id } } }));
      await writeStore({ pets: { items: pets.map((p) => (p.id === revived.id ? revived : p)), fetchedAt: new Date().toISOString() } });
      await refreshPets(target).catch(() => undefined);
    } catch (err) {
      setActionError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const reviveAt = pet.reviveAvailableAt ? Date.parse(pet.reviveAvailableAt) : now;
  const health = Math.round(Math.min(100, Math.max(0, pet.health)));
  const repoHref = safeHref(pet.repo.url);
  const resting = userSettings && restingLine(userSettings);
  const hookLine = webhookLine(pet);
  const stateName = codeText('state', pet.state);

  return (
    <section class="pet-tab">
      <div class="switcher">
        <PetPicker pet={pet} pets={pets} target={target} onError={setActionError} />
        <FavouriteStar pet={pet} target={target} settings={store.settings} onError={setActionError} />
        <button type="button" class="secondary" onClick={() => setAdopting(true)}>
          {t('pet_adopt_more')}
        </button>
      </div>

      <div class={`hero state-${pet.state} ${reaction.kind ? `react-${reaction.kind}` : ''}`}>
        {portraitUrl && portraitUrl !== brokenUrl ? (
          <img class="sprite portrait" src={portraitUrl} alt="" width={132} height={132} data-testid="portrait" onError={() => setBrokenUrl(portraitUrl)} />
        ) : (
          <SpriteView class="sprite" family={pet.family} state={pet.state} stage={pet.stage} species={pet.species} size={132} />
        )}
        {reaction.kind && (
          <span class={`floater ${reaction.kind}`} aria-hidden="true">
            {`${reaction.delta >= 0 ? '+' : '−'}${Math.abs(reaction.delta).toFixed(0)}`}
          </span>
        )}
      </div>

      <h1 class="pet-name">{pet.name}</h1>
      <p class="pet-repo">
        {repoHref ? (
          <a href={repoHref} target="_blank" rel="noreferrer noopener">
            {pet.repo.fullName}
          </a>
        ) : (
          pet.repo.fullName
        )}
        <span class="muted">{` · ${t('pet_kind', [codeText('stage', pet.stage), codeText('species', pet.species)])}`}</span>
      </p>

      <div class="health-row">
        <div class="health-bar" role="meter" aria-label={t('pet_health_title')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={health} aria-valuetext={t('pet_health_value', [health, stateName])}>
          <div class="health-fill" style={{ width: `${health}%`, background: STATE_COLOR[pet.state] }} />
        </div>
        <span class="health-num" data-testid="health">
          {health}
        </span>
        <span class="chip" style={{ background: STATE_COLOR[pet.state] }}>
          {stateName}
        </span>
      </div>
      <p class="mood">{moodLine(pet.state, pet, pet.id)}</p>
      {/* Screen readers hear the pet's state when it changes (a live update, a revival), not only on a fresh look. */}
      <p class="visually-hidden" aria-live="polite" data-testid="pet-announce">
        {t('pet_announce', [pet.name, stateName, health])}
      </p>
      {resting && pet.state !== 'dead' && (
        <p class="resting" data-testid="resting">
          {resting}
        </p>
      )}

      {pet.state === 'dead' && (
        <div class="revive">
          {reviveAt > now ? (
            <button type="button" class="primary" disabled>
              {t('pet_revive_in', formatCountdown(reviveAt - now))}
            </button>
          ) : (
            <button type="button" class="primary" disabled={busy} onClick={() => void revive()}>
              {busy ? t('pet_reviving') : t('pet_revive')}
            </button>
          )}
        </div>
      )}
      {pet.accessLostAt && (
        <div class="banner warn" role="status" data-testid="access-lost">
          <p>
            <strong>{t('pet_access_lost_title', pet.repo.fullName)}</strong>
            {t('pet_access_lost_body', [formatDate(pet.accessLostAt), pet.name])}
          </p>
          <ReleaseButton pet={pet} target={target} label={t('pet_release_named', pet.name)} />
        </div>
      )}
      {hookLine && (
        <p class="muted small" data-testid="webhook-line">
          {hookLine}
        </p>
      )}
      {actionError && (
        <p class="error" role="alert">
          {actionError}
        </p>
      )}

      <h2 class="section-title">{t('pet_health_title')}</h2>
      <Sparkline history={details?.history ?? []} />

      <FailedAnalyses pet={pet} target={target} />

      <h2 class="section-title">{t('pet_vet_title')}</h2>
      <VetReports analyses={details?.analyses ?? []} />
      <PrChecks pet={pet} target={target} />

      {/* A pet out of reach offers its release in the notice above: one release dialog per pet (PetCare leaves it out). */}
      <PetCare pet={pet} pets={pets} target={target} />
    </section>
  );
}

export const petTab = defineTab({ id: 'pet', label: 'Pet', view: PetTab });
