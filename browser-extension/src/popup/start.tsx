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
type Changes = Record<string, chrome.storage.StorageChange>;
const boot = window as Window & {
  __tamagittoCache?: Promise<Partial<StoreSchema>>;
  __tamagittoChangedSinceRead?: () => Changes;
  __tamagittoSnapshot?: Promise<boolean>;
  __tamagittoTakeover?: () => { tab: string | null; button: HTMLButtonElement | null };
};
/** Without popup-boot.js: listen from before the read, as it does. */
function readWatching(): { read: Promise<Partial<StoreSchema>>; since: () => Changes } {
  const changed: Changes = {};
  const listen = (changes: Changes, area: string) => {
    if (area !== 'local') return;
    for (const key of POPUP_KEYS) if (key in changes) changed[key] = changes[key]!;
  };
  chrome.storage.onChanged.addListener(listen);
  const since = () => (chrome.storage.onChanged.removeListener(listen), changed);
  return { read: chrome.storage.local.get([...POPUP_KEYS]) as Promise<Partial<StoreSchema>>, since };
}
const { read: raw, since: changedSinceRead } =
  boot.__tamagittoCache && boot.__tamagittoChangedSinceRead ? { read: boot.__tamagittoCache, since: boot.__tamagittoChangedSinceRead } : readWatching();
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
  // What changed after the cache was read reaches the app once it listens itself (app.tsx).
  let taken = false;
  const missed = (): Changes => (taken ? {} : ((taken = true), changedSinceRead()));
  render(<App initial={initial} initialTab={wanted?.tab ?? clicked} missed={missed} />, root);
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
