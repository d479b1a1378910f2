/**
 * Typed access to chrome.storage.local: the cache the popup paints from
 * instantly, and the only place the session JWT is kept (issue 4).
 */
import type { AnalysisSummaryDto, HealthEntryDto, PetDto, SessionDto, UserSettingsDto } from '@tamagitto/domain';
import type { LiveStatus } from './messages.ts';
import { EMPTY_INBOX, markInboxRead, type CoachInbox } from './nudges.ts';

export const DEFAULT_API_ORIGIN = 'http://localhost:8787';

export interface Settings {
  apiOrigin: string;
  notifyDrops: boolean;
  /** Show a notification for each live coach nudge. */
  notifyNudges: boolean;
  favouritePetId: string | null;
}

export interface PetDetails {
  history: HealthEntryDto[];
  analyses: AnalysisSummaryDto[];
  fetchedAt: string;
}

export interface StoreSchema {
  settings: Settings;
  session: SessionDto | null;
  pets: { items: PetDto[]; fetchedAt: string } | null;
  petDetails: Record<string, PetDetails>;
  selectedPetId: string | null;
  live: { status: LiveStatus; since: string };
  /** The last health change seen live, so an opening popup can still react to it. */
  lastChange: { petId: string; delta: number; at: string } | null;
  /** Live coach nudges: unread count for the Coach tab's dot, the last one, ids seen. */
  coachInbox: CoachInbox;
  /** The account's settings (GET/PUT /api/me/settings) as last read or saved: the Pet tab's "Resting today" reads them. */
  userSettings: UserSettingsDto | null;
}

export const DEFAULTS: StoreSchema = {
  settings: { apiOrigin: DEFAULT_API_ORIGIN, notifyDrops: true, notifyNudges: true, favouritePetId: null },
  session: null,
  pets: null,
  petDetails: {},
  selectedPetId: null,
  live: { status: 'signed-out', since: new Date(0).toISOString() },
  lastChange: null,
  coachInbox: EMPTY_INBOX,
  userSettings: null,
};

export type StoreKey = keyof StoreSchema;

/** @example const { session, pets } = await readStore(['session', 'pets']); */
export async function readStore<K extends StoreKey>(keys: readonly K[]): Promise<Pick<StoreSchema, K>> {
  return withDefaults(keys, (await chrome.storage.local.get([...keys])) as Partial<StoreSchema>);
}

/** Fills keys missing from a raw chrome.storage answer with their defaults. */
export function withDefaults<K extends StoreKey>(keys: readonly K[], got: Partial<StoreSchema>): Pick<StoreSchema, K> {
  const out = {} as Pick<StoreSchema, K>;
  for (const k of keys) {
    const v = got[k];
    out[k] = (v === undefined ? DEFAULTS[k] : k === 'settings' ? { ...DEFAULTS.settings, ...(v as Settings) } : v) as StoreSchema[K];
  }
  return out;
}

export function writeStore(values: Partial<StoreSchema>): Promise<void> {
  return chrome.storage.local.set(values);
}

/** The Coach tab is open: clear its unread dot (re-read first, the worker may just have added one). */
export async function markCoachRead(): Promise<void> {
  const { coachInbox } = await readStore(['coachInbox']);
  const read = markInboxRead(coachInbox);
  if (read !== coachInbox) await writeStore({ coachInbox: read });
}

/**
 * The popup snapshot's localStorage item (src/popup/snapshot.ts, public/popup-boot.js): the HTML
 * of the popup's first screen, with the pet's name and repository in it.
 */
export const POPUP_SNAPSHOT_KEY = 'tamagitto:popup-snapshot';

/**
 * Drops the popup snapshot. Only extension pages have localStorage: the service worker's sign-out
 * (a 401) cannot, and the popup's boot script drops it on the next open instead (its key needs a session).
 */
export function forgetPopupSnapshot(): void {
  try {
    globalThis.localStorage?.removeItem(POPUP_SNAPSHOT_KEY);
  } catch {
    // No storage here: nothing to forget.
  }
}

/** Sign-out: everything goes except the API origin the user chose. */
export async function clearAccount(): Promise<void> {
  forgetPopupSnapshot();
  const { settings } = await readStore(['settings']);
  await chrome.storage.local.clear();
  // The coach's Anthropic key belongs to the signed-in person too (shared/anthropic-key.ts).
  await chrome.storage.session.clear();
  await writeStore({ settings: { ...DEFAULTS.settings, apiOrigin: settings.apiOrigin } });
}

/** Normalises a user-typed origin: scheme + host + port, no trailing slash; throws on junk. */
export function normaliseOrigin(input: string): string {
  const url = new URL(input.trim());
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('The API origin must start with http:// or https://');
  return url.origin;
}
