/**
 * Notifications: a pet's alarming health drop and a live coach nudge, each
 * only while the options page allows that kind. Deciding what to show is pure
 * (unit-tested); showing it and opening the popup on a click is chrome I/O.
 * Notification ids carry what they are about (popup-intent.ts), so a click
 * can open the popup on the right tab even after the worker was restarted.
 */
import type { PetDto } from '@tamagitto/domain';
import { nudgeNotification, type LiveNudge } from '../shared/nudges.ts';
import { intentForNotification, notificationId, setPopupIntent } from '../shared/popup-intent.ts';
import { readStore, writeStore, type Settings } from '../shared/storage.ts';
import { codeText, t } from '../shared/i18n.ts';

export const NOTIFICATION_ICON = 'icons/icon-128.png';

/** What to show: the id says what it is about, title and message are plain text. */
export interface Notice {
  id: string;
  title: string;
  message: string;
}

/**
 * A pet's alarming drop as a notification, or null when drop notifications
 * are off. `at` makes the id unique, so a second drop of the same pet notifies again.
 */
export function dropNotice(pet: PetDto, settings: Pick<Settings, 'notifyDrops'>, at = Date.now()): Notice | null {
  if (!settings.notifyDrops) return null;
  return {
    id: notificationId.drop(pet.id, at),
    title: pet.state === 'dead' ? t('notify_gone_title', pet.name) : t('notify_drop_title', [pet.name, codeText('state', pet.state)]),
    message: t('notify_drop_body', [pet.repo.fullName, Math.round(pet.health)]),
  };
}

/** A nudge as a notification (one id per nudge), or null when nudge notifications are off. */
export function nudgeNotice(nudge: LiveNudge, settings: Pick<Settings, 'notifyNudges'>): Notice | null {
  if (!settings.notifyNudges) return null;
  return { id: notificationId.nudge(nudge.id), ...nudgeNotification(nudge) };
}

export async function showNotice(notice: Notice): Promise<void> {
  await chrome.notifications.create(notice.id, { type: 'basic', iconUrl: chrome.runtime.getURL(NOTIFICATION_ICON), title: notice.title, message: notice.message });
}

/** An alarming drop happened: notify if the options allow it. A failure is the caller's to log. */
export async function notifyDrop(pet: PetDto): Promise<void> {
  const { settings } = await readStore(['settings']);
  const notice = dropNotice(pet, settings);
  if (notice) await showNotice(notice);
}

/** A click opens the popup where the notification points: the Coach tab for a nudge, the pet for a drop. */
export async function openFromNotification(id: string): Promise<void> {
  const target = intentForNotification(id);
  if (target) {
    if (target.petId) await writeStore({ selectedPetId: target.petId });
    await setPopupIntent(target.tab);
  }
  await chrome.notifications.clear(id);
  await chrome.action.openPopup();
}
