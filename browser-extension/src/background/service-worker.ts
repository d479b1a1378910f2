/**
 * The MV3 service worker: owns the live connection, the cache in
 * chrome.storage.local, the toolbar badge and notifications. Listeners are
 * registered synchronously at top level so Chrome can wake the worker for them.
 */
import type { PetDto, ServerMessage, WsTicketDto } from '@tamagitto/domain';
import { ApiRequestError, apiFetch } from '../shared/api-client.ts';
import { broadcastEnvelope, createRequestListener, type BroadcastMap, type LiveStatus } from '../shared/messages.ts';
import { nudgeFromMessage, nudgeNotification, receiveNudge, type NudgeMessage } from '../shared/nudges.ts';
import { intentForNotification, notificationId, setPopupIntent } from '../shared/popup-intent.ts';
import { clearAccount, readStore, writeStore } from '../shared/storage.ts';
import { applyBadge, badgeFor } from './badge.ts';
import { LiveConnection } from './live-connection.ts';
import { applyPetUpdate, currentTarget, refreshPetDetails, refreshPets, removePet } from './pet-sync.ts';

const POLL_ALARM = 'tamagitto-poll';
/** chrome.alarms' floor is 30 s (Chrome 120+); polling any faster would only be clamped. */
const POLL_MINUTES = 0.5;
const BY_REPO_TTL_MS = 60_000;

const byRepoCache = new Map<string, { pet: PetDto | null; at: number }>();

/** To extension pages (popup, options) and, unless `pagesOnly`, to the github.com overlay. */
function broadcast<K extends keyof BroadcastMap>(type: K, payload: BroadcastMap[K], { pagesOnly = false } = {}): void {
  const msg = broadcastEnvelope(type, payload);
  // Popups/options pages: nobody listening is normal, not an error.
  chrome.runtime.sendMessage(msg).catch(() => undefined);
  if (pagesOnly) return;
  chrome.tabs.query({ url: 'https://github.com/*' }).then(
    (tabs) => tabs.forEach((t) => t.id !== undefined && chrome.tabs.sendMessage(t.id, msg).catch(() => undefined)),
    () => undefined,
  );
}

let statusChange: Promise<void> = Promise.resolve();

/**
 * One status change at a time, in the order they happen: interleaved, a 'polling'
 * that read "no alarm yet" could create the alarm after a later 'live' cleared it.
 */
function setLiveStatus(status: LiveStatus): Promise<void> {
  statusChange = statusChange.catch(() => {}).then(() => applyLiveStatus(status));
  return statusChange;
}

async function applyLiveStatus(status: LiveStatus): Promise<void> {
  // The socket carries updates while live; otherwise poll (issue 4: ≥ 30 s). The alarm
  // first, then the status: whoever reads 'polling' can count on the alarm being set.
  if (status === 'live' || status === 'signed-out') await chrome.alarms.clear(POLL_ALARM);
  else if (!(await chrome.alarms.get(POLL_ALARM))) await chrome.alarms.create(POLL_ALARM, { periodInMinutes: POLL_MINUTES });
  await writeStore({ live: { status, since: new Date().toISOString() } });
  broadcast('live/status', { status });
}

async function updateBadge(): Promise<void> {
  const [{ pets, settings, session }, [tab]] = await Promise.all([
    readStore(['pets', 'settings', 'session']),
    chrome.tabs.query({ active: true, lastFocusedWindow: true }),
  ]);
  await applyBadge(session ? badgeFor(pets?.items ?? [], tab?.url, settings.favouritePetId) : { text: '', color: '#57606a', title: 'Tamagitto — sign in from the options page' });
}

async function notifyDrop(pet: PetDto): Promise<void> {
  const { settings } = await readStore(['settings']);
  if (!settings.notifyDrops) return;
  await chrome.notifications.create(notificationId.drop(pet.id), {
    type: 'basic',
    iconUrl: chrome.runtime.getURL('icons/icon-128.png'),
    title: `${pet.name} is ${pet.state === 'dead' ? 'gone' : pet.state}`,
    message: `${pet.repo.fullName} is at ${Math.round(pet.health)}/100. A good commit would help.`,
  });
}

/**
 * A live coach nudge: counted once per id in the coach inbox (the popup's
 * unread dot), shown in an open popup's Coach tab, and notified if allowed.
 * Serialised so two nudges arriving together cannot lose an unread count.
 */
let nudgeQueue: Promise<void> = Promise.resolve();
function onNudge(msg: NudgeMessage): Promise<void> {
  const run = nudgeQueue.then(async () => {
    const nudge = nudgeFromMessage(msg);
    if (!nudge) return;
    const { coachInbox, settings } = await readStore(['coachInbox', 'settings']);
    const { inbox, fresh } = receiveNudge(coachInbox, nudge);
    if (!fresh) return;
    await writeStore({ coachInbox: inbox });
    // The coach talks to the user, not to github.com pages.
    broadcast('coach/nudge', { nudge }, { pagesOnly: true });
    if (settings.notifyNudges) {
      const { title, message } = nudgeNotification(nudge);
      await chrome.notifications
        .create(notificationId.nudge(nudge.id), { type: 'basic', iconUrl: chrome.runtime.getURL('icons/icon-128.png'), title, message })
        .catch((err: unknown) => console.warn('[tamagitto] nudge notification failed', err));
    }
  });
  // One failed nudge (storage error) must not block the ones after it.
  nudgeQueue = run.catch(() => undefined);
  return run;
}

