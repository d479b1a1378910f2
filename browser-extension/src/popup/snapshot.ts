/**
 * The popup snapshot (issues 17, 18): the HTML of the popup's first screen
 * (the Pet tab as the app first renders it from the cache), kept in the
 * extension's localStorage so public/popup-boot.js can put it on screen before
 * any module loads. It is stored with the key of what it was rendered from
 * (`__tamagittoSnapshotKey` in popup-boot.js, the one definition of that key),
 * and the boot script paints it only when the cache gives the same key — so it
 * is always what the app's own first render would be, and never another
 * account's.
 *
 * Written here: after a first render that did not come from a snapshot, and
 * whenever the cache changes while the popup is open (a detached render of the
 * first screen, never the live DOM: that has the chunks, portraits and answers
 * loaded since). Forgotten: on sign-in, sign-out and account deletion
 * (storage.ts), whenever nothing should be snapshot (signed out, no pet, a dead
 * pet's ticking revive countdown), and by the boot script when the key differs.
 */
import type { VNode } from 'preact';
import { render } from 'preact';
import { forgetPopupSnapshot, POPUP_SNAPSHOT_KEY, withDefaults, type StoreKey, type StoreSchema } from '../shared/storage.ts';
import type { PopupStore } from './popup-tab.ts';
import { shownPet } from './shown-pet.ts';

type KeyOf = (raw: Partial<StoreSchema>) => string | null;

/** True while the snapshot is rendered: lazy views and late-loaded words render as in a fresh page (nothing). */
export const snapshotRender = { on: false };

function keyOf(): KeyOf | undefined {
  return (globalThis as { __tamagittoSnapshotKey?: KeyOf }).__tamagittoSnapshotKey;
}

/** What the snapshot may show of `store`: null when it must not be kept. */
function snapshotable(store: PopupStore): PopupStore | null {
  const pet = shownPet(store, store.pets?.items ?? []);
  // A dead pet's revive countdown changes by the minute: no snapshot (the app renders it as before).
  if (!store.session || !pet || pet.state === 'dead') return null;
  // The reaction to a live change is left out; the boot script never paints while one would show.
  return { ...store, lastChange: null };
}

function save(key: string, html: string): void {
  try {
    localStorage.setItem(POPUP_SNAPSHOT_KEY, JSON.stringify({ key, html }));
  } catch {
    // Storage full or refused: the popup paints as it would without a snapshot.
  }
}

function savedKey(): string | null {
  try {
    return (JSON.parse(localStorage.getItem(POPUP_SNAPSHOT_KEY) ?? 'null') as { key?: string } | null)?.key ?? null;
  } catch {
    return null;
  }
}

/**
 * After the app's first render into `root` from `raw` (chrome.storage's answer,
 * not from a snapshot): that render is the first screen, so its HTML is kept as
 * it is — unless another tab was asked for, or a live reaction is showing.
 */
export function keepFirstRender(raw: Partial<StoreSchema>, store: PopupStore, root: HTMLElement, steered: boolean): void {
  const key = keyOf()?.(raw) ?? null;
  const shown = snapshotable(store);
  if (!key || !shown) return forgetPopupSnapshot();
  const reacting = store.lastChange && Date.now() - Date.parse(store.lastChange.at) < 10_000;
  if (steered || reacting || key === savedKey()) return;
  save(key, root.innerHTML);
}

/**
 * The cache changed while the popup is open: render the first screen of the
 * new cache into a detached element (unmounted at once, so no effect runs:
 * no request, no listener) and keep its HTML.
 */
export async function refreshSnapshot(keys: readonly StoreKey[], app: (store: PopupStore) => VNode): Promise<void> {
  const raw = (await chrome.storage.local.get([...keys])) as Partial<StoreSchema>;
  const key = keyOf()?.(raw) ?? null;
  const shown = key ? snapshotable(withDefaults(keys, raw) as PopupStore) : null;
  if (!key || !shown) return forgetPopupSnapshot();
  if (key === savedKey()) return;
  const box = document.createElement('div');
  snapshotRender.on = true;
  try {
    render(app(shown), box);
    const html = box.innerHTML;
    render(null, box);
    save(key, html);
  } finally {
    snapshotRender.on = false;
  }
}
