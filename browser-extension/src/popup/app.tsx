/**
 * The popup shell: paints from the cached store immediately, keeps in step
 * with chrome.storage (the worker writes every live update there), and asks
 * the worker for a refresh once open. The tabs come from tab-registry.ts:
 * the shell draws the tab bar from it and renders the open tab's view.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PetDto } from '@tamagitto/domain';
import { createBroadcastListener, request } from '../shared/messages.ts';
import { addNudge, arrivedNudge, type LiveNudge } from '../shared/nudges.ts';
import { withDefaults, type StoreKey, type StoreSchema } from '../shared/storage.ts';
import type { PopupStore } from './popup-tab.ts';
import { errorText } from '../shared/api-client.ts';
import { TABS, type TabId } from './tab-registry.ts';
import { lazyView } from './lazy-view.tsx';
import { shownPet } from './shown-pet.ts';
import { connectionStatus } from './status-text.ts';
import { TokenBanner, useTokenStatus } from './token-banner.tsx';
import { Onboarding } from './onboarding.tsx';
import { t } from '../shared/i18n.ts';

/** Quick settings (the gear) open on a click only, with the settings form: their own chunk. */
const QuickSettings = lazyView(() => import('./quick-settings.tsx').then((m) => m.QuickSettings));

/** A tab's name in the user's language (its registry `label` is the English one, kept for the conventions test). */
const tabLabel = (id: TabId) => t(`tab_${id}` as const);

const NO_PETS: readonly PetDto[] = [];
const NO_NUDGES: readonly LiveNudge[] = [];

/**
 * `missed`: the changes to chrome.storage since `initial` was read, taken once the app listens
 * itself (start.tsx) — a live update in between is not lost.
 */
export function App({ initial, initialTab = 'pet', missed }: { initial: PopupStore; initialTab?: TabId | undefined; missed?: () => Record<string, chrome.storage.StorageChange> }) {
  const [store, setStore] = useState<PopupStore>(initial);
  const [tab, setTab] = useState<TabId>(initialTab);
  const [refreshError, setRefreshError] = useState<string | null>(null);
  // The gear opens quick settings in place of the tabs; Escape or Close brings the tabs back.
  const [quick, setQuick] = useState(false);
  const gearRef = useRef<HTMLButtonElement | null>(null);
  // Nudges pushed while this popup is open: kept across tab switches, merged into the Coach tab's history.
  const [nudges, setNudges] = useState<readonly LiveNudge[]>(NO_NUDGES);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    const onChange = (changes: Record<string, chrome.storage.StorageChange>, area: string) => {
      if (area !== 'local') return;
      const keys = Object.keys(changes).filter((k): k is StoreKey => k in initial);
      if (!keys.length) return;
      // The change already carries the new values: no second chrome.storage read per live update.
      const got = Object.fromEntries(keys.map((k) => [k, changes[k]?.newValue])) as Partial<StoreSchema>;
      const fresh = withDefaults(keys, got);
      setStore((s) => ({ ...s, ...fresh }));
      // A nudge the inbox received: the broadcast below brings it too, unless it came before this listened.
      const arrived = arrivedNudge(changes.coachInbox);
      if (arrived) setNudges((ns) => addNudge(ns, arrived));
    };
    chrome.storage.onChanged.addListener(onChange);
    if (missed) onChange(missed(), 'local');
    const onBroadcast = createBroadcastListener({ 'coach/nudge': ({ nudge }) => setNudges((ns) => addNudge(ns, nudge)) });
    chrome.runtime.onMessage.addListener(onBroadcast);
    if (initial.session) {
      request('pets/refresh', {}).then(
        (r) => setRefreshError(r.ok ? null : r.error),
        (err: unknown) => setRefreshError(errorText(err)),
      );
    }
    return () => {
      chrome.storage.onChanged.removeListener(onChange);
      chrome.runtime.onMessage.removeListener(onBroadcast);
    };
  }, [initial]);

  const target = useMemo(
    () => (store.session ? { origin: store.settings.apiOrigin, token: store.session.token } : null),
    [store.session, store.settings.apiOrigin],
  );

  const token = useTokenStatus(target);
  const closeQuick = useCallback(() => {
    setQuick(false);
    requestAnimationFrame(() => gearRef.current?.focus());
  }, []);

  const onTabKey = (e: KeyboardEvent, index: number) => {
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    e.preventDefault();
    const next = (index + delta + TABS.length) % TABS.length;
    const t = TABS[next];
    if (t) setTab(t.id);
    tabRefs.current[next]?.focus();
  };

  if (!store.session || !target) {
    return (
      <main class="signed-out">
        <Onboarding current={0} origin={store.settings.apiOrigin}>
          <button type="button" class="primary" onClick={() => chrome.runtime.openOptionsPage()}>
            {t('onb_open_settings')}
          </button>
        </Onboarding>
      </main>
    );
  }

  const open = TABS.find((t) => t.id === tab) ?? TABS[0];
  const View = open.view;
  const pets = store.pets?.items ?? NO_PETS;
  const status = connectionStatus(store.live.status, shownPet(store, pets));

  return (
    <main class="shell">
      <header class="topbar">
        <span class="brand">Tamagitto</span>
        <span class={`live live-${store.live.status} tone-${status.tone}`} data-live={store.live.status} role="status" title={status.detail}>
          {status.text}
          <span class="visually-hidden">{`. ${status.detail}`}</span>
        </span>
        <button
          ref={gearRef}
          type="button"
          class="icon-button"
          aria-label={t('app_quick_settings')}
          aria-expanded={quick}
          aria-controls="quick-settings"
          onClick={() => (quick ? closeQuick() : setQuick(true))}
        >
          ⚙
        </button>
      </header>
      {refreshError && store.pets && (
        <p class="error small server-error" role="alert" data-testid="refresh-error">
          {t('app_could_not_refresh', refreshError)}
        </p>
      )}
      <TokenBanner token={token} />
      {quick ? (
        <QuickSettings target={target} onClose={closeQuick} />
      ) : (
        <>
          <nav role="tablist" aria-label={t('app_sections')} class="tabs">
            {TABS.map((t, i) => (
              <button
                key={t.id}
                ref={(el) => {
                  tabRefs.current[i] = el;
                }}
                type="button"
                role="tab"
                id={`tab-${t.id}`}
                aria-selected={tab === t.id}
                aria-controls={`panel-${t.id}`}
                tabIndex={tab === t.id ? 0 : -1}
                onClick={() => setTab(t.id)}
                onKeyDown={(e) => onTabKey(e, i)}
              >
                {tabLabel(t.id)}
                {tab !== t.id && t.badge?.(store)}
              </button>
            ))}
          </nav>
          <div id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} class="panel">
            {/* The Pet tab's heading is the pet's name (or the onboarding's); the other tabs are named by their tab. */}
            {tab !== 'pet' && <h1 class="visually-hidden">{tabLabel(tab)}</h1>}
            {refreshError && !store.pets && <p class="error" role="alert">{refreshError}</p>}
            <View store={store} target={target} pets={pets} nudges={nudges} />
          </div>
        </>
      )}
    </main>
  );
}