async function signedOutBecause(err: unknown): Promise<void> {
  live.stop();
  if (err instanceof ApiRequestError && err.unauthorized) await clearAccount();
  await setLiveStatus('signed-out');
  await updateBadge();
}

async function onServerMessage(msg: ServerMessage): Promise<void> {
  if (msg.type === 'pet.updated') {
    const applied = await applyPetUpdate(msg);
    const target = await currentTarget();
    if (!applied) {
      if (target) await refreshPets(target).catch(() => undefined);
    } else {
      byRepoCache.delete(applied.pet.repo.fullName.toLowerCase());
      broadcast('pet/updated', { pet: applied.pet, delta: msg.delta });
      if (applied.alarming) await notifyDrop(applied.pet);
    }
    await updateBadge();
    // Sparkline and vet reports: fetched after the number, which already moved.
    if (target) await refreshPetDetails(target, msg.petId).catch(() => undefined);
  } else if (msg.type === 'pet.deleted') {
    await removePet(msg.petId);
    byRepoCache.clear();
    broadcast('pet/deleted', { petId: msg.petId });
    await updateBadge();
  } else if (msg.type === 'coach.nudge') {
    await onNudge(msg);
  }
}

const live = new LiveConnection({
  getTicket: async () => {
    const target = await currentTarget();
    if (!target) throw new ApiRequestError(401, 'unauthorized', 'Signed out');
    const { ticket } = await apiFetch<WsTicketDto>(target, '/api/ws/ticket', { method: 'POST', body: {} });
    return ticket;
  },
  socketUrl: (ticket) => `${socketOrigin}/api/ws?ticket=${encodeURIComponent(ticket)}`,
  createSocket: (url) => new WebSocket(url),
  onMessage: (msg) => void onServerMessage(msg).catch((err: unknown) => console.warn('[tamagitto] update failed', err)),
  onStatus: (status) => void setLiveStatus(status === 'live' ? 'live' : status === 'connecting' ? 'connecting' : 'polling'),
  isFatal: (err) => err instanceof ApiRequestError && err.unauthorized,
  onFatal: (err) => void signedOutBecause(err),
});
let socketOrigin = '';

async function refreshAll(): Promise<{ ok: boolean; error: string | null }> {
  const target = await currentTarget();
  if (!target) return { ok: false, error: 'Signed out' };
  try {
    await refreshPets(target);
    await updateBadge();
    return { ok: true, error: null };
  } catch (err) {
    if (err instanceof ApiRequestError && err.unauthorized) await signedOutBecause(err);
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** (Re)reads the session and origin and (re)connects; safe to call any time. */
async function boot(): Promise<void> {
  const { session, settings } = await readStore(['session', 'settings']);
  live.stop();
  byRepoCache.clear();
  if (!session) {
    await setLiveStatus('signed-out');
    await updateBadge();
    return;
  }
  socketOrigin = settings.apiOrigin.replace(/^http/, 'ws');
  live.start();
  await refreshAll();
}

chrome.runtime.onMessage.addListener(
  createRequestListener({
    'pets/refresh': () => refreshAll(),
    'pet/by-repo': async ({ owner, name }) => {
      const key = `${owner}/${name}`.toLowerCase();
      const { pets } = await readStore(['pets']);
      const own = pets?.items.find((p) => p.repo.fullName.toLowerCase() === key);
      if (own) return { pet: own };
      const hit = byRepoCache.get(key);
      if (hit && Date.now() - hit.at < BY_REPO_TTL_MS) return { pet: hit.pet };
      const target = await currentTarget();
      if (!target) return { pet: null };
      try {
        const pet = await apiFetch<PetDto>(target, `/api/pets/by-repo/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`);
        byRepoCache.set(key, { pet, at: Date.now() });
        return { pet };
      } catch (err) {
        if (err instanceof ApiRequestError && err.status === 404) {
          byRepoCache.set(key, { pet: null, at: Date.now() });
          return { pet: null };
        }
        throw err;
      }
    },
    'pet/open': async ({ petId }) => {
      await writeStore({ selectedPetId: petId });
      try {
        await chrome.action.openPopup();
      } catch {
        // openPopup needs a focused window (and Chrome 127+); a tab always works.
        await chrome.tabs.create({ url: chrome.runtime.getURL('src/popup/index.html') });
      }
      return { ok: true };
    },
    'session/changed': async () => {
      await boot();
      return { ok: true };
    },
  }),
);

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name !== POLL_ALARM) return;
  // The worker may have been restarted by this alarm: make sure we are trying.
  void (async () => {
    if (live.current === 'down') {
      const { session, settings } = await readStore(['session', 'settings']);
      if (session) {
        socketOrigin = settings.apiOrigin.replace(/^http/, 'ws');
        live.start();
        live.nudge();
      }
    }
    await refreshAll();
  })();
});

chrome.tabs.onActivated.addListener(() => void updateBadge());
chrome.tabs.onUpdated.addListener((_id, change) => {
  if (change.url) void updateBadge();
});
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && (changes.settings || changes.pets)) void updateBadge();
});
// A click opens the popup where the notification points: the Coach tab for a nudge, the pet for a drop.
chrome.notifications.onClicked.addListener((id) => {
  void (async () => {
    const target = intentForNotification(id);
    if (target) {
      if (target.petId) await writeStore({ selectedPetId: target.petId });
      await setPopupIntent(target.tab);
    }
    await chrome.notifications.clear(id);
    await chrome.action.openPopup();
  })().catch(() => undefined);
});

void boot();
