import { render } from 'preact';
import { App } from './app.tsx';
import { takePopupIntent } from '../shared/popup-intent.ts';
import { readStore, withDefaults, type StoreKey, type StoreSchema } from '../shared/storage.ts';

performance.mark('tamagitto:script-start');
// Must match the list in public/popup-boot.js, which starts this read before
// the modules load; without it (e.g. in a test page) we read here.
export const POPUP_KEYS = ['settings', 'session', 'pets', 'petDetails', 'selectedPetId', 'live', 'lastChange', 'coachInbox'] as const satisfies readonly StoreKey[];
const early = (window as Window & { __tamagittoCache?: Promise<Partial<StoreSchema>> }).__tamagittoCache;
const cached = early ? early.then((got) => withDefaults(POPUP_KEYS, got)) : readStore(POPUP_KEYS);

// A notification click may ask for a tab (popup-intent.ts); read alongside the cache.
const intent = takePopupIntent().catch(() => null);

// Render only once the cache is in, so the first paint already shows the pet.
void Promise.all([cached, intent]).then(([initial, wanted]) => {
  performance.mark('tamagitto:cache-read');
  const root = document.getElementById('app');
  if (root) render(<App initial={initial} initialTab={wanted?.tab} />, root);
});
