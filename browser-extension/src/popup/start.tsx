/**
 * The popup app's start (main.tsx loads it): paint from the cache — or take
 * over the snapshot popup-boot.js painted — and keep the snapshot in step.
 */
import { render } from 'preact';
import { App } from './app.tsx';
import { takePopupIntent } from '../shared/popup-intent.ts';
import { withDefaults, type StoreKey, type StoreSchema } from '../shared/storage.ts';
import { keepFirstRender, refreshSnapshot } from './snapshot.ts';
import { TABS, type TabId } from './tab-registry.ts';

// Must match the list in public/popup-boot.js, which starts this read before
// the modules load; without it (e.g. in a test page) we read here.
export const POPUP_KEYS = ['settings', 'session', 'pets', 'petDetails', 'selectedPetId', 'live', 'lastChange', 'coachInbox'] as const satisfies readonly StoreKey[];
const boot = window as Window & {
  __tamagittoCache?: Promise<Partial<StoreSchema>>;
  __tamagittoSnapshot?: Promise<boolean>;
  __tamagittoTakeover?: () => { tab: string | null; button: HTMLButtonElement | null };
};
const raw = boot.__tamagittoCache ?? (chrome.storage.local.get([...POPUP_KEYS]) as Promise<Partial<StoreSchema>>);
// Whether popup-boot.js put the snapshot of the first screen on screen (snapshot.ts).
const fromSnapshot = boot.__tamagittoSnapshot?.catch(() => false) ?? Promise.resolve(false);
performance.mark('tamagitto:script-start');

// A notification click may ask for a tab (popup-intent.ts); read alongside the cache.
const intent = takePopupIntent().catch(() => null);

// Render only once the cache is in, so the first paint already shows the pet.
void Promise.all([raw, intent, fromSnapshot]).then(([got, wanted, painted]) => {
  performance.mark('tamagitto:cache-read');
  const initial = withDefaults(POPUP_KEYS, got);
  const root = document.getElementById('app');
  if (!root) return;
  // The snapshot is on screen (main.tsx let it paint first): the app takes its DOM over — the same
  // markup, so render reuses the nodes and sets what differs, and nothing moves.
  // Clicks on the snapshot before this takeover (popup-boot.js kept them): the tab opens now, and
  // a button clicked after it is clicked again, now that the app's handlers are on the same node.
  const early = painted ? boot.__tamagittoTakeover?.() : undefined;
  const clicked: TabId | undefined = TABS.find((tab) => tab.id === early?.tab)?.id;
  render(<App initial={initial} initialTab={wanted?.tab ?? clicked} />, root);
  if (early?.button?.isConnected) early.button.click();
  if (!painted) keepFirstRender(got, initial, root, wanted !== null);
  // The cache changes while the popup is open (refresh, live updates): keep the snapshot in step.
  let timer: ReturnType<typeof setTimeout> | undefined;
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !POPUP_KEYS.some((k) => k in changes)) return;
    clearTimeout(timer);
    timer = setTimeout(() => void refreshSnapshot(POPUP_KEYS, (store) => <App initial={store} />).catch(() => undefined), 300);
  });
});
