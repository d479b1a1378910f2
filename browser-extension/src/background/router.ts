/**
 * The worker's messages, each kind by table lookup on its type: requests
 * from the popup, options page and github.com overlay (shared/messages.ts
 * RequestMap), messages from the API's socket (`ServerMessage`), and the
 * broadcasts the worker sends back out. The handlers get their collaborators
 * injected, so what each message does is unit-tested without chrome.
 */
import type { PetDto, ServerMessage } from '@tamagitto/domain';
import type { ApiTarget } from '../shared/api-client.ts';
import { broadcastEnvelope, type BroadcastMap, type Handlers } from '../shared/messages.ts';
import type { NudgeMessage } from '../shared/nudges.ts';
import { writeStore } from '../shared/storage.ts';
import type { PetUpdate } from './pet-sync.ts';
import type { CheckRequests } from './checks.ts';

export type Broadcast = <K extends keyof BroadcastMap>(type: K, payload: BroadcastMap[K], opts?: { pagesOnly?: boolean }) => void;

/** To extension pages (popup, options) and, unless `pagesOnly`, to the github.com overlay. */
export const broadcast: Broadcast = (type, payload, { pagesOnly = false } = {}) => {
  const msg = broadcastEnvelope(type, payload);
  // Popups/options pages: nobody listening is normal, not an error.
  chrome.runtime.sendMessage(msg).catch(() => undefined);
  if (pagesOnly) return;
  chrome.tabs.query({ url: 'https://github.com/*' }).then(
    (tabs) => tabs.forEach((t) => t.id !== undefined && chrome.tabs.sendMessage(t.id, msg).catch(() => undefined)),
    () => undefined,
  );
};

/** The overlay badge was clicked: select that pet and show the popup. */
export async function openPet(petId: string): Promise<void> {
  await writeStore({ selectedPetId: petId });
  try {
    await chrome.action.openPopup();
  } catch {
    // openPopup needs a focused window (and Chrome 127+); a tab always works.
    await chrome.tabs.create({ url: chrome.runtime.getURL('src/popup/index.html') });
  }
}

/** The options page in a tab, at its sign-in form when asked (options-app.tsx reads `#sign-in`). */
export async function openOptions(signIn: boolean): Promise<void> {
  await chrome.tabs.create({ url: chrome.runtime.getURL(`src/options/index.html${signIn ? '#sign-in' : ''}`) });
}

/**
 * Whether a runtime message may be answered: only from this extension
 * (`sender.id`), and then only from its own pages (popup, options) or from a
 * content script on https://github.com, the one site it is injected into
 * (manifest.config.ts). Anything else — another extension, or our content
 * script in a page that is not GitHub's — is ignored, not answered.
 */
export function isTrustedSender(sender: chrome.runtime.MessageSender, extensionId: string): boolean {
  if (!extensionId || sender.id !== extensionId) return false;
  const url = sender.url ?? '';
  if (url.startsWith(`chrome-extension://${extensionId}/`)) return true;
  try {
    return new URL(url).origin === 'https://github.com';
  } catch {
    return false;
  }
}

type MessageListener = (msg: unknown, sender: chrome.runtime.MessageSender, sendResponse: (response?: unknown) => void) => boolean;

/**
 * Wraps a runtime.onMessage listener so that untrusted senders are ignored.
 *
 * @example chrome.runtime.onMessage.addListener(onlyFromTrustedSenders(createRequestListener(handlers), chrome.runtime.id))
 */
export function onlyFromTrustedSenders<L extends MessageListener>(listener: L, extensionId: string): L {
  return ((msg, sender, sendResponse) => (isTrustedSender(sender, extensionId) ? listener(msg, sender, sendResponse) : false)) as L;
}

export interface RequestDeps {
  sync: { refreshAll: () => Promise<{ ok: boolean; error: string | null }>; boot: () => Promise<void> };
  petByRepo: (req: { owner: string; name: string }) => Promise<{ pet: PetDto | null }>;
  openPet: (petId: string) => Promise<void>;
  openOptions: (signIn: boolean) => Promise<void>;
  /** The PR-page overlay's checks (checks.ts). */
  checks: CheckRequests;
}

/** One handler per request type of shared/messages.ts; createRequestListener answers with what they return. */
export function requestHandlers({ sync, petByRepo, openPet, openOptions, checks }: RequestDeps): Handlers {
  return {
    'pets/refresh': () => sync.refreshAll(),
    'pet/by-repo': (req) => petByRepo(req),
    'pet/open': async ({ petId }) => {
      await openPet(petId);
      return { ok: true };
    },
    'check/for-pr': (req) => checks.forPr(req),
    'check/request': (req) => checks.request(req),
    'check/open': (req) => checks.open(req),
    'options/open': async ({ signIn }) => {
      await openOptions(signIn === true);
      return { ok: true };
    },
    'session/changed': async () => {
      await sync.boot();
      return { ok: true };
    },
  };
}

export interface ServerMessageDeps {
  /** The cache writers of pet-sync.ts. */
  pets: {
    currentTarget: () => Promise<ApiTarget | null>;
    applyPetUpdate: (msg: PetUpdate) => Promise<{ pet: PetDto; alarming: boolean } | null>;
    refreshPets: (target: ApiTarget) => Promise<unknown>;
    refreshPetDetails: (target: ApiTarget, petId: string) => Promise<unknown>;
    removePet: (petId: string) => Promise<void>;
  };
  repos: { forget: (fullName: string) => void; clear: () => void };
  broadcast: Broadcast;
  notifyDrop: (pet: PetDto) => Promise<void>;
  updateBadge: () => Promise<void>;
  inbox: { receive: (msg: NudgeMessage) => Promise<void> };
}

type ServerHandlers = { [T in ServerMessage['type']]?: (msg: Extract<ServerMessage, { type: T }>) => Promise<void> };

/** What each socket message does; types not listed ('hello', 'pong') are ignored. */
export function serverMessageHandler({ pets, repos, broadcast, notifyDrop, updateBadge, inbox }: ServerMessageDeps): (msg: ServerMessage) => Promise<void> {
  const handlers: ServerHandlers = {
    'pet.updated': async (msg) => {
      const applied = await pets.applyPetUpdate(msg);
      const target = await pets.currentTarget();
      if (!applied) {
        // Not in the cached list (nothing cached yet, or a pet adopted elsewhere): the full list has it.
        if (target) await pets.refreshPets(target).catch(() => undefined);
      } else {
        repos.forget(applied.pet.repo.fullName);
        broadcast('pet/updated', { pet: applied.pet, delta: msg.delta });
        if (applied.alarming) await notifyDrop(applied.pet);
      }
      await updateBadge();
      // Sparkline and vet reports: fetched after the number, which already moved.
      if (target) await pets.refreshPetDetails(target, msg.petId).catch(() => undefined);
    },
    'pet.deleted': async (msg) => {
      await pets.removePet(msg.petId);
      repos.clear();
      broadcast('pet/deleted', { petId: msg.petId });
      await updateBadge();
    },
    'coach.nudge': (msg) => inbox.receive(msg),
    // The popup's PR checks and the PR-page overlay follow it; neither is cached here.
    'check.updated': async ({ checkId, petId, prNumber, status, verdict }) => broadcast('check/updated', { checkId, petId, prNumber, status, verdict }),
  };
  return async (msg) => {
    if (!Object.hasOwn(handlers, msg.type)) return;
    const handler = handlers[msg.type] as ((m: ServerMessage) => Promise<void>) | undefined;
    await handler?.(msg);
  };
}
