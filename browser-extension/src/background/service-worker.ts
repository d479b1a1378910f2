/**
 * The MV3 service worker: wires the concerns together and registers the
 * chrome listeners. Each concern is its own module with its state in an
 * object made here, so it can be unit-tested alone:
 *
 * - live-sync.ts: the live connection, the poll alarm while it is down, boot and sign-out
 * - router.ts: requests from pages, messages from the API's socket, broadcasts out
 * - by-repo.ts: which pet lives in a repo (what the github.com overlay asks), cached
 * - nudge-inbox.ts: live coach nudges → the coach inbox, open popups, notifications
 * - notifications.ts: drop and nudge notifications, and what a click opens
 * - badge.ts: the toolbar badge
 * - pet-sync.ts: the pet cache in chrome.storage.local
 *
 * Listeners are registered synchronously at top level so Chrome can wake the
 * worker for them.
 */
import { createRequestListener } from '../shared/messages.ts';
import { readStore, writeStore, clearAccount } from '../shared/storage.ts';
import { updateBadge } from './badge.ts';
import { ByRepoCache, petByRepo } from './by-repo.ts';
import { checkRequests } from './checks.ts';
import { setCheckIntent } from '../shared/check-intent.ts';
import { LiveSync, POLL_ALARM } from './live-sync.ts';
import { notifyDrop, openFromNotification, showNotice } from './notifications.ts';
import { NudgeInbox } from './nudge-inbox.ts';
import * as pets from './pet-sync.ts';
import { broadcast, onlyFromTrustedSenders, openOptions, openPet, requestHandlers, serverMessageHandler } from './router.ts';

const repos = new ByRepoCache();
const petInRepo = petByRepo(repos, {
  ownPets: async () => (await readStore(['pets'])).pets?.items ?? [],
  currentTarget: pets.currentTarget,
});

const inbox = new NudgeInbox({
  read: () => readStore(['coachInbox', 'settings']),
  save: (coachInbox) => writeStore({ coachInbox }),
  announce: (nudge) => broadcast('coach/nudge', { nudge }, { pagesOnly: true }),
  show: showNotice,
});

const sync = new LiveSync({
  readAccount: () => readStore(['session', 'settings']),
  currentTarget: pets.currentTarget,
  refreshPets: pets.refreshPets,
  clearAccount,
  saveStatus: (status) => writeStore({ live: { status, since: new Date().toISOString() } }),
  announceStatus: (status) => broadcast('live/status', { status }),
  alarms: chrome.alarms,
  updateBadge,
  forgetRepos: () => repos.clear(),
  onServerMessage: serverMessageHandler({ pets, repos, broadcast, notifyDrop, updateBadge, inbox }),
});

// Only this extension's pages and its github.com content script are answered (router.ts, isTrustedSender).
chrome.runtime.onMessage.addListener(
  onlyFromTrustedSenders(
    createRequestListener(
      requestHandlers({
        sync,
        petByRepo: petInRepo,
        openPet,
        openOptions,
        checks: checkRequests({ petByRepo: petInRepo, currentTarget: pets.currentTarget, openPet, setIntent: setCheckIntent }),
      }),
    ),
    chrome.runtime.id,
  ),
);

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === POLL_ALARM) void sync.onPollAlarm();
});

chrome.tabs.onActivated.addListener(() => void updateBadge());
chrome.tabs.onUpdated.addListener((_id, change) => {
  if (change.url) void updateBadge();
});
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && (changes.settings || changes.pets)) void updateBadge();
});
// A click opens the popup where the notification points: the Coach tab for a nudge, the pet for a drop.
chrome.notifications.onClicked.addListener((id) => void openFromNotification(id).catch(() => undefined));

void sync.boot();
