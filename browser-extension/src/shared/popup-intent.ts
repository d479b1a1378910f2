/**
 * What a notification click asks the popup to show: a nudge opens the Coach
 * tab, a health drop opens that pet. The worker selects the pet the usual way
 * (selectedPetId in the store), leaves the tab in chrome.storage.session
 * (memory only) and opens the popup; the popup takes it once, before its first
 * paint. An intent older than a minute is ignored, so a click whose popup never
 * opened does not steer a later, unrelated open.
 */
export interface PopupIntent {
  tab: 'pet' | 'coach';
  at: number;
}

/** What a notification is about: the tab to open, and for a drop the pet. */
export interface NotificationTarget {
  tab: PopupIntent['tab'];
  petId?: string;
}

const KEY = 'popupIntent';
export const INTENT_TTL_MS = 60_000;

/** Notification ids carry what they are about; intentForNotification reads them back. */
export const notificationId = {
  /** Unique per drop, so a second drop of the same pet notifies again. */
  drop: (petId: string, at = Date.now()) => `drop-${petId}-${at}`,
  /** One per nudge: the same nudge never notifies twice. */
  nudge: (nudgeId: string) => `nudge-${nudgeId}`,
};

/** The intent behind a notification id (notificationId above). */
export function intentForNotification(id: string): NotificationTarget | null {
  if (id.startsWith('nudge-')) return { tab: 'coach' };
  const drop = /^drop-(.+)-\d+$/.exec(id);
  if (drop) return { tab: 'pet', petId: drop[1]! };
  return null;
}

/** A stored value, if it is a well-formed intent young enough to act on. */
export function validIntent(raw: unknown, now: number): PopupIntent | null {
  if (!raw || typeof raw !== 'object') return null;
  const { tab, at } = raw as Record<string, unknown>;
  if (tab !== 'pet' && tab !== 'coach') return null;
  if (typeof at !== 'number' || now - at < 0 || now - at > INTENT_TTL_MS) return null;
  return { tab, at };
}

export async function setPopupIntent(tab: PopupIntent['tab']): Promise<void> {
  const intent: PopupIntent = { tab, at: Date.now() };
  await chrome.storage.session.set({ [KEY]: intent });
}

/** Reads and removes the intent: it steers one popup open only. */
export async function takePopupIntent(): Promise<PopupIntent | null> {
  const got = (await chrome.storage.session.get(KEY)) as Record<string, unknown>;
  if (got[KEY] === undefined) return null;
  await chrome.storage.session.remove(KEY);
  return validIntent(got[KEY], Date.now());
}
