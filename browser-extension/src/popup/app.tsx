/**
 * The popup shell: paints from the cached store immediately, keeps in step
 * with chrome.storage (the worker writes every live update there), and asks
 * the worker for a refresh once open. The tabs come from tab-registry.ts:
 * the shell draws the tab bar from it and renders the open tab's view.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PetDto } from '@tamagitto/domain';
import { createBroadcastListener, request } from '../shared/messages.ts';
import { addNudge, type LiveNudge } from '../shared/nudges.ts';
import { withDefaults, type StoreKey, type StoreSchema } from '../shared/storage.ts';
import type { PopupStore } from './popup-tab.ts';
import { errorText } from '../shared/api-client.ts';
import { TABS, type TabId } from './tab-registry.ts';

const LIVE_LABEL: Record<StoreSchema['live']['status'], string> = {
  'signed-out': 'Signed out',
  connecting: 'Connecting…',
  live: 'Live',
  polling: 'Offline — checking every 30 s',
};

const NO_PETS: readonly PetDto[] = [];
const NO_NUDGES: readonly LiveNudge[] = [];

export function App({ initial, initialTab = 'pet' }: { initial: PopupStore; initialTab?: TabId | undefined }) {
  const [store, setStore] = useState<PopupStore>(initial);
  const [tab, setTab] = useState<TabId>(initialTab);
  const [refreshError, setRefreshError] = useState<string | null>(null);
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
    };
    chrome.storage.onChanged.addListener(onChange);
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
        <h1>Tamagitto</h1>
        <p>Adopt your GitHub repositories as pets: good commits make them thrive.</p>
        <button type="button" class="primary" onClick={() => chrome.runtime.openOptionsPage()}>
          Sign in
        </button>
      </main>
    );
  }

  const open = TABS.find((t) => t.id === tab) ?? TABS[0];
  const View = open.view;

  return (
    <main class="shell">
      <header class="topbar">
        <span class="brand">Tamagitto</span>
        <span class={`live live-${store.live.status}`} role="status" title={refreshError ?? ''}>
          {LIVE_LABEL[store.live.status]}
        </span>
        <button type="button" class="icon-button" aria-label="Settings" onClick={() => chrome.runtime.openOptionsPage()}>
          ⚙
        </button>
      </header>
      <nav role="tablist" aria-label="Sections" class="tabs">
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
            {t.label}
            {tab !== t.id && t.badge?.(store)}
          </button>
        ))}
      </nav>
      <div id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} class="panel">
        {refreshError && !store.pets && <p class="error" role="alert">{refreshError}</p>}
        <View store={store} target={target} pets={store.pets?.items ?? NO_PETS} nudges={nudges} />
      </div>
    </main>
  );
}
