/**
 * Toolbar badge: the health of the pet living in the current tab's repo,
 * else the favourite (or first) pet; coloured by state. Signed out, a hint to
 * sign in. The worker repaints it on tab switches, URL changes, cache writes
 * and live updates (service-worker.ts).
 */
import type { PetDto } from '@tamagitto/domain';
import { parseRepoFromUrl } from '../shared/github-url.ts';
import { STATE_COLOR } from '../shared/pet-state.ts';
import { readStore } from '../shared/storage.ts';
import { codeText, t } from '../shared/i18n.ts';

export interface BadgeView {
  text: string;
  color: string;
  title: string;
}

/** Pure: which pet and what to show. */
export function badgeFor(pets: readonly PetDto[], tabUrl: string | undefined, favouritePetId: string | null): BadgeView {
  const repo = tabUrl ? parseRepoFromUrl(tabUrl) : null;
  const full = repo ? `${repo.owner}/${repo.name}`.toLowerCase() : null;
  const pet =
    (full ? pets.find((p) => p.repo.fullName.toLowerCase() === full) : undefined) ??
    pets.find((p) => p.id === favouritePetId) ??
    pets[0];
  if (!pet) return { text: '', color: STATE_COLOR.okay, title: 'Tamagitto' };
  const text = pet.state === 'dead' ? '✝' : pet.state === 'egg' ? '🥚' : String(Math.round(pet.health));
  return { text, color: STATE_COLOR[pet.state] ?? STATE_COLOR.okay, title: t('badge_tooltip', [pet.name, pet.repo.fullName, codeText('state', pet.state), Math.round(pet.health)]) };
}

/** Signed out: no number, and the tooltip says where to sign in. */
export const SIGNED_OUT_BADGE: BadgeView = { text: '', color: '#57606a', title: t('badge_signed_out') };

/** Pure: the badge for the cached state and the active tab. */
export function toolbarBadge(signedIn: boolean, pets: readonly PetDto[], tabUrl: string | undefined, favouritePetId: string | null): BadgeView {
  return signedIn ? badgeFor(pets, tabUrl, favouritePetId) : SIGNED_OUT_BADGE;
}

/** Reads the cache and the active tab, then paints. */
export async function updateBadge(): Promise<void> {
  const [{ pets, settings, session }, [tab]] = await Promise.all([
    readStore(['pets', 'settings', 'session']),
    chrome.tabs.query({ active: true, lastFocusedWindow: true }),
  ]);
  await applyBadge(toolbarBadge(Boolean(session), pets?.items ?? [], tab?.url, settings.favouritePetId));
}

export async function applyBadge(view: BadgeView): Promise<void> {
  await Promise.all([
    chrome.action.setBadgeText({ text: view.text }),
    chrome.action.setBadgeBackgroundColor({ color: view.color }),
    chrome.action.setBadgeTextColor?.({ color: '#ffffff' }),
    chrome.action.setTitle({ title: view.title }),
  ]);
}
